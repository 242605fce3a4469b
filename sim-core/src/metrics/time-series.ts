import { checkNumber } from "../errors/index.js";
import { MS_PER_S, US_PER_MS } from "../kernel/index.js";

/** One bin of a series, in virtual milliseconds. */
export interface SeriesPoint {
  /** Start of the bin. */
  timeMs: number;
  value: number;
}

/**
 * Counts events per fixed bin of virtual time, e.g. successful responses per 100 ms, and
 * reports them as a rate per second. Memory grows with the simulated duration, not with load.
 *
 * @example
 * const s = new RateSeries(1000); s.add(500_000); s.add(1_500_000, 2);
 * s.points() // [{ timeMs: 0, value: 1 }, { timeMs: 1000, value: 2 }]
 */
export class RateSeries {
  readonly binMs: number;
  private readonly binUs: number;
  private readonly bins: number[] = [];

  constructor(binMs: number) {
    this.binMs = checkNumber("series.binMs", binMs, { min: 0, minExclusive: true });
    this.binUs = binMs * US_PER_MS;
  }

  /** Adds `amount` (default 1) at virtual time `timeUs`. */
  add(timeUs: number, amount = 1): void {
    const bin = Math.floor(timeUs / this.binUs);
    while (this.bins.length <= bin) this.bins.push(0);
    this.bins[bin] = (this.bins[bin] as number) + amount;
  }

  /** Per-bin rates in events per second, up to `untilMs` (default: the last non-empty bin). */
  points(untilMs?: number): SeriesPoint[] {
    const n = untilMs === undefined ? this.bins.length : Math.ceil(untilMs / this.binMs);
    const perSecond = MS_PER_S / this.binMs;
    const out: SeriesPoint[] = [];
    for (let i = 0; i < n; i++) out.push({ timeMs: i * this.binMs, value: (this.bins[i] ?? 0) * perSecond });
    return out;
  }
}

/**
 * A level that changes over virtual time (requests in flight, queue length), summarised per bin
 * by its time-weighted mean and its maximum.
 *
 * @example
 * const g = new GaugeSeries(1000); g.set(0, 2); g.set(500_000, 4);
 * g.points(1000)[0] // { timeMs: 0, mean: 3, max: 4 }
 */
export class GaugeSeries {
  readonly binMs: number;
  private readonly binUs: number;
  private readonly area: number[] = [];
  private readonly maxima: number[] = [];
  private level = 0;
  private lastUs = 0;
  /** The bin holding `lastUs` and where it ends: most changes fall inside it (the fast path). */
  private lastBin = 0;
  private lastBinEndUs = -Infinity;
  /** The highest level ever set. */
  peak = 0;

  constructor(binMs: number) {
    this.binMs = checkNumber("series.binMs", binMs, { min: 0, minExclusive: true });
    this.binUs = binMs * US_PER_MS;
  }

  /** The current level. */
  get value(): number {
    return this.level;
  }

  /** Changes the level by `delta` at `timeUs`. */
  add(timeUs: number, delta: number): void {
    this.set(timeUs, this.level + delta);
  }

  /** Sets the level at `timeUs` (times must not go backwards). */
  set(timeUs: number, level: number): void {
    if (timeUs >= this.lastUs && timeUs < this.lastBinEndUs) {
      // Same bin as the last change: the same arithmetic `accumulate` does, without its loop.
      const bin = this.lastBin;
      this.area[bin] = (this.area[bin] as number) + this.level * (timeUs - this.lastUs);
      this.lastUs = timeUs;
      this.level = level;
      if (level > this.peak) this.peak = level;
      if (level > (this.maxima[bin] as number)) this.maxima[bin] = level;
      return;
    }
    this.accumulate(timeUs);
    this.level = level;
    if (level > this.peak) this.peak = level;
    const bin = Math.floor(timeUs / this.binUs);
    this.ensure(bin);
    if (level > (this.maxima[bin] as number)) this.maxima[bin] = level;
    if (timeUs === this.lastUs) {
      this.lastBin = bin;
      this.lastBinEndUs = (bin + 1) * this.binUs;
    }
  }

  /** Per-bin time-weighted mean and maximum up to `untilMs`. */
  points(untilMs: number): { timeMs: number; mean: number; max: number }[] {
    const endUs = untilMs * US_PER_MS;
    this.accumulate(Math.max(endUs, this.lastUs));
    const n = Math.ceil(untilMs / this.binMs);
    this.ensure(n - 1);
    const out: { timeMs: number; mean: number; max: number }[] = [];
    for (let i = 0; i < n; i++) {
      out.push({ timeMs: i * this.binMs, mean: (this.area[i] as number) / this.binUs, max: this.maxima[i] as number });
    }
    return out;
  }

  private accumulate(timeUs: number): void {
    let t = this.lastUs;
    while (t < timeUs) {
      const bin = Math.floor(t / this.binUs);
      this.ensure(bin);
      const end = Math.min(timeUs, (bin + 1) * this.binUs);
      this.area[bin] = (this.area[bin] as number) + this.level * (end - t);
      if (this.level > (this.maxima[bin] as number)) this.maxima[bin] = this.level;
      t = end;
    }
    this.lastUs = Math.max(this.lastUs, timeUs);
    // Only `set` re-arms the fast path, once the bin it lands in exists.
    this.lastBinEndUs = -Infinity;
  }

  private ensure(bin: number): void {
    while (this.area.length <= bin) {
      this.area.push(0);
      this.maxima.push(this.level);
    }
  }
}
