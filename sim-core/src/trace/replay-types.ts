// The data a replay of a run is made of: plain arrays and numbers, so a page can keep it, a test
// can compare it and a notebook can print it. Built by `ReplayRecorder`, read by `replay.ts`.

/** A node's health: serving, down (its machine failed) or hung (alive but not answering). */
export type ReplayStatus = "up" | "down" | "hung";
/** Health codes as stored in frames and changes (index into this list). */
export const REPLAY_STATUSES: readonly ReplayStatus[] = ["up", "down", "hung"];

/** What a message on an edge is: a request, an answer by its outcome, or one the network lost. */
export type MoveKind = "request" | "ok" | "error" | "timeout" | "rejected" | "lost";

/** One box of the replayed topology: an instance, a queue, a replica, or the clients. */
export interface ReplayNode {
  id: string;
  label: string;
  /** Nodes of one group (a service, a zone) are drawn together. */
  group: string;
  /** Parallel workers, or 0 for a node that has no pool (clients, a sink, a replica). */
  workers: number;
  /** Waiting places, `Infinity` for an unbounded queue, 0 for none. */
  queueCapacity: number;
}

/** The state of every node at one time (index = node index). */
export interface ReplayNodeState {
  queued: number;
  busy: number;
  status: ReplayStatus;
}

/** A message from one node to another, sent at `startUs` and arriving at `endUs`. */
export interface ReplayMove {
  from: number;
  to: number;
  startUs: number;
  endUs: number;
  kind: MoveKind;
}

/** One change of one node's state: field 0 = queued, 1 = busy, 2 = status code. */
export interface ReplayChange {
  tUs: number;
  node: number;
  field: 0 | 1 | 2;
  value: number;
}

/**
 * A sample of every node at `tUs`, and the most requests that waited at each node until the next
 * frame (so a spike shorter than a frame still shows on the overview).
 */
export interface ReplayFrame {
  tUs: number;
  queued: number[];
  busy: number[];
  status: number[];
  peakQueued: number[];
  /** Messages sent during this frame, over all edges. */
  moves: number;
}

/**
 * A stretch of the run kept exactly: the state at `fromUs` and every change and message up to
 * `toUs` (exclusive, or the end of the run). Outside it, only frames are known: re-run the
 * scenario with a window starting elsewhere to see that part exactly.
 */
export interface ReplayWindow {
  fromUs: number;
  toUs: number;
  base: ReplayNodeState[];
  changes: ReplayChange[];
  moves: ReplayMove[];
  /** The longest message in `moves`, so a viewer finds the ones in flight without a full scan. */
  maxMoveUs: number;
}

/** A run, ready to be watched: its topology, bounded frames over the whole run, and one exact window. */
export interface Replay {
  nodes: ReplayNode[];
  /** Directed edges between node indices, as the topology draws its arrows. */
  edges: [number, number][];
  /** When the run ended, in virtual µs. */
  endUs: number;
  /** Spacing of `frames`; doubles whenever they would exceed the recorder's `maxFrames`. */
  frameStepUs: number;
  frames: ReplayFrame[];
  window: ReplayWindow;
}
