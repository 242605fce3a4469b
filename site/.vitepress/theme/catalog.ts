// What the site knows about each scenario: the scenario itself (from sim-core's registry) and
// its scenario author's views — Plot charts, a Mermaid topology and a Mermaid request trace.
// Views are pure functions of the run's result (and a `document` for Plot), owned by sim-core/viz.
import type { ParamValues, Scenario, ScenarioResultBase, Seed } from "sim-core";
import { autoCharts, type ChartSpec } from "./auto-charts.js";

// biome-ignore lint/suspicious/noExplicitAny: the catalog holds scenarios of every result type.
export type AnyScenario = Scenario<any, any, any>;

export interface SiteScenario {
  scenario: AnyScenario;
  /** Named charts; the component shows all of them unless a page picks some. */
  charts: (result: ScenarioResultBase) => (ChartSpec & { name: string })[];
  /** Mermaid flowchart text of the scenario's topology, when it has one. */
  topology?: (result: ScenarioResultBase) => string;
  /** Mermaid sequence text of one request of the run, when it records traces. */
  trace?: (result: ScenarioResultBase) => string;
}

const entries = new Map<string, SiteScenario>();

/** Adds or replaces a scenario (tests register small ones; the registry registers the rest). */
export function registerScenario(entry: Partial<SiteScenario> & { scenario: AnyScenario }): void {
  entries.set(entry.scenario.id, {
    charts: (result) => autoCharts(result).map((spec) => ({ ...spec, name: spec.title })),
    ...entry,
  });
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
