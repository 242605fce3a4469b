import { checkNumber, SimConfigError } from "../errors/index.js";
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
export interface WarsLegs {
  /** Coordinator to replica, carrying the write. */
  w: DistributionSpec;
  /** Replica to coordinator, the write's acknowledgement. */
  a: DistributionSpec;
  /** Coordinator to replica, the read request. */
  r: DistributionSpec;
  /** Replica to coordinator, the read response. */
  s: DistributionSpec;
}

/**
 * A WARS delay model. With `remote`, locality is correlated per operation, as in the paper's WAN
 * model: the write and, independently, the read each start in a replica's data centre chosen
 * uniformly at random; that one replica's legs are drawn from `w, a, r, s`, the others' from
 * `remote` (Bailis et al., PBS, VLDB 2012, section 6.1; Simulator.java `StaleCalc.calc_stale`).
 */
export interface WarsDelays extends WarsLegs {
  remote?: WarsLegs;
}

/** What one WARS Monte Carlo run needs: the replica and quorum sizes, the delays, and the trials. */
export interface WarsOptions {
  n: number;
  r: number;
  w: number;
  delays: WarsDelays;
  trials: number;
  seed: Seed;
}

/** Per-trial results of the WARS Monte Carlo, in ms, one entry per trial. */
export interface WarsTrials {
  /** Smallest t after the commit at which the trial's read sees the write (may be negative). */
  thresholdMs: Float64Array;
  /** Write latency: the w-th fastest acknowledgement. */
  writeMs: Float64Array;
  /** Read latency: the r-th fastest response. */
  readMs: Float64Array;
}

/**
 * The WARS Monte Carlo itself (Bailis et al., PBS, VLDB 2012): the coordinator sends a write to all
 * n replicas, which commits at the w-th acknowledgement; a read goes to all n and returns with the
 * first r responses, and is consistent if one of them had the write when the read request reached
 * it. Each trial reduces to the smallest t at which it becomes consistent; `pbsStaleness`
 * summarises these arrays, tests compare them with the paper's published figures.
 *
 * @example
 * const c = { kind: "constant", value: 1 } as const;
 * warsTrials({ n: 3, r: 1, w: 1, delays: { w: c, a: c, r: c, s: c }, trials: 2, seed: 1 }).writeMs[0] // 2
 */
export function warsTrials(options: WarsOptions): WarsTrials {
  const n = checkNumber("pbs.n", options.n, { min: 1, max: 100, integer: true });
  const r = checkNumber("pbs.r", options.r, { min: 1, max: n, integer: true });
  const w = checkNumber("pbs.w", options.w, { min: 1, max: n, integer: true });
  const trials = checkNumber("pbs.trials", options.trials, { min: 1, max: MAX_TRIALS, integer: true });
  const delays = options.delays;
  if (delays === null || typeof delays !== "object") {
    throw new SimConfigError("pbs.delays", delays, "an object { w, a, r, s } of distributions");
  }
  const local = legsOf(delays, "pbs.delays");
  const remote = delays.remote === undefined ? null : legsOf(delays.remote, "pbs.delays.remote");
  const rng = createRng(options.seed).fork("pbs");

  // Per-replica scratch, reused by every trial: no allocation inside the loop.
  const wArrive = new Float64Array(n);
  const ack = new Float64Array(n);
  const rArrive = new Float64Array(n);
  const respond = new Float64Array(n);
  const order = new Int32Array(n);
  const thresholdMs = new Float64Array(trials);
  const writeMs = new Float64Array(trials);
  const readMs = new Float64Array(trials);

  for (let trial = 0; trial < trials; trial++) {
    // Without `remote` no locality is drawn, so local-only models keep their exact draw order.
    const writeLocal = remote === null ? -1 : Math.floor(rng.next() * n);
    const readLocal = remote === null ? -1 : Math.floor(rng.next() * n);
    for (let i = 0; i < n; i++) {
      const wLegs = remote === null || i === writeLocal ? local : remote;
      const rLegs = remote === null || i === readLocal ? local : remote;
      const wi = wLegs.w.sample(rng);
      wArrive[i] = wi;
      ack[i] = wi + wLegs.a.sample(rng);
      const ri = rLegs.r.sample(rng);
      rArrive[i] = ri;
      respond[i] = ri + rLegs.s.sample(rng);
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
    thresholdMs[trial] = earliest;
    writeMs[trial] = commit;
    readMs[trial] = respond[order[r - 1] as number] as number;
  }
  return { thresholdMs, writeMs, readMs };
}

interface Legs {
  w: Distribution;
  a: Distribution;
  r: Distribution;
  s: Distribution;
}

function legsOf(legs: WarsLegs, path: string): Legs {
  if (legs === null || typeof legs !== "object") {
    throw new SimConfigError(path, legs, "an object { w, a, r, s } of distributions");
  }
  const leg = (key: keyof WarsLegs) => checkNonNegative(`${path}.${key}`, distribution(legs[key], `${path}.${key}`));
  return { w: leg("w"), a: leg("a"), r: leg("r"), s: leg("s") };
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
