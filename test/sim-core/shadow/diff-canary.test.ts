import {
  createRng,
  DEFAULT_CANARY,
  type DiffyField,
  diffyReport,
  type Exchange,
  exactDiffer,
  mannWhitney,
  mannWhitneyJudge,
  type ResponseRecord,
  routeByVersion,
  scoreDiff,
  setAwareDiffer,
  simulateCanary,
} from "sim-core";
import { describe, expect, it } from "vitest";

describe("exactDiffer and setAwareDiffer", () => {
  it("exactDiffer names fields that differ, lists in order, and fields present on one side only", () => {
    expect(exactDiffer.diff({ a: 1, l: ["x", "y"], s: "k" }, { a: 2, l: ["x", "y"], t: "k" })).toEqual(["a", "s", "t"]);
  });
  it("setAwareDiffer ignores order in set fields but not a missing member", () => {
    const d = setAwareDiffer(["g"]);
    expect(d.diff({ g: ["a", "b"] }, { g: ["b", "a"] })).toEqual([]);
    expect(d.diff({ g: ["a", "b"] }, { g: ["b"] })).toEqual(["g"]);
  });
});

describe("diffyReport(exchanges, differ)", () => {
  // Ten requests to one endpoint: `bug` differs candidate-vs-primary in 3 and never between the
  // primaries; `ts` differs everywhere; `mixed` differs raw in 3 and as noise in 2.
  const xs: Exchange[] = Array.from({ length: 10 }, (_, i) => {
    const primary: ResponseRecord = { bug: 0, ts: i, mixed: 0 };
    const secondary: ResponseRecord = { bug: 0, ts: i + 100, mixed: i < 2 ? 1 : 0 };
    const candidate: ResponseRecord = { bug: i < 3 ? 1 : 0, ts: i + 200, mixed: i < 3 ? 1 : 0 };
    return { requestType: "profile", customerId: i, primary, secondary, candidate };
  });
  const byField = (rows: DiffyField[]) => Object.fromEntries(rows.map((r) => [r.field, r]));

  it("counts raw and noise per field and applies Diffy's formulas", () => {
    const f = byField(diffyReport(xs, exactDiffer));
    expect(f.bug).toMatchObject({
      raw: 3,
      noise: 0,
      total: 10,
      relativePercent: 100,
      absolutePercent: 30,
      reported: true,
    });
    expect(f.ts).toMatchObject({ raw: 10, noise: 10, relativePercent: 0, absolutePercent: 0, reported: false });
    // |3 − 2| / (3 + 2) = 20%: not above the 20% threshold (Diffy's filter is strict).
    expect(f.mixed).toMatchObject({ raw: 3, noise: 2, relativePercent: 20, reported: false });
  });
  it("without noise cancelling every field with a raw difference is reported", () => {
    const f = byField(
      diffyReport(xs, exactDiffer, {
        relativeThresholdPercent: 20,
        absoluteThresholdPercent: 0.03,
        noiseCancelling: false,
      }),
    );
    expect([f.bug?.reported, f.ts?.reported, f.mixed?.reported]).toEqual([true, true, true]);
  });
  it("scoreDiff gives precision and recall against the injected regressions", () => {
    const report = diffyReport(xs, exactDiffer, {
      relativeThresholdPercent: 20,
      absoluteThresholdPercent: 0.03,
      noiseCancelling: false,
    });
    const s = scoreDiff(report, [{ requestType: "profile", field: "rating", customerShare: 0.1 }]);
    expect(s).toEqual({
      precision: 0,
      recall: 0,
      missed: ["profile.rating"],
      falseAlarms: ["profile.bug", "profile.mixed", "profile.ts"],
    });
  });
});

describe("mannWhitney(experiment, control)", () => {
  it("matches R's wilcox.test(1:5, 6:10, exact = FALSE): W = 0, p = 0.01219", () => {
    const r = mannWhitney([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]);
    expect(r.u).toBe(0);
    expect(r.pValue).toBeCloseTo(0.01219, 4);
    expect(r.estimate).toBe(-5);
    expect(r.lower).toBeLessThan(-5);
    expect(r.upper).toBeGreaterThan(-5);
    const swapped = mannWhitney([6, 7, 8, 9, 10], [1, 2, 3, 4, 5]);
    expect([swapped.u, swapped.estimate]).toEqual([25, 5]);
  });
  it("identical samples give p = 1 and a zero shift", () => {
    const r = mannWhitney([3, 1, 2], [2, 3, 1]);
    // normalCdf is Abramowitz and Stegun's approximation, within 1.5e-7 of the exact value.
    expect(r.pValue).toBeCloseTo(1, 6);
    expect(r.estimate).toBe(0);
  });
});

describe("mannWhitneyJudge()", () => {
  const judge = mannWhitneyJudge();
  const base = Array.from({ length: 20 }, (_, i) => 10 + (i % 5));
  it("passes a canary like its control and fails one that is clearly higher", () => {
    expect(judge.judge({ latencyMs: base }, { latencyMs: base })).toMatchObject({ score: 100, result: "pass" });
    const worse = judge.judge(
      { latencyMs: base.map((v) => v * 2), cpuPercent: base },
      { latencyMs: base, cpuPercent: base },
    );
    expect(worse.score).toBe(50);
    expect(worse.result).toBe("fail");
    expect(worse.metrics.map((m) => m.classification)).toEqual(["high", "pass"]);
  });
  it("a lower canary passes (higher is worse for every metric)", () => {
    expect(judge.judge({ latencyMs: base.map((v) => v / 2) }, { latencyMs: base }).result).toBe("pass");
  });
});

describe("routeByVersion(instances, tag, rng)", () => {
  const pool = [
    { name: "prod", version: "v1", weight: 1 },
    { name: "base", version: "v1", weight: 1 },
    { name: "canary", version: "v2", weight: 0 },
  ];
  it("sends tagged requests only to that version, and untagged ones never to a zero-weight instance", () => {
    const rng = createRng(1);
    for (let i = 0; i < 200; i++) {
      expect(routeByVersion(pool, "v2", rng)).toBe(2);
      expect(routeByVersion(pool, null, rng)).not.toBe(2);
    }
    expect(routeByVersion(pool, "v3", rng)).toBe(-1);
  });
});

describe("simulateCanary(options, rng)", () => {
  it("routes tagged test traffic to the canary, and counts it", () => {
    const r = simulateCanary({ ...DEFAULT_CANARY, lifetimeMinutes: 10, testTrafficPercent: 50 }, createRng(1));
    expect(r.testRequests).toBe(10 * DEFAULT_CANARY.zones * 30);
  });
  it("is deterministic for a seed", () => {
    expect(simulateCanary(DEFAULT_CANARY, createRng(3))).toEqual(simulateCanary(DEFAULT_CANARY, createRng(3)));
  });
});
