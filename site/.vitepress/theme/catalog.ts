// What the site knows about each scenario: the scenario itself (sim-core's registry) and its
// author's views (sim-core/viz/catalog.ts): Plot charts and Mermaid diagrams, pure functions of
// a run's result. A scenario without charts gets charts drawn from its result's row arrays.
import type { ParamValues, Scenario, ScenarioResultBase, Seed, Span } from "sim-core";
import { traceTimeline, traceToMermaidSequence } from "sim-core";
import { autoCharts, type ChartSpec } from "./auto-charts.js";

// biome-ignore lint/suspicious/noExplicitAny: the catalog holds scenarios of every result type.
export type AnyScenario = Scenario<any, any, any>;
type Views = {
  // biome-ignore lint/suspicious/noExplicitAny: each scenario's charts take its own result type.
  charts: { id: string; title: string; caption: string; options(result: any): ChartSpec["options"] }[];
  // biome-ignore lint/suspicious/noExplicitAny: as above.
  diagrams?: Record<string, (result: any) => string>;
};

export interface SiteChart extends ChartSpec {
  name: string;
  caption: string;
}

export interface SiteScenario {
  scenario: AnyScenario;
  /** Named charts (only those in `names` when given); the component shows all unless a page picks some. */
  charts: (result: ScenarioResultBase, names?: readonly string[]) => SiteChart[];
  /** Mermaid text by diagram name ("topology", "trace", …). */
  diagrams: Record<string, (result: ScenarioResultBase) => string>;
}

const entries = new Map<string, SiteScenario>();

function isSpanList(value: unknown): value is Span[] {
  const first = Array.isArray(value) ? (value[0] as unknown) : undefined;
  return first !== null && typeof first === "object" && "callerInstance" in first && "instance" in first;
}

/** Adds or replaces a scenario with its views. */
export function registerScenario(scenario: AnyScenario, views: Views = { charts: [] }): void {
  entries.set(scenario.id, {
    scenario,
    charts:
      views.charts.length > 0
        ? (result, names) =>
            // Only the charts a page shows are computed: a redraw pays for nothing hidden.
            views.charts
              .filter((c) => !names || names.includes(c.id))
              .map((c) => ({ name: c.id, title: c.title, caption: c.caption, options: c.options(result) }))
        : (result, names) =>
            autoCharts(result)
              .filter((spec) => !names || names.includes(spec.title))
              .map((spec) => ({ ...spec, name: spec.title, caption: "" })),
    diagrams: { ...(views.diagrams ?? {}) },
  });
}

/**
 * Mermaid text of the diagram `name` for a result, or undefined when the scenario has none. A
 * result that carries a list of spans gets a "trace" diagram without any extra code.
 */
export function diagramOf(entry: SiteScenario, name: string, result: ScenarioResultBase): string | undefined {
  const view = entry.diagrams[name];
  if (view) return view(result);
  if (name !== "trace") return undefined;
  const fields = result as unknown as Record<string, unknown>;
  const spans = Object.values(fields).find(isSpanList);
  return spans ? traceToMermaidSequence(spans) : undefined;
}

/** Plot options of the first trace (list of spans) in a result as a timeline, or undefined. */
export function timelineOf(result: ScenarioResultBase): ChartSpec["options"] | undefined {
  const spans = Object.values(result as unknown as Record<string, unknown>).find(isSpanList);
  return spans ? traceTimeline(spans) : undefined;
}

/** The entry for `id`, or an error naming the registered ids (shown on the page). */
export function lookupScenario(id: string): SiteScenario {
  const entry = entries.get(id);
  if (!entry) throw new Error(`unknown scenario "${id}" (registered: ${[...entries.keys()].join(", ") || "none"})`);
  return entry;
}

/** Every registered scenario id, in registration order. */
export function scenarioIds(): string[] {
  return [...entries.keys()];
}

/** Runs a scenario from a page's state, timing it with performance marks for the speed script. */
export function runScenario(entry: SiteScenario, values: ParamValues, seed: Seed, mark: string): ScenarioResultBase {
  const start = `${mark}:start`;
  performance.mark(start);
  try {
    return entry.scenario.run({ ...values, seed }) as ScenarioResultBase;
  } finally {
    performance.measure(mark, start);
  }
}
