import { createRng, loadBalancer, RIBBON_TRIGGERING_LOAD_PER_SERVER, zoneAware } from "sim-core";
import { describe, expect, it } from "vitest";

// Six instances, two per zone: instance i is in zone floor(i / 2).
const zoneOf = (i: number) => Math.floor(i / 2);
const candidates = [0, 1, 2, 3, 4, 5];
const picks = (outstanding: (i: number) => number, n = 60) => {
  const lb = zoneAware();
  const c = { candidates, outstanding, zoneOf, rng: createRng(7) };
  return Array.from({ length: n }, () => lb.pick(c));
};

describe("zoneAware (Ribbon's ZoneAwareLoadBalancer with ZoneAvoidanceRule)", () => {
  it("goes round every candidate in turn while no zone is over the triggering load", () => {
    expect(picks(() => 0, 7)).toEqual([0, 1, 2, 3, 4, 5, 0]);
  });

  it("avoids the busiest zone once its requests outstanding per server reach the threshold", () => {
    // Zone 1 holds one request per server waiting (a dead zone's calls wait on their timeout).
    const chosen = picks((i) => (zoneOf(i) === 1 ? 1 : 0));
    expect(chosen.some((i) => zoneOf(i) === 1)).toBe(false);
    // The other zones share the traffic, and both instances of each are used.
    expect(new Set(chosen)).toEqual(new Set([0, 1, 4, 5]));
  });

  it("keeps a zone whose load per server stays under the threshold (0.2)", () => {
    expect(RIBBON_TRIGGERING_LOAD_PER_SERVER).toBe(0.2);
    // Two zones of six servers each; zone 0 has `busy` requests outstanding on instance 0.
    const run = (busy: number) => {
      const lb = zoneAware();
      const c = {
        candidates: Array.from({ length: 12 }, (_, i) => i),
        outstanding: (i: number) => (i === 0 ? busy : 0),
        zoneOf: (i: number) => (i < 6 ? 0 : 1),
        rng: createRng(1),
      };
      return Array.from({ length: 24 }, () => lb.pick(c));
    };
    expect(run(1).filter((i) => i < 6).length).toBe(12); // 1/6 per server: round robin over all
    expect(run(2).filter((i) => i < 6).length).toBe(0); // 2/6 per server: zone 0 avoided
  });

  it("is plain round robin without zone data, and is a built-in kind", () => {
    const lb = loadBalancer("zoneAware");
    const c = { candidates: [3, 8], outstanding: () => 5, rng: createRng(1) };
    expect([lb.pick(c), lb.pick(c), lb.pick(c)]).toEqual([3, 8, 3]);
  });
});
