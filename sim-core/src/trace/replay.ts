import {
  type MoveKind,
  REPLAY_STATUSES,
  type Replay,
  type ReplayChange,
  type ReplayFrame,
  type ReplayNodeState,
  type ReplayStatus,
} from "./replay-types.js";

/** The nodes at one time, and how exactly that time is known. */
export interface ReplayState {
  /** The time asked for, clamped to the run. */
  tUs: number;
  /** The time whose state `nodes` is: `tUs` inside the window, the frame before it outside. */
  atUs: number;
  /** True when `nodes` is the state at `tUs` itself (inside the exact window). */
  exact: boolean;
  nodes: ReplayNodeState[];
}

/** A message on its way: `progress` runs from 0 (leaving `from`) to 1 (reaching `to`). */
export interface MoveAt {
  from: number;
  to: number;
  kind: MoveKind;
  progress: number;
}

/**
 * Whether `tUs` lies in the replay's exact window (the run is known event by event there).
 *
 * @example
 * replayInWindow({ endUs: 10, window: { fromUs: 0, toUs: 10 } } as Replay, 10) // true
 */
export function replayInWindow(replay: Replay, tUs: number): boolean {
  const w = replay.window;
  return tUs >= w.fromUs && (tUs < w.toUs || (w.toUs === replay.endUs && tUs <= replay.endUs));
}

/**
 * The state of every node at virtual time `tUs`: exact inside the window (its state at the start
 * plus every change up to and including `tUs`), else the last frame at or before `tUs`.
 *
 * @example
 * const r = new ReplayRecorder(); r.node("q", { workers: 1 });
 * replayStateAt(r.finish(), 0).nodes // [{ queued: 0, busy: 0, status: 'up' }]
 */
export function replayStateAt(replay: Replay, tUs: number): ReplayState {
  const t = Math.max(0, Math.min(tUs, replay.endUs));
  if (replayInWindow(replay, t)) {
    const w = replay.window;
    const nodes = w.base.map((s) => ({ ...s }));
    const end = upperBound(w.changes, t, (c) => c.tUs);
    for (let i = 0; i < end; i++) apply(nodes, w.changes[i] as ReplayChange);
    return { tUs: t, atUs: t, exact: true, nodes };
  }
  const frame = frameAt(replay, t);
  if (frame === undefined) {
    const nodes = replay.nodes.map(() => ({ queued: 0, busy: 0, status: "up" as ReplayStatus }));
    return { tUs: t, atUs: 0, exact: t === 0, nodes };
  }
  const nodes = replay.nodes.map((_, i) => ({
    queued: frame.queued[i] ?? 0,
    busy: frame.busy[i] ?? 0,
    status: REPLAY_STATUSES[frame.status[i] ?? 0] as ReplayStatus,
  }));
  return { tUs: t, atUs: frame.tUs, exact: frame.tUs === t, nodes };
}

/**
 * The messages in flight at `tUs` (window only). A message shorter than `minVisibleUs` is shown
 * for that long, so a hand-over in place (0 µs) still flashes by at the viewer's speed.
 *
 * @example
 * replayMovesAt({ endUs: 0, window: { fromUs: 0, toUs: 0, moves: [], maxMoveUs: 0 } } as unknown as Replay, 0) // []
 */
export function replayMovesAt(replay: Replay, tUs: number, minVisibleUs = 0): MoveAt[] {
  if (!replayInWindow(replay, tUs)) return [];
  const moves = replay.window.moves;
  const reach = Math.max(replay.window.maxMoveUs, minVisibleUs);
  const out: MoveAt[] = [];
  for (let i = upperBound(moves, tUs, (m) => m.startUs) - 1; i >= 0; i--) {
    const m = moves[i];
    if (m === undefined || m.startUs < tUs - reach) break;
    const shownUs = Math.max(m.endUs - m.startUs, minVisibleUs);
    if (tUs > m.startUs + shownUs) continue;
    out.push({ from: m.from, to: m.to, kind: m.kind, progress: shownUs === 0 ? 1 : (tUs - m.startUs) / shownUs });
  }
  return out.reverse();
}

/**
 * The next time after `tUs` (or, with `direction` -1, the last time before it) at which something
 * happens: a change or a message sent inside the window, else the next frame. Clamped to the run.
 *
 * @example
 * const r = new ReplayRecorder(); r.node("q"); replayStepTime(r.finish(), 0, 1) // 0
 */
export function replayStepTime(replay: Replay, tUs: number, direction: 1 | -1): number {
  const w = replay.window;
  const lists = [w.changes.map((c) => c.tUs), w.moves.map((m) => m.startUs)];
  let inside = direction === 1 ? Infinity : -Infinity;
  for (const times of lists) {
    const i = direction === 1 ? upperBound(times, tUs, (x) => x) : upperBound(times, tUs - 1, (x) => x) - 1;
    const time = times[i];
    if (time !== undefined) inside = direction === 1 ? Math.min(inside, time) : Math.max(inside, time);
  }
  const step = replay.frameStepUs;
  const frame = direction === 1 ? (Math.floor(tUs / step) + 1) * step : (Math.ceil(tUs / step) - 1) * step;
  // Inside the window every event is known, so the next one is the step; outside, whichever
  // comes first of the next frame and the window's first event.
  const next =
    replayInWindow(replay, tUs) && Number.isFinite(inside)
      ? inside
      : direction === 1
        ? Math.min(inside, frame)
        : Math.max(inside, frame);
  return Math.max(0, Math.min(next, replay.endUs));
}

function apply(nodes: ReplayNodeState[], c: ReplayChange): void {
  const s = nodes[c.node];
  if (s === undefined) return;
  if (c.field === 0) s.queued = c.value;
  else if (c.field === 1) s.busy = c.value;
  else s.status = REPLAY_STATUSES[c.value] as ReplayStatus;
}

function frameAt(replay: Replay, tUs: number): ReplayFrame | undefined {
  const i = upperBound(replay.frames, tUs, (f) => f.tUs) - 1;
  return replay.frames[i];
}

/** The number of items whose key is at most `t` (items sorted by key). */
function upperBound<T>(items: readonly T[], t: number, key: (item: T) => number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (key(items[mid] as T) <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
