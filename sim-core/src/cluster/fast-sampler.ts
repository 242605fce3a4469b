import type { Distribution, DistributionSpec, Rng } from "../random/index.js";

/** The 99th percentile of the standard normal (as in random/distributions.ts). */
const Z_P99 = 2.3263478740408408;

/**
 * A sampler for a validated distribution that is cheaper on the hot path: a lognormal keeps the
 * second normal of each Box–Muller pair for the next draw (half the log/sqrt/trig work); other
 * kinds fall back to `dist.sample`. Draws stay deterministic per stream, but differ from
 * `dist.sample`'s, so one sampler must always be fed the same stream.
 *
 * @example
 * const draw = fastSampler(distribution({ kind: "constant", value: 2 })); draw(createRng(1)) // 2
 */
export function fastSampler(dist: Distribution): (rng: Rng) => number {
  const spec: DistributionSpec = dist.spec;
  if (spec.kind !== "lognormal") return (rng) => dist.sample(rng);
  const mu = "median" in spec ? Math.log(spec.median) : spec.mu;
  const sigma = "median" in spec ? (Math.log(spec.p99) - Math.log(spec.median)) / Z_P99 : spec.sigma;
  let spare = 0;
  let hasSpare = false;
  return (rng) => {
    if (hasSpare) {
      hasSpare = false;
      return Math.exp(mu + sigma * spare);
    }
    const r = Math.sqrt(-2 * Math.log(1 - rng.next()));
    const theta = 2 * Math.PI * rng.next();
    spare = r * Math.sin(theta);
    hasSpare = true;
    return Math.exp(mu + sigma * r * Math.cos(theta));
  };
}
