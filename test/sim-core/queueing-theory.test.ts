import { erlangC, fanOut, fanOutSlowProbability, mmcTheory, queueing } from "sim-core";
import { describe, expect, it } from "vitest";

// Tolerances: across seeds 1–3 at 10^6 customers the simulated mean response of M/M/1 at
// ρ = 0.9 spread by about ±2% (long busy periods make successive responses strongly
// correlated), so 5% is a safe margin that still catches a wrong queue discipline or rate,
// which move the mean by tens of percent.
const MEAN_TOLERANCE = 0.05;

describe("queueing theory", () => {
  it("erlangC(c, a) matches hand-computed values", () => {
    expect(erlangC(1, 0.9)).toBeCloseTo(0.9, 12);
    // c = 2, a = 1: C = (a²/2!)/(1 − ρ) / (1 + a + (a²/2!)/(1 − ρ)) = 1 / 3.
    expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 12);
  });

  it("mmcTheory(λ, μ, c) rejects an unstable queue with the limit", () => {
    expect(() => mmcTheory(1, 1, 1)).toThrow("invalid arrivalRate: 1 (allowed: below servers × serviceRate = 1");
  });

  it("queueing.run() M/M/1 at λ = 0.9, μ = 1 has mean response near 10", () => {
    const result = queueing.run({
      arrivalRatePerS: 900,
      serviceTimeMsMean: 1,
      servers: 1,
      customers: 1_000_000,
      seed: 1,
    });
    expect(result.theory?.meanResponse).toBeCloseTo(10, 9);
    expect(Math.abs(result.responseMs.mean - 10) / 10).toBeLessThan(MEAN_TOLERANCE);
    // Utilisation is a plain average over 10^6 services: 1% is about 10 standard errors.
    expect(result.utilisation).toBeCloseTo(0.9, 1);
  });

  it("queueing.run() M/M/10 at λ = 9, μ = 1 matches Erlang C", () => {
    const result = queueing.run({
      arrivalRatePerS: 9000,
      serviceTimeMsMean: 1,
      servers: 10,
      customers: 1_000_000,
      seed: 2,
    });
    const theory = mmcTheory(9, 1, 10);
    expect(result.theory?.meanResponse).toBeCloseTo(theory.meanResponse, 9);
    expect(Math.abs(result.responseMs.mean - theory.meanResponse) / theory.meanResponse).toBeLessThan(MEAN_TOLERANCE);
  });

  it("queueing.run() obeys Little's law: time-average number in system = λ·W", () => {
    const result = queueing.run({ arrivalRatePerS: 50, serviceTimeMsMean: 15, servers: 1, serviceShape: "lognormal" });
    // The run starts and ends empty, so L = λW holds to rounding of the integer clock.
    const { meanInSystem, lambdaTimesW } = result.littlesLaw;
    expect(Math.abs(meanInSystem - lambdaTimesW) / lambdaTimesW).toBeLessThan(1e-3);
  });

  it("queueing.run() with constant service waits about half as long as exponential (M/D/1)", () => {
    const exponential = queueing.run({ arrivalRatePerS: 80, customers: 400_000, seed: 3 });
    const constant = queueing.run({ arrivalRatePerS: 80, customers: 400_000, seed: 3, serviceShape: "constant" });
    // Pollaczek–Khinchine: mean wait ∝ (1 + Cs²)/2, so M/D/1 waits half as long as M/M/1.
    const ratio = constant.waitMs.mean / exponential.waitMs.mean;
    expect(ratio).toBeGreaterThan(0.45);
    expect(ratio).toBeLessThan(0.55);
  });

  it("fanOut.run() shows 1 − (1 − p)^n for the share of requests meeting a slow leaf", () => {
    const result = fanOut.run({ leaves: 20, slowPercent: 1, requests: 100_000, seed: 5 });
    // Binomial standard error at 10^5 requests is about 0.0012; allow 5 of them.
    for (const point of result.curve) {
      expect(Math.abs(point.simulated - point.theory)).toBeLessThan(0.006);
    }
    expect(result.slowShare.theory).toBeCloseTo(fanOutSlowProbability(20, 0.01), 12);
    expect(result.requestMs.p99).toBeGreaterThan(result.leafMs.p99);
  });
});
