export {
  type BooleanParamSpec,
  type ChoiceParamSpec,
  checkPresets,
  type NumberParamSpec,
  type ParamSchema,
  type ParamSpec,
  type ParamsOf,
  type ParamValueOf,
  type ParamValues,
  type Preset,
  validateParams,
} from "./param-schema.js";
export { type AnyScenario, defineScenario, type Scenario, type ScenarioResultBase } from "./scenario.js";
export { queueing, type QueueingResult } from "./queueing.js";
export { fanOut, type FanOutResult } from "./fan-out.js";
export { type LeafTail, slowestLeaf } from "./fan-out-tail.js";
export {
  cassandraReplication,
  type CassandraReplicationExtras,
  type CassandraReplicationParams,
  type CassandraReplicationResult,
  type ReplicaPlacement,
} from "./cassandra-replication.js";
export { PROBE_DELAYS_MS } from "./cassandra-replication-run.js";
export { cassandraLevelSweep, type LevelOutcome } from "./cassandra-replication-sweep.js";
export { type TimeoutBudgetsExtras, type TimeoutBudgetsResult, timeoutBudgets } from "./timeout-budgets.js";
export { TIMEOUT_BUDGETS_PARAMS, type TimeoutBudgetsParams } from "./timeout-budgets-params.js";
export { type DecompositionExtras, type DecompositionResult, decomposition } from "./decomposition.js";
export {
  DECOMPOSITION_PARAMS,
  DECOMPOSITION_PRESETS,
  DECOMPOSITIONS,
  type DecompositionParams,
  FAILURES,
} from "./decomposition-params.js";
