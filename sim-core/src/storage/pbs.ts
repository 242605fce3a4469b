import { checkArray, checkNumber, SimConfigError } from "../errors/index.js";
import {
  checkNonNegative,
  createRng,
  type Distribution,
  type DistributionSpec,
  distribution,
  type Seed,
} from "../random/index.js";

/** Most trials one call may run: 10^7 uses ~240 MB of typed arrays, the most a laptop tab should. */
const MAX_TRIALS = 10_000_000;

/** The four one-way delays of the WARS model, each drawn per replica and per operation. */
export interface WarsDelays {
  /** Coordinator to replica, carrying the write. */
  w: DistributionSpec;
  /** Replica to coordinator, the write's acknowledgement. */
  a: DistributionSpec;
  /** Coordinator to replica, the read request. */
  r: DistributionSpec;
  /** Replica to coordinator, the read response. */
  s: DistributionSpec;
}

export interface PbsOptions {
  n: number;
  r: number;
  w: number;
  delays: WarsDelays;
  /** Time from the write's commit to the read's start, in ms: one value or a curve's points. */
  tMs: number | number[];
  trials: number;
  seed: Seed;
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
 * Monte Carlo over the WARS model (Bailis et al., PBS, VLDB 2012): the coordinator sends a write
 * to all n replicas, which commits at the w-th acknowledgement; t ms later a read goes to all n
 * and returns with the first r responses. The read is consistent if one of those r replicas had
 * the write when the read request reached it. Each trial reduces to one number, the smallest t at
 * which it becomes consistent, so a whole curve costs one pass.
 *
 * @example
 * const c = { kind: "constant", value: 1 } as const;
 * pbsStaleness({ n: 3, r: 1, w: 1, delays: { w: c, a: c, r: c, s: c }, tMs: 0, trials: 10, seed: 1 }).pConsistent // 1
 */
export function pbsStaleness(options: PbsOptions): PbsResult {
  const n = checkNumber("pbs.n", options.n, { min: 1, max: 100, integer: true });
  const r = checkNumber("pbs.r", options.r, { min: 1, max: n, integer: true });
  const w = checkNumber("pbs.w", options.w, { min: 1, max: n, integer: true });
  const trials = checkNumber("pbs.trials", options.trials, { min: 1, max: MAX_TRIALS, integer: true });
  const ts = Array.isArray(options.tMs) ? checkArray<number>("pbs.tMs", options.tMs) : [options.tMs];
  ts.forEach((t, i) => checkNumber(Array.isArray(options.tMs) ? `pbs.tMs[${i}]` : "pbs.tMs", t, { min: 0 }));
  const delays = options.delays;
  if (delays === null || typeof delays !== "object") {
    throw new SimConfigError("pbs.delays", delays, "an object { w, a, r, s } of distributions");
  }
  const dw = delayOf(delays, "w");
  const da = delayOf(delays, "a");
  const dr = delayOf(delays, "r");
  const ds = delayOf(delays, "s");
  const rng = createRng(options.seed).fork("pbs");

  // Per-replica scratch, reused by every trial: no allocation inside the loop.
  const wArrive = new Float64Array(n);
  const ack = new Float64Array(n);
  const rArrive = new Float64Array(n);
  const respond = new Float64Array(n);
  const order = new Int32Array(n);
  const threshold = new Float64Array(trials);
  const writeMs = new Float64Array(trials);
  const readMs = new Float64Array(trials);

  for (let trial = 0; trial < trials; trial++) {
    for (let i = 0; i < n; i++) {
      const wi = dw.sample(rng);
      wArrive[i] = wi;
      ack[i] = wi + da.sample(rng);
      const ri = dr.sample(rng);
      rArrive[i] = ri;
      respond[i] = ri + ds.sample(rng);
    }
    const commit = kthSmallest(ack, w, order);
    kthSmallest(respond, r, order);
    // order[0..r) now holds the r fastest responders (ties broken by replica index).
    let earliest = Infinity;
    for (let j = 0; j < r; j++) {
      const i = order[j] as number;
      // The write reached replica i by time commit + t + rArrive[i] iff t >= this gap.
      const gap = (wArrive[i] as number) - commit - (rArrive[i] as number);
      if (gap < earliest) earliest = gap;
    }
    threshold[trial] = earliest;
    writeMs[trial] = commit;
    readMs[trial] = respond[order[r - 1] as number] as number;
  }

  const curve = ts.map((t) => {
    let ok = 0;
    for (let i = 0; i < trials; i++) if ((threshold[i] as number) <= t) ok++;
    return { tMs: t, pConsistent: ok / trials };
  });
  return {
    n,
    r,
    w,
    trials,
    seed: options.seed,
    curve,
    pConsistent: (curve[0] as { pConsistent: number }).pConsistent,
    pConsistentClosedFormAtZero: 1 - kStaleness(n, r, w),
    readLatencyMs: percentiles(readMs),
    writeLatencyMs: percentiles(writeMs),
  };
}

function delayOf(delays: WarsDelays, key: keyof WarsDelays): Distribution {
  const path = `pbs.delays.${key}`;
  return checkNonNegative(path, distribution(delays[key], path));
}

/**
 * Sorts replica indices by `values` (insertion sort: n is a handful) into `order` and returns the
 * k-th smallest value.
 */
function kthSmallest(values: Float64Array, k: number, order: Int32Array): number {
  const n = values.length;
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    let j = i;
    while (j > 0 && (values[order[j - 1] as number] as number) > v) {
      order[j] = order[j - 1] as number;
      j--;
    }
    order[j] = i;
  }
  return values[order[k - 1] as number] as number;
}

function percentiles(sample: Float64Array): LatencyPercentilesMs {
  let sum = 0;
  for (let i = 0; i < sample.length; i++) sum += sample[i] as number;
  sample.sort();
  const at = (p: number) =>
    sample[Math.min(sample.length - 1, Math.max(0, Math.ceil(p * sample.length) - 1))] as number;
  return { mean: sum / sample.length, p50: at(0.5), p90: at(0.9), p99: at(0.99), p999: at(0.999) };
}
