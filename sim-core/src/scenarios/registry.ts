import { cassandraReplication } from "./cassandra-replication.js";
import { fanOut } from "./fan-out.js";
import type { ParamValues } from "./param-schema.js";
import { queueing } from "./queueing.js";
import type { Scenario, ScenarioResultBase } from "./scenario.js";
import { timeoutBudgets } from "./timeout-budgets.js";

/** A scenario of any shape, as registries and generic UI see it. */
// biome-ignore lint/suspicious/noExplicitAny: a registry holds scenarios of different parameter and result types.
export type AnyScenario = Scenario<any, ScenarioResultBase, any>;

/**
 * Every module scenario by id, in course order. The site's `Simulation` component, the
 * cross-surface fingerprint test and the API reference read this list.
 *
 * @example
 * scenarios.queueing.module // 0
 */
export const scenarios: Record<string, AnyScenario> = {
  queueing,
  fanOut,
  cassandraReplication,
  timeoutBudgets,
};

/**
 * Looks a scenario up by id; an unknown id throws an error listing the known ones.
 *
 * @example
 * getScenario("fanOut").title // 'Tail latency at fan-out'
 */
export function getScenario(id: string): AnyScenario {
  const scenario = scenarios[id];
  if (scenario === undefined) {
    throw new Error(`unknown scenario "${id}" (known: ${Object.keys(scenarios).join(", ")})`);
  }
  return scenario;
}

export type { ParamValues };
