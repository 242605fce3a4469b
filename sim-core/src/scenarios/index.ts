export {
  defineScenario,
  validateParams,
  type ParamSpec,
  type ParamValues,
  type Scenario,
  type ScenarioResultBase,
} from "./scenario.js";
export { queueing, type QueueingResult } from "./queueing.js";
export { fanOut, type FanOutResult } from "./fan-out.js";
export { getScenario, scenarios, type AnyScenario } from "./registry.js";
export {
  cassandraReplication,
  type CassandraReplicationParams,
  type CassandraReplicationResult,
} from "./cassandra-replication.js";
export { PROBE_DELAYS_MS } from "./cassandra-replication-run.js";
export { cassandraLevelSweep, type LevelOutcome } from "./cassandra-replication-sweep.js";
