import { checkNumber } from "../errors/index.js";

/**
 * Bucket growth factor. With buckets [g^i, g^(i+1)) and each bucket reported at
 * 2·g^(i+1)/(g+1), the relative error of any reported percentile is at most (g−1)/(g+1),
 * about 0.99% for g = 1.02 (the DDSketch bound, Masson et al., VLDB 2019).
 */
const GROWTH = 1.02;
const LOG_GROWTH = Math.log(GROWTH);
/** Values below this (in the caller's unit) share the lowest bucket; ms histograms see 1 ns. */
const MIN_TRACKED = 1e-6;
/** 1e-6 … 1e9 spans 15 decades: 1745 buckets, 14 kB, whatever the number of samples. */
const BUCKETS = Math.ceil(Math.log(1e9 / MIN_TRACKED) / LOG_GROWTH) + 1;
const OFFSET = -Math.floor(Math.log(MIN_TRACKED) / LOG_GROWTH);

/** Percentiles a summary reports. */
export interface LatencySummary {
  count: number;
  mean: number;
  min: number;
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  max: number;
}

/**
 * A log-bucketed histogram of non-negative values with bounded memory and at most ~1% relative
 * error on every percentile; count, sum, min and max are exact.
 *
 * @example
 * const h = new Histogram(); for (let i = 1; i <= 100; i++) h.record(i);
 * Math.abs(h.percentile(50) - 50) / 50 < 0.01 // true
 */
export class Histogram {
  private readonly counts = new Float64Array(BUCKETS);
  private zeros = 0;
  count = 0;
  sum = 0;
  min = Infinity;
  max = -Infinity;

  /** Adds one value (>= 0); a negative or non-finite value is a bug upstream, so it throws. */
  record(value: number): void {
    if (!(value >= 0) || value === Infinity) checkNumber("histogram value", value, { min: 0 });
    this.count++;
    this.sum += value;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
    if (value < MIN_TRACKED) {
      this.zeros++;
      return;
    }
    const index = Math.min(BUCKETS - 1, Math.floor(Math.log(value) / LOG_GROWTH) + OFFSET);
    this.counts[index] = (this.counts[index] as number) + 1;
  }

  /** Adds every value of another histogram. */
  merge(other: Histogram): void {
    for (let i = 0; i < BUCKETS; i++) this.counts[i] = (this.counts[i] as number) + (other.counts[i] as number);
    this.zeros += other.zeros;
    this.count += other.count;
    this.sum += other.sum;
    this.min = Math.min(this.min, other.min);
    this.max = Math.max(this.max, other.max);
  }

  /** Mean of the recorded values; NaN never escapes: an empty histogram reports 0. */
  get mean(): number {
    return this.count === 0 ? 0 : this.sum / this.count;
  }

  /**
   * The value at percentile p (0–100): the smallest recorded value with at least p% of values at
   * or below it. p100 is the exact maximum; an empty histogram reports 0.
   */
  percentile(p: number): number {
    checkNumber("percentile", p, { min: 0, max: 100 });
    if (this.count === 0) return 0;
    if (p >= 100) return this.max;
    const rank = Math.max(1, Math.ceil((p / 100) * this.count));
    let seen = this.zeros;
    if (seen >= rank) return this.min;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.counts[i] as number;
      if (seen >= rank) {
        const representative = (2 * GROWTH ** (i - OFFSET + 1)) / (GROWTH + 1);
        // Clamping to the exact extremes only ever reduces the error.
        return Math.min(this.max, Math.max(this.min, representative));
      }
    }
    return this.max;
  }

  /** The share of values strictly above `threshold` (bucket resolution). */
  fractionAbove(threshold: number): number {
    if (this.count === 0) return 0;
    if (threshold < MIN_TRACKED) return (this.count - this.zeros) / this.count;
    const index = Math.floor(Math.log(threshold) / LOG_GROWTH) + OFFSET;
    let above = 0;
    for (let i = Math.max(0, index + 1); i < BUCKETS; i++) above += this.counts[i] as number;
    return above / this.count;
  }

  /** Count, mean and the usual percentiles. */
  summary(): LatencySummary {
    return {
      count: this.count,
      mean: this.mean,
      min: this.count === 0 ? 0 : this.min,
      p50: this.percentile(50),
      p90: this.percentile(90),
      p99: this.percentile(99),
      p999: this.percentile(99.9),
      max: this.count === 0 ? 0 : this.max,
    };
  }

  /** Non-empty buckets as [lower, upper, count] rows, for a histogram chart. */
  buckets(): { lower: number; upper: number; count: number }[] {
    const rows: { lower: number; upper: number; count: number }[] = [];
    if (this.zeros > 0) rows.push({ lower: 0, upper: MIN_TRACKED, count: this.zeros });
    for (let i = 0; i < BUCKETS; i++) {
      const count = this.counts[i] as number;
      if (count > 0) rows.push({ lower: GROWTH ** (i - OFFSET), upper: GROWTH ** (i - OFFSET + 1), count });
    }
    return rows;
  }
}
