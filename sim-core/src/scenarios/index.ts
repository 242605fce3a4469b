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
export { type ChaosExperimentExtras, type ChaosExperimentResult, chaosExperiment } from "./chaos-experiment.js";
export { CHAOS_EXPERIMENT_PARAMS, type ChaosExperimentParams } from "./chaos-experiment-params.js";
export { type TimeoutBudgetsExtras, type TimeoutBudgetsResult, timeoutBudgets } from "./timeout-budgets.js";
export { TIMEOUT_BUDGETS_PARAMS, type TimeoutBudgetsParams } from "./timeout-budgets-params.js";
export { recordReplay } from "./record-replay.js";
export { type DecompositionExtras, type DecompositionResult, decomposition } from "./decomposition.js";
export {
  DECOMPOSITION_PARAMS,
  DECOMPOSITION_PRESETS,
  DECOMPOSITIONS,
  type DecompositionParams,
  FAILURES,
} from "./decomposition-params.js";
export {
  GUARD_HOLD_UTILISATION,
  GUARD_MAX_ERROR_RATE,
  SAMPLING_THRESHOLDS,
  type ShadowTrafficExtras,
  type ShadowTrafficResult,
  shadowTraffic,
} from "./shadow-traffic.js";
export {
  RAMPS,
  SHADOW_TRAFFIC_PARAMS,
  SHADOW_TRAFFIC_PRESETS,
  type ShadowTrafficParams,
} from "./shadow-traffic-params.js";
export {
  RESPONSE_DIFF_PARAMS,
  type ResponseDiffExtras,
  type ResponseDiffParams,
  type ResponseDiffResult,
  responseDiff,
} from "./response-diff.js";
export {
  CANARY_RELEASE_PARAMS,
  type CanaryReleaseExtras,
  type CanaryReleaseParams,
  type CanaryReleaseResult,
  canaryRelease,
} from "./canary-release.js";
export { numberParam } from "./number-param.js";
export {
  evacuationSpecOf,
  REGION_EVACUATION_PARAMS,
  type RegionEvacuationExtras,
  type RegionEvacuationParams,
  type RegionEvacuationResult,
  regionEvacuation,
} from "./region-evacuation.js";
