import { Counters, createRng, distribution, GaugeSeries, Histogram, RateSeries } from "sim-core";
import { describe, expect, it } from "vitest";

describe("Histogram", () => {
  it("percentile(p) stays within 1% of the exact order statistic", () => {
    const d = distribution({ kind: "lognormal", median: 20, p99: 400 });
    const rng = createRng(11);
    const values: number[] = [];
    const h = new Histogram();
    for (let i = 0; i < 100_000; i++) {
      const x = d.sample(rng);
      values.push(x);
      h.record(x);
    }
    values.sort((a, b) => a - b);
    for (const p of [50, 90, 99, 99.9]) {
      const exact = values[Math.ceil((p / 100) * values.length) - 1] as number;
      expect(Math.abs(h.percentile(p) - exact) / exact).toBeLessThanOrEqual(0.01);
    }
    expect(h.percentile(100)).toBe(values[values.length - 1]);
    expect(h.max).toBe(values[values.length - 1]);
  });

  it("keeps bounded memory: buckets() never exceeds its fixed bucket count", () => {
    const h = new Histogram();
    for (let i = 0; i < 200_000; i++) h.record(i * 0.37);
    expect(h.buckets().length).toBeLessThan(2000);
    expect(h.count).toBe(200_000);
  });

  it("record() rejects NaN and negatives; an empty histogram reports zeros, never NaN", () => {
    const h = new Histogram();
    expect(() => h.record(Number.NaN)).toThrow("invalid histogram value: NaN");
    expect(() => h.record(-1)).toThrow("invalid histogram value: -1 (allowed: a number >= 0)");
    expect(h.summary()).toEqual({ count: 0, mean: 0, min: 0, p50: 0, p90: 0, p99: 0, p999: 0, max: 0 });
    expect(() => h.percentile(101)).toThrow("invalid percentile: 101 (allowed: a number from 0 to 100)");
  });

  it("merge() equals recording both sets into one", () => {
    const a = new Histogram();
    const b = new Histogram();
    const both = new Histogram();
    for (let i = 1; i <= 500; i++) {
      (i % 2 ? a : b).record(i);
      both.record(i);
    }
    a.merge(b);
    expect(a.summary()).toEqual(both.summary());
  });
});

describe("series", () => {
  it("RateSeries.points() reports per-second rates per bin", () => {
    const s = new RateSeries(500);
    s.add(100_000);
    s.add(200_000);
    s.add(700_000);
    expect(s.points(1500)).toEqual([
      { timeMs: 0, value: 4 },
      { timeMs: 500, value: 2 },
      { timeMs: 1000, value: 0 },
    ]);
  });

  it("GaugeSeries.points() gives time-weighted means and maxima", () => {
    const g = new GaugeSeries(1000);
    g.set(0, 2);
    g.set(250_000, 6);
    g.set(500_000, 0);
    g.set(1_500_000, 4);
    expect(g.points(2000)).toEqual([
      { timeMs: 0, mean: 2, max: 6 },
      { timeMs: 1000, mean: 2, max: 4 },
    ]);
    expect(g.peak).toBe(6);
  });

  it("Counters.toObject() keeps insertion order", () => {
    const c = new Counters();
    c.add("timeout");
    c.add("ok", 3);
    c.add("timeout");
    expect(Object.entries(c.toObject())).toEqual([
      ["timeout", 2],
      ["ok", 3],
    ]);
  });
});
