import { type RegionEvacuationResult, regionEvacuation, SimConfigError } from "sim-core";
import { describe, expect, it } from "vitest";

const MIN = 60_000;
const story = Object.fromEntries(
  Object.entries(regionEvacuation.presets).map(([name, preset]) => [name, regionEvacuation.run(preset)]),
) as Record<keyof typeof regionEvacuation.presets, RegionEvacuationResult>;
const minutes = (ms: number | null) => (ms === null ? null : Math.round((ms / MIN) * 10) / 10);

describe("regionEvacuation", () => {
  it("pins the story's numbers", () => {
    const pinned = Object.fromEntries(
      Object.entries(story).map(([k, r]) => [
        k,
        {
          decisionMin: minutes(r.decisionAtMs),
          evacuatedMin: minutes(r.evacuatedAtMs),
          maxFailedPct: Math.round(r.maxFailedPct * 10) / 10,
          impactFree: r.impactFree,
          failedStarts: r.failedStarts,
          overloadFailedStarts: r.overloadFailedStarts,
          fingerprint: r.fingerprint,
        },
      ]),
    );
    expect(pinned).toMatchInlineSnapshot(`
      {
        "kongCold": {
          "decisionMin": 4.2,
          "evacuatedMin": 50.3,
          "failedStarts": 4061980,
          "fingerprint": "a94c1be4687794b7",
          "impactFree": true,
          "maxFailedPct": 0,
          "overloadFailedStarts": 0,
        },
        "kongDrill": {
          "decisionMin": 0,
          "evacuatedMin": 46,
          "failedStarts": 0,
          "fingerprint": "49e079389592451f",
          "impactFree": true,
          "maxFailedPct": 0,
          "overloadFailedStarts": 0,
        },
        "kongReady": {
          "decisionMin": 4.2,
          "evacuatedMin": 4.3,
          "failedStarts": 402948,
          "fingerprint": "28b0b7c9e5cbbd35",
          "impactFree": true,
          "maxFailedPct": 6.7,
          "overloadFailedStarts": 17930,
        },
        "kongTooFast": {
          "decisionMin": 4.2,
          "evacuatedMin": 4.3,
          "failedStarts": 2158863,
          "fingerprint": "8803fedf8ae16da7",
          "impactFree": false,
          "maxFailedPct": 46.9,
          "overloadFailedStarts": 1773845,
        },
      }
    `);
  });

  it("kongCold takes several times longer to evacuate than kongReady, and fails many more starts", () => {
    const cold = story.kongCold.evacuatedAtMs as number;
    const ready = story.kongReady.evacuatedAtMs as number;
    expect(cold).toBeGreaterThan(4 * ready);
    expect(story.kongCold.failedStarts).toBeGreaterThan(5 * story.kongReady.failedStarts);
    expect(story.kongCold.impactFree).toBe(true);
    expect(story.kongReady.impactFree).toBe(true);
  });

  it("kongTooFast moves everything at once with nothing ready: the receiving region overloads", () => {
    expect(story.kongTooFast.impactFree).toBe(false);
    expect(story.kongTooFast.maxFailedPct).toBeGreaterThan(story.kongTooFast.params.impactThresholdPct);
    expect(story.kongTooFast.overloadFailedStarts).toBeGreaterThan(story.kongReady.overloadFailedStarts * 10);
  });

  it("kongDrill fails nothing: the drained region keeps serving until its customers have moved", () => {
    expect(story.kongDrill.failedStarts).toBe(0);
    expect(story.kongDrill.evacuatedAtMs).not.toBeNull();
  });

  it("regionEvacuation.run is deterministic: same seed, same fingerprint; another seed, another", () => {
    expect(regionEvacuation.run({ seed: 11 }).fingerprint).toBe(regionEvacuation.run({ seed: 11 }).fingerprint);
    expect(regionEvacuation.run({ seed: 12 }).fingerprint).not.toBe(regionEvacuation.run({ seed: 11 }).fingerprint);
  });

  it("regionEvacuation.run({ plan }) runs a learner's plan and reports its own ready capacity", () => {
    const r = regionEvacuation.run({ readyCapacityPct: 0, plan: { readyCapacityPct: 120, shiftPct: () => 100 } });
    expect(r.planName).toBe("custom");
    expect(r.readyCapacityPct).toBe(120);
    expect(r.readyInstances).toBeGreaterThan(0);
    expect(r.impactFree).toBe(true);
  });

  it("a learner's bad answer surfaces as a SimConfigError naming plan.shiftPct and the minute", () => {
    const run = () =>
      regionEvacuation.run({ plan: { readyCapacityPct: 0, shiftPct: (v) => (v.sinceDecisionMs > MIN ? 150 : 0) } });
    expect(run).toThrow(SimConfigError);
    expect(run).toThrow(/^invalid plan\.shiftPct at minute \d+(\.\d+)?: 150 \(allowed: a number from 0 to 100\)$/);
  });

  it("bad controls throw naming regionEvacuation.<field>", () => {
    expect(() => regionEvacuation.run({ readyCapacityPct: -5 })).toThrow("regionEvacuation.readyCapacityPct");
    expect(() => regionEvacuation.run({ procedure: "panic" as never })).toThrow("regionEvacuation.procedure");
  });

  it("a plan's ready capacity is read once: the run keeps what it reports, however the field is written", () => {
    const shiftPct = () => 100;
    // A getter that says 0 when first read and 300 afterwards (a learner's plan in the grader is
    // a live object whose fields may be getters).
    let reads = 0;
    const shifty = {
      get readyCapacityPct() {
        reads++;
        return reads === 1 ? 0 : 300;
      },
      shiftPct,
    };
    const honest = regionEvacuation.run({ seed: 3, plan: { readyCapacityPct: 0, shiftPct } });
    const run = regionEvacuation.run({ seed: 3, plan: shifty });
    expect(reads).toBe(1);
    expect(run.readyCapacityPct).toBe(0);
    expect(run.fingerprint).toBe(honest.fingerprint);
  });
});
