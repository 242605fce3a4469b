import {
  createRng,
  type Fault,
  Group,
  NAIVE_SUT,
  netflixSystem,
  STORE_READ_ATTEMPTS,
  type SutOptions,
  storeTimeoutMs,
} from "sim-core";
import { describe, expect, it } from "vitest";

/** One group of the system for 20 s at 40 starts/s, with the faults given; its totals at the end. */
function run(sut: SutOptions, faults: Fault[], seed: number) {
  const g = new Group({ sut, faults, binMs: 1000, rateAt: () => 40, rng: createRng(seed), customers: 10_000 });
  const bins = Array.from({ length: 20 }, () => g.step(true));
  const r = g.finish();
  const read = r.calls.find((c) => c.from === "playback" && c.to === "store");
  return { failed: bins.reduce((a, b) => a + b.failed, 0), read };
}

describe("the store under playback", () => {
  it("is read by playback, three replicas, one per zone", () => {
    const { services, topology } = netflixSystem(NAIVE_SUT);
    const store = services.find((s) => s.name === "store");
    const zones = (store?.nodes ?? []).map((n) => topology.node(n).zoneIndex);
    expect(new Set(zones).size).toBe(3);
    const playback = services.find((s) => s.name === "playback");
    expect(playback?.calls?.flat().map((c) => c.service)).toEqual(["store"]);
  });

  it("telescopes: every try of a read fits inside playback's timeout, with room left", () => {
    for (const timeoutMs of [STORE_READ_ATTEMPTS + 1, 10, 250, 1000, 60_000])
      expect(STORE_READ_ATTEMPTS * storeTimeoutMs({ ...NAIVE_SUT, timeoutMs })).toBeLessThan(timeoutMs);
  });

  // Consistency ONE: a replica killed while its Eureka entry still stands is hit, its read times
  // out and the store's own retry answers from another replica, though the mid tier retries nothing.
  it("survives a dead replica with no retry in the mid tier", () => {
    const kill: Fault[] = [{ kind: "terminate", service: "store", instance: 1, atMs: 2000 }];
    for (const seed of [1, 2, 3]) {
      const { failed, read } = run(NAIVE_SUT, kill, seed);
      expect(read?.retries).toBeGreaterThan(0);
      expect([failed, read?.outcomes.timeout]).toEqual([0, 0]);
    }
  });
});
