import { checkNumber, SimConfigError } from "../errors/index.js";
import { FrameSampler } from "./replay-frames.js";
import {
  type MoveKind,
  REPLAY_STATUSES,
  type Replay,
  type ReplayChange,
  type ReplayMove,
  type ReplayNode,
  type ReplayNodeState,
  type ReplayStatus,
} from "./replay-types.js";

/**
 * Exact items (state changes and messages) kept in the window. About 1 MB of small objects, and
 * enough for several seconds of a default module run; a viewer re-runs for a later window.
 */
export const REPLAY_MAX_ITEMS = 20_000;
/** Frames over the whole run: one per pixel of a wide scrubber is all a viewer can show. */
export const REPLAY_MAX_FRAMES = 400;

export interface ReplayOptions {
  /** Start of the exact window, in virtual ms (default 0). */
  fromMs?: number;
  /** Most changes and messages the window keeps; it closes at the first one past this. */
  maxItems?: number;
  /** Most frames kept over the whole run (at least 2). */
  maxFrames?: number;
}

/**
 * Records what a viewer needs to replay a run on its topology, with memory bounded whatever the
 * run's length: the state of every node at evenly spaced frames (at most `maxFrames`), and every
 * change and message exactly inside one window that closes after `maxItems`. It only reads the
 * clock: a run records the same fingerprint with or without it.
 *
 * @example
 * const sim = new Simulation(); const rec = new ReplayRecorder().attach(sim);
 * rec.node("queue", { workers: 1 });
 * sim.schedule(2000, sim.handler("arrive", () => rec.gauge("queue", 0, 1)), null); sim.run();
 * rec.finish().window.changes // [{ tUs: 2000, node: 0, field: 1, value: 1 }]
 */
export class ReplayRecorder {
  private clock: { readonly nowUs: number } | null = null;
  private readonly nodes: ReplayNode[] = [];
  private readonly index = new Map<string, number>();
  private readonly edges: [number, number][] = [];
  private readonly state = { queued: [] as number[], busy: [] as number[], status: [] as number[] };
  private readonly frames: FrameSampler;
  private readonly fromUs: number;
  private readonly maxItems: number;
  private base: ReplayNodeState[] | null = null;
  private closedAtUs = Infinity;
  private readonly changes: ReplayChange[] = [];
  private readonly moves: ReplayMove[] = [];
  private maxMoveUs = 0;

  constructor(options: ReplayOptions = {}) {
    this.fromUs = Math.round(checkNumber("replay.fromMs", options.fromMs ?? 0, { min: 0 }) * 1000);
    this.maxItems = checkNumber("replay.maxItems", options.maxItems ?? REPLAY_MAX_ITEMS, { min: 1, integer: true });
    this.frames = new FrameSampler(
      checkNumber("replay.maxFrames", options.maxFrames ?? REPLAY_MAX_FRAMES, { min: 2, integer: true }),
    );
  }

  /** Reads time from this simulation from now on; returns the recorder for chaining. */
  attach(clock: { readonly nowUs: number }): this {
    this.clock = clock;
    return this;
  }

  /** Declares a node (once; a second call returns the same index). */
  node(id: string, o: { label?: string; group?: string; workers?: number; queueCapacity?: number } = {}): number {
    const known = this.index.get(id);
    if (known !== undefined) return known;
    const i = this.nodes.length;
    this.nodes.push({
      id,
      label: o.label ?? id,
      group: o.group ?? id,
      workers: o.workers ?? 0,
      queueCapacity: o.queueCapacity ?? 0,
    });
    this.index.set(id, i);
    this.state.queued.push(0);
    this.state.busy.push(0);
    this.state.status.push(0);
    this.frames.addNode();
    return i;
  }

  /** Declares an arrow of the topology (duplicates are ignored). */
  edge(from: string, to: string): void {
    const a = this.at(from);
    const b = this.at(to);
    if (!this.edges.some(([x, y]) => x === a && y === b)) this.edges.push([a, b]);
  }

  /** Whether a node with this id was declared. */
  has(id: string): boolean {
    return this.index.has(id);
  }

  /** A node's queue and busy workers changed (now). */
  gauge(id: string, queued: number, busy: number): void {
    const i = this.at(id);
    this.advance();
    if (this.state.queued[i] !== queued) this.set(i, 0, queued);
    if (this.state.busy[i] !== busy) this.set(i, 1, busy);
    this.frames.queue(i, queued);
  }

  /** A node failed, hung or came back (now). */
  health(id: string, status: ReplayStatus): void {
    const i = this.at(id);
    this.advance();
    const code = REPLAY_STATUSES.indexOf(status);
    if (this.state.status[i] !== code) this.set(i, 2, code);
  }

  /** A message leaves `from` now and reaches `to` after `delayUs` (0 for a hand-over in place). */
  move(from: string, to: string, delayUs: number, kind: MoveKind): void {
    const a = this.at(from);
    const b = this.at(to);
    const now = this.advance();
    this.frames.move();
    if (!this.keeps(now)) return;
    const span = Math.max(0, delayUs);
    if (span > this.maxMoveUs) this.maxMoveUs = span;
    this.moves.push({ from: a, to: b, startUs: now, endUs: now + span, kind });
  }

  /** The replay of everything recorded, up to the clock's current time (the end of the run). */
  finish(): Replay {
    const endUs = this.advance();
    this.frames.finish(endUs, this.state);
    return {
      nodes: this.nodes.map((n) => ({ ...n })),
      edges: this.edges.map(([a, b]) => [a, b]),
      endUs,
      frameStepUs: this.frames.stepUs,
      frames: this.frames.frames,
      window: {
        fromUs: Math.min(this.fromUs, endUs),
        toUs: Math.min(this.closedAtUs, endUs),
        base: this.base ?? this.snapshot(),
        changes: this.changes,
        moves: this.moves,
        maxMoveUs: this.maxMoveUs,
      },
    };
  }

  private at(id: string): number {
    const i = this.index.get(id);
    if (i === undefined) throw new SimConfigError("replay.node", id, `a declared node: ${[...this.index.keys()]}`);
    return i;
  }

  private set(node: number, field: 0 | 1 | 2, value: number): void {
    const now = this.clock?.nowUs ?? 0;
    (field === 0 ? this.state.queued : field === 1 ? this.state.busy : this.state.status)[node] = value;
    if (this.keeps(now)) this.changes.push({ tUs: now, node, field, value });
  }

  /** Whether the window takes an item at `now`; the first refusal closes it for good. */
  private keeps(now: number): boolean {
    if (now < this.fromUs || now >= this.closedAtUs) return false;
    if (this.changes.length + this.moves.length < this.maxItems) return true;
    this.closedAtUs = now;
    return false;
  }

  /** Brings frames and the window's start up to now; every item passes here before it is applied. */
  private advance(): number {
    const now = this.clock?.nowUs ?? 0;
    this.frames.advance(now, this.state);
    if (this.base === null && now >= this.fromUs) this.base = this.snapshot();
    return now;
  }

  private snapshot(): ReplayNodeState[] {
    const s = this.state;
    return this.nodes.map((_, i) => ({
      queued: s.queued[i] as number,
      busy: s.busy[i] as number,
      status: REPLAY_STATUSES[s.status[i] as number] as ReplayStatus,
    }));
  }
}
