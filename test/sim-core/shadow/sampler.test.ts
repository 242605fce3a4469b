import {
  createRng,
  customerPopulation,
  drawCustomer,
  hashSampler,
  mix32,
  moduloSampler,
  randomSampler,
  samplingStats,
} from "sim-core";
import { describe, expect, it } from "vitest";

describe("moduloSampler.mirror(id, threshold)", () => {
  it("mirrors exactly the ids whose last two digits are below the threshold", () => {
    const rng = createRng(1);
    expect([1203, 1204, 1299, 1300].map((id) => moduloSampler.mirror(id, 4, rng))).toEqual([true, false, false, true]);
  });
  it("is consistent and monotone: mirrored at 5% means mirrored at 10%", () => {
    const rng = createRng(1);
    for (let id = 0; id < 1000; id++) {
      if (moduloSampler.mirror(id, 5, rng)) expect(moduloSampler.mirror(id, 10, rng)).toBe(true);
      if (hashSampler.mirror(id, 5, rng)) expect(hashSampler.mirror(id, 10, rng)).toBe(true);
      expect(hashSampler.mirror(id, 7, rng)).toBe(hashSampler.mirror(id, 7, rng));
    }
  });
});

describe("hashSampler and randomSampler", () => {
  it("hashSampler mirrors nobody at 0 and everybody at 100", () => {
    const rng = createRng(1);
    for (let id = 0; id < 500; id++) {
      expect(hashSampler.mirror(id, 0, rng)).toBe(false);
      expect(hashSampler.mirror(id, 100, rng)).toBe(true);
    }
  });
  it("mix32 is MurmurHash3's fmix32 (known value for 1)", () => {
    // fmix32(1) = 0x514e28b7, from MurmurHash3.cpp's finaliser applied by hand.
    expect(mix32(1)).toBe(0x514e28b7);
  });
  it("randomSampler draws from the stream it is given, so the same stream gives the same answers", () => {
    const a = Array.from({ length: 50 }, (_, i) => randomSampler.mirror(i, 50, createRng(9).fork(`r${i}`)));
    const b = Array.from({ length: 50 }, (_, i) => randomSampler.mirror(i, 50, createRng(9).fork(`r${i}`)));
    expect(a).toEqual(b);
    expect(a).toContain(true);
    expect(a).toContain(false);
  });
});

describe("customerPopulation(options, rng)", () => {
  it("allocates ids in blocks that start at multiples of the block size, all distinct", () => {
    const pop = customerPopulation({ customers: 2000, idBlockSize: 100 }, createRng(3));
    expect(new Set(pop.ids).size).toBe(2000);
    // Within a block ids are consecutive from the block's start, so every id's offset in its
    // block is below the number of ids that block used.
    let previous = -1;
    for (const id of pop.ids) {
      if (id % 100 !== 0) expect(id).toBe(previous + 1);
      previous = id;
    }
  });
  it("drawCustomer gives the heavy customers their share of requests (±1.5 points at 20,000 draws)", () => {
    const pop = customerPopulation({ customers: 5000, heavyCustomers: 10, heavyShare: 0.2 }, createRng(3));
    const heavy = new Set(pop.heavy);
    const rng = createRng(4);
    let hits = 0;
    for (let i = 0; i < 20_000; i++) if (heavy.has(drawCustomer(pop, rng))) hits++;
    // Heavy customers also appear among uniform draws (10 of 5000), a negligible 0.16 points.
    expect(hits / 20_000).toBeGreaterThan(0.185);
    expect(hits / 20_000).toBeLessThan(0.215);
  });
});

describe("samplingStats(population, sampler, thresholds, requests, rng)", () => {
  const pop = customerPopulation({ customers: 10_000 }, createRng(5));
  const rows = (s: typeof moduloSampler) => samplingStats(pop, s, [1, 5, 10, 50], 20_000, createRng(6));

  it("modulo on block-allocated ids mirrors more customers than the threshold; hash stays near it", () => {
    const modulo = rows(moduloSampler);
    const hash = rows(hashSampler);
    // Blocks keep their first ids, so residues below the threshold are over-represented.
    expect(modulo[0]?.customerShare).toBeGreaterThan(0.015);
    expect(modulo[3]?.customerShare).toBeGreaterThan(0.65);
    // Hash: binomial over ~8,000 active customers, sd ≈ 0.1 point at 1%, 0.6 point at 50%.
    expect(Math.abs((hash[0]?.customerShare ?? 0) - 0.01)).toBeLessThan(0.004);
    expect(Math.abs((hash[3]?.customerShare ?? 0) - 0.5)).toBeLessThan(0.02);
  });
  it("consistent samplers keep every session whole and every customer as the threshold rises; random does not", () => {
    for (const r of [...rows(moduloSampler), ...rows(hashSampler)]) {
      expect(r.sessionsWhole).toBe(1);
      expect(r.keptFromPrevious).toBe(1);
    }
    const random = rows(randomSampler);
    expect(random[1]?.sessionsWhole).toBeLessThan(0.1);
    expect(random[1]?.keptFromPrevious).toBeLessThan(0.5);
  });
});
