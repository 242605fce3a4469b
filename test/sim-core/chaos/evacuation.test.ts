import {
  classicPlan,
  createRng,
  type EvacuationPlan,
  type EvacuationView,
  evacuationSpec,
  nimblePlan,
  runEvacuation,
  SimConfigError,
  summariseEvacuation,
} from "sim-core";
import { describe, expect, it } from "vitest";

const MIN = 60_000;

/** Runs `fn`, expects a SimConfigError and returns it for its path, value and allowed range. */
function configError(fn: () => unknown): SimConfigError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(SimConfigError);
    return e as SimConfigError;
  }
  throw new Error("expected a SimConfigError, nothing was thrown");
}

describe("runEvacuation", () => {
  it("runEvacuation(spec, plan, rng) conserves traffic: served plus failed is demand, every step", () => {
    for (const failure of ["outage", "drill"] as const)
      for (const plan of [classicPlan(), nimblePlan(0), nimblePlan(100)]) {
        const { steps } = runEvacuation(evacuationSpec({ failure }), plan, createRng(3));
        for (const s of steps) {
          const demand = s.ownDemandPerSec + s.failedRegionDemandPerSec;
          expect(s.receivingServedPerSec + s.failedRegionServedPerSec + s.failedPerSec).toBeCloseTo(demand, 6);
          expect(s.failedPerSec).toBeGreaterThanOrEqual(0);
          expect(s.capacityPerSec).toBeGreaterThan(0);
          expect(s.failedPct).toBeGreaterThanOrEqual(0);
          expect(s.failedPct).toBeLessThanOrEqual(100);
        }
      }
  });

  it("runEvacuation moves nothing before the decision, and in an outage fails every unmoved start", () => {
    const run = runEvacuation(evacuationSpec({}), nimblePlan(100), createRng(5));
    expect(run.decisionAtMs).toBeGreaterThanOrEqual(3.75 * MIN);
    expect(run.decisionAtMs).toBeLessThan(6.25 * MIN);
    for (const s of run.steps.filter((x) => x.timeMs < run.decisionAtMs)) {
      expect(s.shiftedPct).toBe(0);
      expect(s.failedPerSec).toBeCloseTo(s.failedRegionDemandPerSec, 9);
    }
  });

  it("runEvacuation's new instances serve no sooner than the shortest provisioning plus start-up", () => {
    const run = runEvacuation(evacuationSpec({}), classicPlan(), createRng(2));
    const base = run.baseInstances;
    // The autoscaler may ask at the very start (demand still rises towards the 9 pm peak), so
    // the bound counts from time 0: the shortest provisioning (3 min) plus start-up (18.75 min).
    const soonest = 3 * MIN + 18.75 * MIN;
    for (const s of run.steps) {
      if (s.timeMs < soonest) expect(s.instancesReady + s.instancesWarming).toBe(base);
    }
    expect(run.requestedInstances).toBeGreaterThan(0);
    const end = run.steps.at(-1);
    expect((end?.instancesReady ?? 0) + (end?.instancesWarming ?? 0) + (end?.instancesStarting ?? 0)).toBe(
      base + run.requestedInstances,
    );
  });

  it("runEvacuation is deterministic: the same seed gives the same steps, another seed others", () => {
    const a = runEvacuation(evacuationSpec({}), classicPlan(), createRng(9));
    const b = runEvacuation(evacuationSpec({}), classicPlan(), createRng(9));
    const c = runEvacuation(evacuationSpec({}), classicPlan(), createRng(10));
    expect(a).toEqual(b);
    expect(c.steps).not.toEqual(a.steps);
  });
});

