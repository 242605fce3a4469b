import type { Requirement } from "./consistency.js";
import type { ReplicationSpec } from "./replication.js";
import type { TokenRing } from "./ring.js";

/** cassandra.yaml default: write_request_timeout_in_ms: 2000. */
export const WRITE_REQUEST_TIMEOUT_MS = 2000;
/** cassandra.yaml default: read_request_timeout_in_ms: 5000. */
export const READ_REQUEST_TIMEOUT_MS = 5000;
/** cassandra.yaml default: max_hint_window_in_ms: 10800000 (3 hours). */
export const MAX_HINT_WINDOW_MS = 10_800_000;

export interface StoreOptions {
  replication: ReplicationSpec;
  /** Keys are numbered 0..keyCount-1; key k is the text `key:k` to the partitioner. */
  keyCount: number;
  vnodes?: number;
  /** A given ring instead of random vnode tokens. */
  ring?: TokenRing;
  hintedHandoff?: boolean;
  readRepair?: boolean;
  writeTimeoutMs?: number;
  readTimeoutMs?: number;
  maxHintWindowMs?: number;
  /**
   * A replica placement to use instead of the replication strategy's (a learner's policy). Its
   * answer is checked: distinct node ids, as many per region as the replication asks for.
   */
  placement?: (token: number) => number[];
}

/** What a client hears back. `value` is the id of the write a read returned (-1: no value). */
export type OpResult =
  | { ok: true; value: number; latencyUs: number; coordinator: number }
  | { ok: false; error: "unavailable" | "timeout"; latencyUs: number; coordinator: number };

/** Counters a run reports. */
export interface StoreStats {
  hintsStored: number;
  hintsReplayed: number;
  /** Hints not stored: the replica had been down longer than max_hint_window, or hints are off. */
  hintsSkipped: number;
  readRepairs: number;
}

/** One request in flight at its coordinator. Fields are mutated as replies come in. */
export interface PendingOp {
  id: number;
  key: number;
  coord: number;
  startUs: number;
  req: Requirement;
  replicas: number[];
  counts: Int32Array;
  replied: Uint8Array;
  done: boolean;
  expiry: number;
  cb: (r: OpResult) => void;
  /** Writes: replicas given a hint. */
  hinted: Uint8Array;
  /** Reads: each reply's value, the newest seen, and repairs outstanding. */
  values: Float64Array;
  best: number;
  repairsPending: number;
}
