import { checkArray, checkNumber, SimConfigError } from "../errors/index.js";
import { exponentialGap } from "./exponential-gap.js";
import type { Rng } from "./rng.js";

/** The 99th percentile of the standard normal, used to fit a lognormal to a median and a p99. */
const Z_P99 = 2.3263478740408408;

/**
 * A distribution as plain data, so it travels in URLs, JSON reports and child processes.
 * Units are the caller's (the simulator uses milliseconds for durations).
 */
export type DistributionSpec =
  | { kind: "constant"; value: number }
  | { kind: "uniform"; min: number; max: number }
  | { kind: "exponential"; mean: number }
  | { kind: "normal"; mean: number; sd: number }
  | { kind: "lognormal"; mu: number; sigma: number }
  | { kind: "lognormal"; median: number; p99: number }
  | { kind: "pareto"; scale: number; shape: number }
  | { kind: "mixture"; weights: number[]; components: DistributionSpec[] }
  /** `base` plus a constant `offset`, e.g. a one-way delay plus a fixed wide-area hop. */
  | { kind: "shifted"; base: DistributionSpec; offset: number }
  | { kind: "empirical"; samples: number[] }
  | { kind: "empirical"; percentiles: [number, number][] };

/** A validated, ready-to-draw distribution. */
export interface Distribution {
  readonly spec: DistributionSpec;
  /** Draws one value from `rng`. */
  sample(rng: Rng): number;
  /** The exact mean where it is finite and known; `Infinity` for heavy tails without one. */
  readonly mean: number;
  /** The smallest value a draw can take (for checking that durations cannot go negative). */
  readonly min: number;
}

/**
 * Validates a spec and returns a distribution. `path` names the field in error messages.
 *
 * @example
 * distribution({ kind: "constant", value: 5 }).sample(createRng(1)) // 5
 * @example
 * // The PBS paper's WAN model: a local one-way delay plus 75 ms for a message to another region.
 * distribution({ kind: "shifted", base: { kind: "exponential", mean: 2 }, offset: 75 }).mean // 77
 */
export function distribution(spec: DistributionSpec, path = "distribution"): Distribution {
  if (spec === null || typeof spec !== "object") {
    throw new SimConfigError(path, spec, 'a distribution object such as { kind: "exponential", mean: 10 }');
  }
  switch (spec.kind) {
    case "constant": {
      const value = checkNumber(`${path}.value`, spec.value);
      return { spec, mean: value, min: value, sample: () => value };
    }
    case "uniform": {
      const min = checkNumber(`${path}.min`, spec.min);
      const max = checkNumber(`${path}.max`, spec.max, { min });
      return { spec, mean: (min + max) / 2, min, sample: (rng) => min + (max - min) * rng.next() };
    }
    case "exponential": {
      const mean = checkNumber(`${path}.mean`, spec.mean, { min: 0, minExclusive: true });
      return { spec, mean, min: 0, sample: (rng) => exponentialGap(mean, rng) };
    }
    case "normal": {
      const mean = checkNumber(`${path}.mean`, spec.mean);
      const sd = checkNumber(`${path}.sd`, spec.sd, { min: 0 });
      return { spec, mean, min: sd === 0 ? mean : -Infinity, sample: (rng) => mean + sd * standardNormal(rng) };
    }
    case "lognormal":
      return lognormal(spec, path);
    case "pareto": {
      const scale = checkNumber(`${path}.scale`, spec.scale, { min: 0, minExclusive: true });
      const shape = checkNumber(`${path}.shape`, spec.shape, { min: 0, minExclusive: true });
      const mean = shape > 1 ? (shape * scale) / (shape - 1) : Infinity;
      return { spec, mean, min: scale, sample: (rng) => scale / (1 - rng.next()) ** (1 / shape) };
    }
    case "mixture":
      return mixture(spec, path);
    case "shifted": {
      const offset = checkNumber(`${path}.offset`, spec.offset);
      const base = distribution(spec.base, `${path}.base`);
      return { spec, mean: base.mean + offset, min: base.min + offset, sample: (rng) => base.sample(rng) + offset };
    }
    case "empirical":
      return "samples" in spec ? empiricalFromSamples(spec.samples, spec, path) : empiricalFromPercentiles(spec, path);
    default:
      throw new SimConfigError(
        `${path}.kind`,
        (spec as { kind: unknown }).kind,
        "one of constant, uniform, exponential, normal, lognormal, pareto, mixture, shifted, empirical",
      );
  }
}

