import { checkArray, checkNumber } from "../errors/index.js";
import type { Seed } from "../random/index.js";
import { type WarsOptions, warsTrials } from "./pbs-trials.js";

export interface PbsOptions extends WarsOptions {
  /** Time from the write's commit to the read's start, in ms: one value or a curve's points. */
  tMs: number | number[];
}

/** Exact percentiles of a latency sample, in ms. */
export interface LatencyPercentilesMs {
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  p999: number;
}

export interface PbsResult {
  n: number;
  r: number;
  w: number;
  trials: number;
  seed: Seed;
  /** P(consistent) at each requested t, in the order given. */
  curve: { tMs: number; pConsistent: number }[];
  /** P(consistent) at the first requested t. */
  pConsistent: number;
  /** Closed form for a read at t = 0 when each replica is equally likely to be read. */
  pConsistentClosedFormAtZero: number;
  /**
   * The paper's t-visibility: the smallest t (ms, at least 0) after which reads are consistent with
   * probability 0.99 and 0.999 (Table 4 of Bailis et al. reports the 0.999 one).
   */
  tVisibilityMs: { p99: number; p999: number };
  readLatencyMs: LatencyPercentilesMs;
  writeLatencyMs: LatencyPercentilesMs;
}

/**
 * Probability that a read quorum of r misses the last k write quorums of w among n replicas,
 * i.e. returns a value more than k versions old, when quorums are chosen uniformly at random:
 * (C(n-w, r) / C(n, r))^k (Bailis et al., PBS, VLDB 2012, section 3).
 *
 * @example
 * kStaleness(3, 1, 1) // 0.6666666666666666
 */
export function kStaleness(n: number, r: number, w: number, k = 1): number {
  checkNumber("n", n, { min: 1, max: 1000, integer: true });
  checkNumber("r", r, { min: 1, max: n, integer: true });
  checkNumber("w", w, { min: 1, max: n, integer: true });
  checkNumber("k", k, { min: 1, integer: true });
  return (choose(n - w, r) / choose(n, r)) ** k;
}

/** Binomial coefficient by a product that stays exact for the small n of replica sets. */
function choose(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let c = 1;
  for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i;
  return c;
}

/**
 * Monte Carlo over the WARS model (Bailis et al., PBS, VLDB 2012; see `warsTrials`): the chance that
 * a read t ms after a write's commit sees it, for each requested t, and the operations' latencies.
 * Each trial reduces to one number, the smallest t at which it becomes consistent, so a whole curve
 * costs one pass.
 *
 * @example
 * const c = { kind: "constant", value: 1 } as const;
 * pbsStaleness({ n: 3, r: 1, w: 1, delays: { w: c, a: c, r: c, s: c }, tMs: 0, trials: 10, seed: 1 }).pConsistent // 1
 */
export function pbsStaleness(options: PbsOptions): PbsResult {
  const ts = Array.isArray(options.tMs) ? checkArray<number>("pbs.tMs", options.tMs) : [options.tMs];
  ts.forEach((t, i) => checkNumber(Array.isArray(options.tMs) ? `pbs.tMs[${i}]` : "pbs.tMs", t, { min: 0 }));
  const { thresholdMs, writeMs, readMs } = warsTrials(options);
  const trials = thresholdMs.length;
  const curve = ts.map((t) => {
    let ok = 0;
    for (let i = 0; i < trials; i++) if ((thresholdMs[i] as number) <= t) ok++;
    return { tMs: t, pConsistent: ok / trials };
  });
  // Selection, not a sort: two order statistics cost a tenth of sorting 10^6 trials.
  const k99 = rankOf(trials, 0.99);
  const k999 = rankOf(trials, 0.999);
  selectKth(thresholdMs, k99, 0, trials - 1);
  selectKth(thresholdMs, k999, k99, trials - 1);
  return {
    n: options.n,
    r: options.r,
    w: options.w,
    trials,
    seed: options.seed,
    curve,
    pConsistent: (curve[0] as { pConsistent: number }).pConsistent,
    pConsistentClosedFormAtZero: 1 - kStaleness(options.n, options.r, options.w),
    tVisibilityMs: { p99: Math.max(0, thresholdMs[k99] as number), p999: Math.max(0, thresholdMs[k999] as number) },
    readLatencyMs: percentiles(readMs),
    writeLatencyMs: percentiles(writeMs),
  };
}

/** Index of the smallest sample value v with at least a share p of the n values <= v, once sorted. */
function rankOf(n: number, p: number): number {
  return Math.min(n - 1, Math.max(0, Math.ceil(p * n) - 1));
}

/**
 * Rearranges a[lo..hi] so that a[k] holds the value a sort would put there, smaller values before it
 * and larger after (Hoare's selection with a median-of-three pivot: no randomness needed).
 */
function selectKth(a: Float64Array, k: number, lo: number, hi: number): void {
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    const x = a[lo] as number;
    const y = a[mid] as number;
    const z = a[hi] as number;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((a[i] as number) < pivot) i++;
      while ((a[j] as number) > pivot) j--;
      if (i <= j) {
        const t = a[i] as number;
        a[i] = a[j] as number;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

function percentiles(sample: Float64Array): LatencyPercentilesMs {
  let sum = 0;
  for (let i = 0; i < sample.length; i++) sum += sample[i] as number;
  sample.sort();
  const at = (p: number) => sample[rankOf(sample.length, p)] as number;
  return { mean: sum / sample.length, p50: at(0.5), p90: at(0.9), p99: at(0.99), p999: at(0.999) };
}
