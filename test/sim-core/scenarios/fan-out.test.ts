import {
  createRng,
  distribution,
  fanOut,
  fanOutSlowProbability,
  normalQuantile,
  SimConfigError,
  slowestLeaf,
} from "sim-core";
import { describe, expect, it } from "vitest";

/** Share of a sample at or below x. */
function shareAtMost(sample: number[], x: number): number {
  return sample.filter((v) => v <= x).length / sample.length;
}

describe("normalQuantile", () => {
  it("normalQuantile(p) gives the standard normal quantiles in the tables, symmetric about 1/2", () => {
    // Reference values to 15 digits (e.g. R's qnorm); AS 241 is accurate to about 1e-16.
    const known: [number, number][] = [
      [0.5, 0],
      [0.975, 1.959963984540054],
      [0.99, 2.3263478740408408],
      [0.999, 3.090232306167814],
      [1e-10, -6.361340902404056],
    ];
    for (const [p, z] of known) expect(normalQuantile(p)).toBeCloseTo(z, 12);
    for (const p of [1e-6, 0.001, 0.2, 0.42]) expect(normalQuantile(p)).toBeCloseTo(-normalQuantile(1 - p), 9);
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(() => normalQuantile(1.5)).toThrow(SimConfigError);
    expect(() => normalQuantile(Number.NaN)).toThrow(/normalQuantile.p/);
  });
});

describe("slowestLeaf", () => {
  it("slowestLeaf(count, ...) draws what count leaves drawn one by one would give", () => {
    // Both ways draw 40,000 requests; shares of two independent binomial samples differ by at
    // most 4 standard errors of the difference, sqrt(2 p (1 - p) / 40,000) <= 0.0071 at p = 1/2.
    const requests = 40_000;
    const mu = Math.log(10);
    const sigma = Math.log(3) / normalQuantile(0.99);
    const fast = distribution({ kind: "lognormal", mu, sigma });
    for (const [count, p, slowMs] of [
      [50, 0.02, 40],
      [30, 0.7, 25],
      [300, 0, 500],
      [7, 0.2, 0],
    ] as const) {
      const oneByOne: number[] = [];
      const firstSlowOneByOne: number[] = [];
      const rngA = createRng(`brute-${count}-${p}`);
      for (let i = 0; i < requests; i++) {
        let max = 0;
        let first = Infinity;
        for (let leaf = 0; leaf < count; leaf++) {
          const slow = rngA.next() < p;
          if (slow && first === Infinity) first = leaf;
          max = Math.max(max, slow ? slowMs : fast.sample(rngA));
        }
        oneByOne.push(max);
        firstSlowOneByOne.push(first);
      }
      const rngB = createRng(`tail-${count}-${p}`);
      const draws = Array.from({ length: requests }, () => slowestLeaf(count, p, mu, sigma, slowMs, rngB));
      const maxes = draws.map((d) => d.maxMs);
      const sorted = [...oneByOne].sort((a, b) => a - b);
      for (const q of [0.1, 0.5, 0.9, 0.99]) {
        const x = sorted[Math.floor(q * requests)] as number;
        const tol = 4 * Math.sqrt((2 * q * (1 - q)) / requests) + 1 / requests;
        expect(
          Math.abs(shareAtMost(maxes, x) - shareAtMost(oneByOne, x)),
          `count ${count}, p ${p}, x ${x}`,
        ).toBeLessThan(tol);
      }
      for (const k of [1, Math.ceil(count / 3), count]) {
        const exact = fanOutSlowProbability(k, p);
        const tol = 4 * Math.sqrt((exact * (1 - exact)) / requests) + 1e-12;
        const share = (list: number[]) => list.filter((f) => f < k).length / requests;
        expect(Math.abs(share(draws.map((d) => d.firstSlow)) - exact), `first slow < ${k}`).toBeLessThan(tol);
        expect(Math.abs(share(firstSlowOneByOne) - exact), `brute force, first slow < ${k}`).toBeLessThan(tol);
      }
    }
  });
});

describe("fanOut at scale", () => {
  it("fanOut.run() at 2,000 leaves gives The Tail at Scale's 'almost one in five' for p = 1/10,000", () => {
    // Dean and Barroso (CACM 2013): one request in 10,000 slow per server, 2,000 servers: 1 − (1 − p)^n
    // = 18.1%. At 50,000 requests the binomial standard error is 0.17 points; allow 4 of them.
    const result = fanOut.run({ leaves: 2000, slowPercent: 0.01, requests: 50_000, seed: 2013 });
    expect(result.slowShare.theory).toBeCloseTo(fanOutSlowProbability(2000, 0.0001), 12);
    for (const point of result.curve) {
      const sd = Math.sqrt((point.theory * (1 - point.theory)) / 50_000);
      expect(Math.abs(point.simulated - point.theory), `${point.leaves} leaves`).toBeLessThanOrEqual(4 * sd + 1e-9);
    }
    expect(result.curve.map((c) => c.leaves)).toEqual([1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000]);
  });

  it("fanOut.run() accepts 10,000 leaves and names the range beyond it", () => {
    const result = fanOut.run({ leaves: 10_000, requests: 100 });
    expect(result.leaves).toBe(10_000);
    expect(result.requestMs.p50).toBeGreaterThanOrEqual(result.leafMs.p50);
    expect(() => fanOut.run({ leaves: 10_001 })).toThrow("invalid fanOut.leaves: 10001");
  });
});
// Module 0's fan-out story (fanOut.presets.hundredLeaves): with 100 leaves each slow 1% of the
// time, most requests meet at least one slow leaf.
describe("fanOut", () => {
  it("fanOut.run(hundredLeaves) matches 1 − (1 − p)^n within 3 standard errors", () => {
    const r = fanOut.run(fanOut.presets.hundredLeaves);
    const p = r.slowShare.theory;
    expect(p).toBeCloseTo(1 - 0.99 ** 100, 12);
    // Binomial standard error of a share over the run's requests; 3 of them keep a false alarm
    // below 0.3% for any seed.
    const requests = fanOut.defaults.requests;
    const standardError = Math.sqrt((p * (1 - p)) / requests);
    expect(Math.abs(r.slowShare.simulated - p)).toBeLessThan(3 * standardError);
    // A request waits for its slowest leaf, so the median request is slow while the median leaf is not.
    expect(r.requestMs.p50).toBeGreaterThan(fanOut.defaults.slowMs * 0.9);
    expect(r.leafMs.p50).toBeLessThan(fanOut.defaults.slowMs / 10);
  });
});
