import type { Rng } from "./rng.js";

/**
 * One gap between Poisson arrivals: an exponential draw with mean `meanGap`, in whatever unit
 * `meanGap` is given, by inversion (−mean · ln(1 − u)). It draws exactly one number from `rng`,
 * and `1 − u` lies in (0, 1], so the gap is finite. Every open workload (customers, client writes,
 * requests) draws its gaps here, so the formula and thus every run's numbers live in one place.
 * Callers round to the clock themselves (`msToUs`), and validate the rate it came from.
 *
 * @example
 * exponentialGap(10, createRng(1)) // ≈ 7.466473 (a gap drawn around a mean of 10)
 */
export function exponentialGap(meanGap: number, rng: Rng): number {
  return -meanGap * Math.log(1 - rng.next());
}
