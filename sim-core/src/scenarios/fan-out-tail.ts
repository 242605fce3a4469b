import { normalQuantile, type Rng } from "../random/index.js";

/** The leaves of a request beyond those simulated one by one, as far as the request cares. */
export interface LeafTail {
  /** Index (within these leaves) of the first slow one, or Infinity if none is slow. */
  firstSlow: number;
  /** Latency of the slowest of these leaves, in ms. */
  maxMs: number;
}

/**
 * Draws what `count` independent leaves contribute to a fan-out request, in three draws at most
 * whatever `count`: each leaf is slow with chance `slowChance` (latency `slowMs`), else lognormal
 * with `mu` and `sigma`. The first slow leaf is geometric; the leaves before it are all fast, and
 * the slowest of m fast leaves is F⁻¹(U^(1/m)); the leaves after it are a mixture whose slowest,
 * known to be at least `slowMs`, is max(slowMs, F⁻¹((V − p) / (1 − p))) with V = U^(1/m), since
 * above `slowMs` the mixture's CDF is p + (1 − p) F. Exact in distribution, so a request to 10,000
 * leaves costs what one to 20 does.
 *
 * @example
 * slowestLeaf(10_000, 0, 0, 0, 500, createRng(1)).maxMs // 1
 */
export function slowestLeaf(
  count: number,
  slowChance: number,
  mu: number,
  sigma: number,
  slowMs: number,
  rng: Rng,
): LeafTail {
  if (slowChance >= 1) return { firstSlow: 0, maxMs: slowMs };
  const firstSlow = slowChance <= 0 ? Infinity : Math.floor(Math.log(1 - rng.next()) / Math.log1p(-slowChance));
  if (firstSlow >= count) return { firstSlow: Infinity, maxMs: slowestFast(count, 1, mu, sigma, rng) };
  const before = firstSlow > 0 ? slowestFast(firstSlow, 1, mu, sigma, rng) : 0;
  const afterCount = count - firstSlow - 1;
  const after = afterCount > 0 ? slowestFast(afterCount, 1 - slowChance, mu, sigma, rng) : 0;
  return { firstSlow, maxMs: Math.max(slowMs, before, after) };
}

/**
 * F⁻¹(1 − (1 − U^(1/m)) / share) for the lognormal F: the slowest of m fast leaves when `share` is
 * 1, and the fast part of the slowest mixture leaf (0 when a slow one is slower) when it is 1 − p.
 * Works in upper-tail probabilities so that large m keeps its precision.
 */
function slowestFast(m: number, share: number, mu: number, sigma: number, rng: Rng): number {
  const tail = -Math.expm1(Math.log(rng.next()) / m) / share;
  if (tail >= 1) return 0;
  return Math.exp(mu - sigma * normalQuantile(tail));
}
