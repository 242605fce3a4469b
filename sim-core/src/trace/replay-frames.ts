import type { ReplayFrame } from "./replay-types.js";

/** The first frame spacing; it doubles as the run grows, so short runs keep fine frames. */
const FIRST_FRAME_STEP_US = 1000;

/** Every node's current state, as the recorder keeps it (index = node index). */
export interface LiveState {
  queued: number[];
  busy: number[];
  status: number[];
}

/**
 * Samples a run's state at evenly spaced times, at most `maxFrames` of them however long the
 * run: when there would be more, every other frame goes and the spacing doubles. A frame also
 * keeps the longest queue and the messages since the frame before it, so nothing short is lost.
 *
 * @example
 * const f = new FrameSampler(4); const s = { queued: [0], busy: [0], status: [0] };
 * f.addNode(); f.advance(10_000, s); f.frames.length // 4
 */
export class FrameSampler {
  frames: ReplayFrame[] = [];
  stepUs = FIRST_FRAME_STEP_US;
  private nextFrameUs = 0;
  private peakSince: number[] = [];
  private movesSince = 0;

  constructor(private readonly maxFrames: number) {}

  /** Makes room for one more node (its queue starts empty). */
  addNode(): void {
    this.peakSince.push(0);
  }

  /**
   * Writes every frame due before `nowUs`. A frame holds the state at its time including changes
   * at that time, so it is written when the first later item arrives: call this before applying
   * an item of time `nowUs`.
   */
  advance(nowUs: number, state: LiveState): void {
    while (nowUs > this.nextFrameUs) this.push(this.nextFrameUs, state);
  }

  /** Writes the last frame if it falls at or before the end of the run. */
  finish(endUs: number, state: LiveState): void {
    this.advance(endUs, state);
    if (this.nextFrameUs <= endUs) this.push(this.nextFrameUs, state);
  }

  /** A node's queue now holds `queued`. */
  queue(node: number, queued: number): void {
    if (queued > (this.peakSince[node] as number)) this.peakSince[node] = queued;
  }

  /** A message was sent. */
  move(): void {
    this.movesSince++;
  }

  private push(tUs: number, s: LiveState): void {
    this.frames.push({
      tUs,
      queued: s.queued.slice(),
      busy: s.busy.slice(),
      status: s.status.slice(),
      peakQueued: this.peakSince.slice(),
      moves: this.movesSince,
    });
    this.peakSince = s.queued.slice();
    this.movesSince = 0;
    this.nextFrameUs = tUs + this.stepUs;
    if (this.frames.length > this.maxFrames) this.halve();
  }

  /** Keeps every other frame at twice the spacing; each kept frame absorbs the peak and messages of the dropped one before it. */
  private halve(): void {
    const old = this.frames;
    const kept: ReplayFrame[] = [];
    for (let i = 0; i < old.length; i += 2) {
      const f = old[i] as ReplayFrame;
      const before = old[i - 1];
      if (before !== undefined) {
        f.peakQueued = f.peakQueued.map((q, n) => Math.max(q, before.peakQueued[n] ?? 0));
        f.moves += before.moves;
      }
      kept.push(f);
    }
    const last = old[old.length - 1] as ReplayFrame;
    if ((old.length - 1) % 2 === 1) {
      // The last frame was dropped: what it saw belongs to the next frame, not yet written.
      this.peakSince = this.peakSince.map((q, n) => Math.max(q, last.peakQueued[n] ?? 0));
      this.movesSince += last.moves;
    }
    this.frames = kept;
    this.stepUs *= 2;
    this.nextFrameUs = (kept[kept.length - 1] as ReplayFrame).tUs + this.stepUs;
  }
}
