import type { AnyScenario } from "../scenarios/index.js";
import type { ScenarioViews } from "../viz/index.js";
import type { BuiltModule, CourseModule, ScenarioEntry } from "./module.js";
import { MODULES } from "./modules.js";

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
type Entries = UnionToIntersection<Extract<(typeof MODULES)[number], { scenarios: object }>["scenarios"]>;

/** The id of a registered scenario, e.g. "timeoutBudgets". */
export type ScenarioId = keyof Entries & string;

/** Registered scenarios by id, each with its own parameter, preset and result types. */
export type ScenarioTable = {
  readonly [K in ScenarioId]: Entries[K] extends ScenarioEntry ? Entries[K]["scenario"] : never;
};

/**
 * The modules whose parts exist, in course order.
 *
 * @example
 * builtModules(MODULES).map((m) => m.number) // [0, 1, 2, 3, 4, 5]
 */
export function builtModules(modules: readonly CourseModule[]): BuiltModule[] {
  return modules.filter((m): m is BuiltModule => m.planned !== true);
}

/**
 * Every scenario entry of `modules`, in course order. A key that differs from its scenario's
 * id, or an id used twice, is a course defect and throws here, when sim-core loads.
 *
 * @example
 * scenarioEntries(MODULES).map(([id]) => id) // ['queueing', 'fanOut', 'decomposition', 'shadowTraffic', 'responseDiff', 'canaryRelease', 'cassandraReplication', 'chaosExperiment', 'regionEvacuation', 'timeoutBudgets']
 */
export function scenarioEntries(modules: readonly CourseModule[]): [string, ScenarioEntry][] {
  const seen = new Set<string>();
  const entries: [string, ScenarioEntry][] = [];
  for (const module of builtModules(modules)) {
    for (const [id, entry] of Object.entries(module.scenarios)) {
      if (entry.scenario.id !== id) {
        throw new Error(`course module ${module.number}: scenario "${entry.scenario.id}" is listed under "${id}"`);
      }
      if (entry.scenario.module !== module.number) {
        throw new Error(`course module ${module.number}: scenario "${id}" says module ${entry.scenario.module}`);
      }
      if (seen.has(id)) throw new Error(`course: scenario "${id}" is listed twice`);
      seen.add(id);
      entries.push([id, entry]);
    }
  }
  return entries;
}

const ENTRIES = scenarioEntries(MODULES);

/**
 * Every registered scenario by id, in course order, typed: `scenarios.fanOut.run(…)`.
 *
 * @example
 * scenarios.queueing.module // 0
 */
export const scenarios = Object.fromEntries(ENTRIES.map(([id, e]) => [id, e.scenario])) as ScenarioTable;

/**
 * Charts and diagrams of every registered scenario, by id.
 *
 * @example
 * views.queueing.charts.map((c) => c.id) // ['responseTimes', 'queueLength', 'theory']
 */
export const views = Object.fromEntries(ENTRIES.map(([id, e]) => [id, e.views])) as {
  readonly [K in ScenarioId]: ScenarioViews;
};

/**
 * Looks a scenario up by a runtime id (a page attribute, a URL); an unknown id throws an error
 * listing the known ones.
 *
 * @example
 * getScenario("fanOut").title // 'Tail latency at fan-out'
 */
export function getScenario(id: string): AnyScenario {
  const entry = ENTRIES.find(([known]) => known === id);
  if (entry === undefined) {
    throw new Error(`unknown scenario "${id}" (known: ${ENTRIES.map(([known]) => known).join(", ")})`);
  }
  return entry[1].scenario;
}

/**
 * The views of a scenario, or an empty set for one that is not registered.
 *
 * @example
 * viewsFor(queueing).charts.length // 3
 */
export function viewsFor(scenario: AnyScenario): ScenarioViews {
  return ENTRIES.find(([id]) => id === scenario.id)?.[1].views ?? { charts: [] };
}
