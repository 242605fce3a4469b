import { createRng, distribution, EvacuationFleet } from "sim-core";
import { describe, expect, it } from "vitest";

const MIN = 60_000;
const warm = { spsPerInstance: 10, warmUpMs: 5 * MIN, warmStartPct: 50 };
const delays = {
  provision: distribution({ kind: "uniform", min: 3 * MIN, max: 5 * MIN }),
  startup: distribution({ kind: "uniform", min: 20 * MIN, max: 30 * MIN }),
};

describe("EvacuationFleet", () => {
  it("fleet.request(n) adds nothing to capacity before provisioning and start-up are over", () => {
    const fleet = new EvacuationFleet(4, warm);
    const serving = fleet.request(30, MIN, delays, createRng(1));
    expect(serving).toHaveLength(30);
    // Each instance's delay is its own draw, inside the two ranges' sum.
    for (const at of serving) {
      expect(at).toBeGreaterThanOrEqual(MIN + 23 * MIN);
      expect(at).toBeLessThan(MIN + 35 * MIN);
    }
    expect(new Set(serving).size).toBe(30);
    const first = Math.min(...serving);
    expect(fleet.capacityAt(first - 1)).toBe(40);
    expect(fleet.countsAt(first - 1)).toEqual({ ready: 4, warming: 0, starting: 30 });
    expect(fleet.total).toBe(34);
  });

  it("fleet.capacityAt(t) ramps a new instance from warmStartPct to full speed over warmUpMs", () => {
    const fleet = new EvacuationFleet(0, warm);
    const [at] = fleet.request(
      1,
      0,
      {
        provision: distribution({ kind: "constant", value: 0 }),
        startup: distribution({ kind: "constant", value: MIN }),
      },
      createRng(1),
    );
    expect(at).toBe(MIN);
    expect(fleet.capacityAt(MIN)).toBe(5);
    expect(fleet.capacityAt(MIN + 2.5 * MIN)).toBe(7.5);
    expect(fleet.capacityAt(MIN + 5 * MIN)).toBe(10);
    expect(fleet.countsAt(MIN + MIN)).toEqual({ ready: 0, warming: 1, starting: 0 });
    expect(fleet.countsAt(MIN + 5 * MIN)).toEqual({ ready: 1, warming: 0, starting: 0 });
  });

  it("fleet.capacityAt(t) never falls below zero and never falls over time", () => {
    const fleet = new EvacuationFleet(2, warm);
    fleet.request(50, 0, delays, createRng(7));
    let before = 0;
    for (let t = 0; t <= 60 * MIN; t += 10_000) {
      const capacity = fleet.capacityAt(t);
      expect(capacity).toBeGreaterThanOrEqual(before);
      before = capacity;
    }
    expect(before).toBe(520);
  });
});
