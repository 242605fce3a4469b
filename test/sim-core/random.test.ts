import { checkNonNegative, createRng, type DistributionSpec, distribution, SimConfigError } from "sim-core";
import { describe, expect, it } from "vitest";

function draws(seed: number, name: string, n: number): number[] {
  const rng = createRng(seed).fork(name);
  return Array.from({ length: n }, () => rng.next());
}

function sampleMean(spec: DistributionSpec, n: number, seed = 1): number {
  const d = distribution(spec);
  const rng = createRng(seed);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += d.sample(rng);
  return sum / n;
}

describe("random streams", () => {
  it("createRng(seed) gives the same numbers for the same seed and others for another", () => {
    expect(draws(7, "a", 5)).toEqual(draws(7, "a", 5));
    expect(draws(7, "a", 5)).not.toEqual(draws(8, "a", 5));
  });

  it("fork(name) leaves existing streams' draws unchanged", () => {
    const root = createRng(3);
    const before = root.fork("arrivals");
    const expected = [before.next(), before.next(), before.next()];
    const again = createRng(3);
    again.fork("a-new-component").next();
    const arrivals = again.fork("arrivals");
    again.next();
    expect([arrivals.next(), arrivals.next(), arrivals.next()]).toEqual(expected);
    expect(again.fork("x").seedPath).toBe("3/x");
  });

  it("createRng(seed) rejects a non-integer or empty seed", () => {
    expect(() => createRng(1.5)).toThrow("invalid seed: 1.5 (allowed: a safe integer or a non-empty string)");
    expect(() => createRng("")).toThrow(SimConfigError);
    expect(() => createRng(1).fork("")).toThrow('invalid fork name: ""');
  });
});

describe("distribution(spec)", () => {
  // 2·10^5 draws: standard errors are below 0.5% of the mean for every case here (all have a
  // coefficient of variation of at most about 1.3); 2% is four standard errors or more.
  const N = 200_000;
  const cases: [string, DistributionSpec, number][] = [
    ["constant", { kind: "constant", value: 5 }, 5],
    ["uniform", { kind: "uniform", min: 2, max: 4 }, 3],
    ["exponential", { kind: "exponential", mean: 10 }, 10],
    ["normal", { kind: "normal", mean: 50, sd: 5 }, 50],
    ["lognormal mu/sigma", { kind: "lognormal", mu: 0, sigma: 0.5 }, Math.exp(0.125)],
    ["pareto", { kind: "pareto", scale: 1, shape: 3 }, 1.5],
    [
      "mixture",
      {
        kind: "mixture",
        weights: [3, 1],
        components: [
          { kind: "constant", value: 1 },
          { kind: "constant", value: 5 },
        ],
      },
      2,
    ],
    ["shifted", { kind: "shifted", base: { kind: "exponential", mean: 10 }, offset: 75 }, 85],
    ["empirical samples", { kind: "empirical", samples: [1, 2, 3, 4] }, 2.5],
    [
      "empirical percentiles",
      {
        kind: "empirical",
        percentiles: [
          [0, 0],
          [50, 10],
          [100, 30],
        ],
      },
      12.5,
    ],
  ];
  for (const [name, spec, mean] of cases) {
    it(`${name}: sample mean is within 2% of the exact mean`, () => {
      expect(distribution(spec).mean).toBeCloseTo(mean, 9);
      expect(Math.abs(sampleMean(spec, N) - mean) / mean).toBeLessThan(0.02);
    });
  }

  it("lognormal from median and p99 puts 1% of draws above p99", () => {
    const d = distribution({ kind: "lognormal", median: 10, p99: 100 });
    const rng = createRng(9);
    let above = 0;
    let below = 0;
    for (let i = 0; i < N; i++) {
      const x = d.sample(rng);
      if (x > 100) above++;
      if (x < 10) below++;
    }
    // Binomial standard errors: 0.022 points for 1%, 0.11 points for 50%.
    expect(above / N).toBeCloseTo(0.01, 2);
    expect(below / N).toBeCloseTo(0.5, 2);
  });

  const invalid: [DistributionSpec, string][] = [
    [{ kind: "constant", value: Number.NaN }, "invalid d.value: NaN (allowed: a finite number)"],
    [{ kind: "uniform", min: 5, max: 1 }, "invalid d.max: 1 (allowed: a number >= 5)"],
    [{ kind: "exponential", mean: 0 }, "invalid d.mean: 0 (allowed: a number > 0)"],
    [{ kind: "normal", mean: 1, sd: -1 }, "invalid d.sd: -1 (allowed: a number >= 0)"],
    [{ kind: "lognormal", median: 10, p99: 5 }, "invalid d.p99: 5 (allowed: a number >= 10)"],
    [{ kind: "lognormal", mu: 0, sigma: -2 }, "invalid d.sigma: -2"],
    [{ kind: "pareto", scale: 1, shape: 0 }, "invalid d.shape: 0 (allowed: a number > 0)"],
    [
      { kind: "mixture", weights: [1], components: [] } as unknown as DistributionSpec,
      "invalid d.components: [] (allowed: an array with at least 1 element)",
    ],
    [
      { kind: "mixture", weights: [1, 2], components: [{ kind: "constant", value: 1 }] },
      "invalid d.weights: [1,2] (allowed: one weight per component (1))",
    ],
    [
      { kind: "shifted", base: { kind: "constant", value: 1 }, offset: Number.NaN },
      "invalid d.offset: NaN (allowed: a finite number)",
    ],
    [
      { kind: "shifted", base: { kind: "exponential", mean: -1 }, offset: 75 },
      "invalid d.base.mean: -1 (allowed: a number > 0)",
    ],
    [{ kind: "empirical", samples: [1, Number.POSITIVE_INFINITY] }, "invalid d.samples[1]: Infinity"],
    [
      {
        kind: "empirical",
        percentiles: [
          [10, 1],
          [100, 2],
        ],
      },
      "invalid d.percentiles[0][0]: 10 (allowed: 0 (the minimum))",
    ],
    [{ kind: "weibull" } as unknown as DistributionSpec, 'invalid d.kind: "weibull"'],
  ];
  for (const [spec, message] of invalid) {
    it(`rejects ${JSON.stringify(spec)} naming the field`, () => {
      expect(() => distribution(spec, "d")).toThrow(message);
    });
  }

  it("checkNonNegative() rejects a normal that can go below zero", () => {
    expect(() => checkNonNegative("serviceTimeMs", distribution({ kind: "normal", mean: 5, sd: 1 }))).toThrow(
      /invalid serviceTimeMs.*non-negative/,
    );
  });
});
