// storage/: a Cassandra-like store. Pure placement and consistency arithmetic first, then the
// PBS staleness model, then the simulated coordinator on the cluster floor.
export {
  CONSISTENCY_LEVELS,
  type ConsistencyLevel,
  isMet,
  quorum,
  quorumsOverlap,
  type Requirement,
  requirement,
} from "./consistency.js";
export { int32Key, murmur3Token, murmur3x64_128, type PartitionKey, tokenOf } from "./murmur3.js";
export {
  kStaleness,
  type LatencyPercentilesMs,
  type PbsOptions,
  type PbsResult,
  pbsStaleness,
} from "./pbs.js";
export {
  type WarsDelays,
  type WarsLegs,
  type WarsOptions,
  type WarsTrials,
  warsTrials,
} from "./pbs-trials.js";
export {
  LNKD_DISK_WRITE_DELAY,
  LNKD_SSD_DELAY,
  WAN_REMOTE_DELAY_MS,
  WARS_MODELS,
  type WarsModelName,
  YMMR_READ_DELAY,
  YMMR_WRITE_DELAY,
} from "./pbs-models.js";
export {
  type PlacementNode,
  type PlacementTopology,
  type Replication,
  type ReplicationSpec,
  replication,
} from "./replication.js";
export { DEFAULT_VNODES, type RingEntry, TokenRing } from "./ring.js";
export { type Hint, HintStore } from "./hints.js";
export { checkPlacement } from "./placement-check.js";
export { CassandraStore } from "./store.js";
export {
  MAX_HINT_WINDOW_MS,
  type OpResult,
  type PendingOp,
  READ_REQUEST_TIMEOUT_MS,
  type StoreOptions,
  type StoreStats,
  WRITE_REQUEST_TIMEOUT_MS,
} from "./store-types.js";
export { HINT_DISPATCH_INTERVAL_MS, HintedHandoff } from "./hinted-handoff.js";