/** A standard normal draw by the Box–Muller transform; stateless so draws never depend on history. */
function standardNormal(rng: Rng): number {
  const u1 = 1 - rng.next();
  const u2 = rng.next();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

function lognormal(spec: Extract<DistributionSpec, { kind: "lognormal" }>, path: string): Distribution {
  let mu: number;
  let sigma: number;
  if ("median" in spec) {
    const median = checkNumber(`${path}.median`, spec.median, { min: 0, minExclusive: true });
    const p99 = checkNumber(`${path}.p99`, spec.p99, { min: median });
    mu = Math.log(median);
    sigma = (Math.log(p99) - mu) / Z_P99;
  } else {
    mu = checkNumber(`${path}.mu`, spec.mu);
    sigma = checkNumber(`${path}.sigma`, spec.sigma, { min: 0 });
  }
  return {
    spec,
    mean: Math.exp(mu + (sigma * sigma) / 2),
    min: 0,
    sample: (rng) => Math.exp(mu + sigma * standardNormal(rng)),
  };
}

function mixture(spec: Extract<DistributionSpec, { kind: "mixture" }>, path: string): Distribution {
  const weights = checkArray<number>(`${path}.weights`, spec.weights);
  const specs = checkArray<DistributionSpec>(`${path}.components`, spec.components);
  if (weights.length !== specs.length) {
    throw new SimConfigError(`${path}.weights`, weights, `one weight per component (${specs.length})`);
  }
  weights.forEach((w, i) => checkNumber(`${path}.weights[${i}]`, w, { min: 0 }));
  const total = weights.reduce((a, b) => a + b, 0);
  if (!(total > 0)) throw new SimConfigError(`${path}.weights`, weights, "weights with a positive sum");
  const components = specs.map((s, i) => distribution(s, `${path}.components[${i}]`));
  const cumulative: number[] = [];
  let acc = 0;
  for (const w of weights) {
    acc += w / total;
    cumulative.push(acc);
  }
  const mean = components.reduce((m, c, i) => m + (c.mean * (weights[i] as number)) / total, 0);
  return {
    spec,
    mean,
    min: Math.min(...components.map((c) => c.min)),
    sample(rng) {
      const u = rng.next();
      let i = 0;
      while (i < cumulative.length - 1 && u >= (cumulative[i] as number)) i++;
      return (components[i] as Distribution).sample(rng);
    },
  };
}

function empiricalFromSamples(samples: number[], spec: DistributionSpec, path: string): Distribution {
  checkArray<number>(`${path}.samples`, samples);
  samples.forEach((v, i) => checkNumber(`${path}.samples[${i}]`, v));
  const sorted = Float64Array.from(samples).sort();
  const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length;
  // Inverse CDF by linear interpolation between order statistics, so draws fill the gaps.
  return {
    spec,
    mean: sorted.length === 1 ? (sorted[0] as number) : mean,
    min: sorted[0] as number,
    sample(rng) {
      const x = rng.next() * (sorted.length - 1);
      const i = Math.floor(x);
      const lo = sorted[i] as number;
      const hi = sorted[Math.min(i + 1, sorted.length - 1)] as number;
      return lo + (hi - lo) * (x - i);
    },
  };
}

function empiricalFromPercentiles(
  spec: Extract<DistributionSpec, { kind: "empirical"; percentiles: [number, number][] }>,
  path: string,
): Distribution {
  const points = checkArray<[number, number]>(`${path}.percentiles`, spec.percentiles, 2);
  let prevP = -1;
  let prevV = -Infinity;
  points.forEach((point, i) => {
    if (!Array.isArray(point) || point.length !== 2) {
      throw new SimConfigError(`${path}.percentiles[${i}]`, point, "a pair [percentile, value]");
    }
    const p = checkNumber(`${path}.percentiles[${i}][0]`, point[0], { min: prevP, max: 100, minExclusive: true });
    const v = checkNumber(`${path}.percentiles[${i}][1]`, point[1], { min: prevV });
    prevP = p;
    prevV = v;
  });
  const first = points[0] as [number, number];
  const last = points[points.length - 1] as [number, number];
  if (first[0] !== 0) throw new SimConfigError(`${path}.percentiles[0][0]`, first[0], "0 (the minimum)");
  if (last[0] !== 100)
    throw new SimConfigError(`${path}.percentiles[${points.length - 1}][0]`, last[0], "100 (the maximum)");
  let mean = 0;
  for (let i = 1; i < points.length; i++) {
    const [p0, v0] = points[i - 1] as [number, number];
    const [p1, v1] = points[i] as [number, number];
    mean += ((p1 - p0) / 100) * ((v0 + v1) / 2);
  }
  return {
    spec,
    mean,
    min: first[1],
    sample(rng) {
      const p = rng.next() * 100;
      let i = 1;
      while (i < points.length - 1 && p >= (points[i] as [number, number])[0]) i++;
      const [p0, v0] = points[i - 1] as [number, number];
      const [p1, v1] = points[i] as [number, number];
      return v0 + ((v1 - v0) * (p - p0)) / (p1 - p0);
    },
  };
}

/**
 * Throws unless every draw of `dist` is >= 0, for durations such as latencies and service times.
 *
 * @example
 * checkNonNegative("serviceTimeMs", distribution({ kind: "exponential", mean: 1 })).mean // 1
 */
export function checkNonNegative(path: string, dist: Distribution): Distribution {
  if (!(dist.min >= 0)) {
    throw new SimConfigError(
      path,
      dist.spec,
      "a distribution of non-negative durations (normal can go below 0: use lognormal)",
    );
  }
  return dist;
}
