// What the site knows about each scenario: the scenario itself and its author's views (Plot
// charts and Mermaid diagrams, pure functions of a run's result), both from the course registry
// in sim-core (sim-core/src/course/modules.ts). A scenario without charts gets charts drawn from
// its result's row arrays.
import type { AnyScenario, ParamValues, ScenarioResultBase, ScenarioViews, Seed, Span } from "sim-core";
import { MODULES, scenarioEntries, traceTimeline, traceToMermaidSequence } from "sim-core";
import { autoCharts, type ChartSpec } from "./auto-charts.js";

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

function isSpanList(value: unknown): value is Span[] {
  const first = Array.isArray(value) ? (value[0] as unknown) : undefined;
  return first !== null && typeof first === "object" && "callerInstance" in first && "instance" in first;
}

function siteEntry(scenario: AnyScenario, views: ScenarioViews): SiteScenario {
  return {
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
  };
}

const entries = new Map(scenarioEntries(MODULES).map(([id, e]) => [id, siteEntry(e.scenario, e.views)]));

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

/** Every registered scenario id, in course order. */
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

/**
 * A page's run input: the scenario's named preset (if any) with the page's own parameters on
 * top, and the page's seed, else the preset's, else the scenario's default. An unknown preset
 * throws during server rendering, so a typo in a page fails the build.
 */
export function runInput(
  entry: SiteScenario,
  preset: string | undefined,
  params: ParamValues | undefined,
  seed: Seed | undefined,
): { values: ParamValues; seed: Seed } {
  const presets = entry.scenario.presets as Record<string, (ParamValues & { seed?: Seed }) | undefined>;
  const chosen = preset === undefined ? {} : presets[preset];
  if (chosen === undefined) {
    const known = Object.keys(presets).join(", ") || "none";
    throw new Error(`scenario "${entry.scenario.id}" has no preset "${preset}" (known: ${known})`);
  }
  const { seed: presetSeed, ...values } = chosen;
  return { values: { ...values, ...(params ?? {}) }, seed: seed ?? presetSeed ?? entry.scenario.defaultSeed };
}