describe("evacuation validation", () => {
  const run = (plan: EvacuationPlan, spec = evacuationSpec({})) => runEvacuation(spec, plan, createRng(1));

  it.each([
    [{ peakSps: 0 }, "evacuation.peakSps", 0],
    [{ startHour: 25 }, "evacuation.startHour", 25],
    [{ stepMs: 10 }, "evacuation.stepMs", 10],
    [{ targetUtilisationPct: 120 }, "evacuation.targetUtilisationPct", 120],
    [{ coldExtraPct: Number.NaN }, "evacuation.coldExtraPct", Number.NaN],
    [{ provisionMs: { kind: "uniform", min: -5, max: 5 } }, "evacuation.provisionMs.min", -5],
    [{ failure: "flood" }, "evacuation.failure", "flood"],
  ])("a bad spec field %j throws naming %s", (field, path, value) => {
    const e = configError(() => run(nimblePlan(0), evacuationSpec(field as never)));
    expect(e.path).toBe(path);
    expect(e.value).toEqual(value);
  });

  it("a plan without shiftPct, or with ready capacity out of range, throws naming the field", () => {
    expect(configError(() => run({ readyCapacityPct: 10 } as EvacuationPlan)).path).toBe("plan.shiftPct");
    const e = configError(() => run({ readyCapacityPct: 400, shiftPct: () => 0 }));
    expect([e.path, e.value, e.allowed]).toEqual(["plan.readyCapacityPct", 400, "a number from 0 to 300"]);
  });

  it.each([[101], [-1], [Number.NaN], ["50"]])("plan.shiftPct answering %j throws naming the minute", (answer) => {
    const e = configError(() => run({ readyCapacityPct: 0, shiftPct: () => answer as number }));
    const decisionMin = runEvacuation(evacuationSpec({}), nimblePlan(0), createRng(1)).decisionAtMs / MIN;
    // The first step at or after the decision, in minutes rounded to hundredths.
    const minute = Math.round((Math.ceil((decisionMin * MIN) / 10_000) * 10_000 * 100) / MIN) / 100;
    expect(e.path).toBe(`plan.shiftPct at minute ${minute}`);
    expect(e.allowed).toBe("a number from 0 to 100");
  });
});

/**
 * A reference adaptive plan (the lab's target is set by it): each step, move as much of the failed
 * region's traffic as the receiving region's capacity has room for, with a 3% margin for the demand
 * noise, counting moved customers at their cold-cache cost.
 */
function adaptivePlan(readyCapacityPct: number): EvacuationPlan {
  return {
    readyCapacityPct,
    shiftPct(v: EvacuationView): number {
      const moved = (v.failedRegionDemandPerSec * v.shiftedPct) / 100;
      const room = 0.97 * v.capacityPerSec - v.ownDemandPerSec - moved * v.movedCostFactor;
      const more = (100 * Math.max(0, room)) / (v.failedRegionDemandPerSec * v.coldCostFactor);
      return Math.min(100, v.shiftedPct + more);
    },
  };
}

/** The lab's target: with at most 100% ready, all traffic moved within 8 minutes of the decision, no step failing more than 1%. */
const TARGET = { readyCapacityPct: 100, afterDecisionMs: 8 * MIN, maxFailedPct: 1 };

describe("an evacuation target a plan can meet", () => {
  const seeds = [1, 2, 3, 4, 5, 6, 7, 8];
  const summary = (plan: EvacuationPlan, seed: number) =>
    summariseEvacuation(runEvacuation(evacuationSpec({}), plan, createRng(seed)), 1);

  it("adaptivePlan(100) meets the target on every seed", () => {
    for (const seed of seeds) {
      const s = summary(adaptivePlan(TARGET.readyCapacityPct), seed);
      expect(s.evacuatedAfterDecisionMs, `seed=${seed}`).not.toBeNull();
      expect(s.evacuatedAfterDecisionMs as number, `seed=${seed}`).toBeLessThanOrEqual(TARGET.afterDecisionMs);
      expect(s.maxFailedPct, `seed=${seed}`).toBeLessThanOrEqual(TARGET.maxFailedPct);
    }
  });

  it("the built-in plans miss it: nimblePlan(100) overloads on cold caches, classicPlan() is too slow", () => {
    for (const seed of seeds) {
      expect(summary(nimblePlan(TARGET.readyCapacityPct), seed).maxFailedPct).toBeGreaterThan(TARGET.maxFailedPct);
      expect(summary(classicPlan(), seed).evacuatedAfterDecisionMs as number).toBeGreaterThan(TARGET.afterDecisionMs);
    }
  });

  it("with too little ready capacity the adaptive plan must wait for new instances and misses the time", () => {
    const s = summary(adaptivePlan(60), 1);
    expect(s.maxFailedPct).toBeLessThanOrEqual(TARGET.maxFailedPct);
    expect(s.evacuatedAfterDecisionMs as number).toBeGreaterThan(20 * MIN);
  });
});
