import type { LatencySummary } from "../metrics/index.js";
import type { Seed } from "../random/index.js";
import type { ReplicationOutcomes } from "./cassandra-replication-summary.js";

export type { CassandraReplicationParams } from "./cassandra-replication-params.js";

export interface OpCounts {
  attempted: number;
  ok: number;
  unavailable: number;
  timeout: number;
  /** ok / attempted (1 when nothing was attempted). */
  availability: number;
}

export interface SeriesBin {
  timeMs: number;
  writesOk: number;
  writesFailed: number;
  readsOk: number;
  readsFailed: number;
  readsStale: number;
}

export interface CassandraReplicationResult extends ReplicationOutcomes {
  seed: Seed;
  fingerprint: string;
  writes: OpCounts;
  /** The reads at `readDelayMs` after each acknowledged write. */
  reads: OpCounts;
  writeLatencyMs: LatencySummary;
  readLatencyMs: LatencySummary;
  /** Successful reads at `readDelayMs` that returned a value older than the write they read back. */
  staleReads: number;
  staleReadFraction: number;
  /** Probe reads: the share of stale answers t ms after the acknowledgement. */
  stalenessCurve: { delayMs: number; reads: number; stale: number; staleFraction: number }[];
  series: SeriesBin[];
  hints: { stored: number; replayed: number; skipped: number; pendingAtEnd: number };
  readRepairs: number;
  failure: { kind: string; target: string | null; atMs: number; untilMs: number | null };
  /** Distinct keys that received at least one write (the hot key mode concentrates them). */
  distinctKeysWritten: number;
  events: number;
  endMs: number;
}

/**
 * A replica placement policy (what the module 3 lab asks for): the replicas of `token`, primary
 * first, given the ring in token order, every node's region and zone, and replicas per region.
 */
export type ReplicaPlacement = (
  ring: readonly { token: number; node: number }[],
  nodes: readonly { id: number; region: string; zone: string }[],
  token: number,
  rfByRegion: Readonly<Record<string, number>>,
) => number[];

/** Scenario inputs that are not controls: a learner's placement instead of NetworkTopologyStrategy. */
export interface CassandraReplicationExtras {
  placement?: ReplicaPlacement;
}
