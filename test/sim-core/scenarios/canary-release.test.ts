import { canaryRelease } from "sim-core";
import { describe, expect, it } from "vitest";

// Moved from shadow-traffic.test.ts: each registered scenario has its own test file
// (course/paths.ts, scenarioTestPath). Bad input for all three scenarios stays there.
const r1 = (x: number) => Math.round(x * 10) / 10;

describe("canaryRelease.run(preset)", () => {
  const pin = (name: keyof typeof canaryRelease.presets) => {
    const r = canaryRelease.run(canaryRelease.presets[name]);
    return {
      decision: r.decision,
      decidedAtMinute: r.decidedAtMinute,
      rollbackSeconds: r.rollbackSeconds,
      canaryRequests: r.canaryRequests,
      canaryErrors: r.canaryErrors,
      scores: r.analyses.map((a) => r1(a.score)),
      failing: r.analyses.flatMap((a) =>
        a.metrics.filter((m) => m.classification === "high").map((m) => `${a.minute}:${m.metric}`),
      ),
    };
  };
  it("pins the good canary, the bad one and the good one judged against warm production", () => {
    const good = pin("goodCanary");
    const bad = pin("badCanary");
    const vsProduction = pin("goodVsProduction");
    expect({ good, bad, vsProduction }).toMatchInlineSnapshot(`
      {
        "bad": {
          "canaryErrors": 680,
          "canaryRequests": 72000,
          "decidedAtMinute": 10,
          "decision": "rollback",
          "failing": [
            "10:latencyMs",
            "10:errorPercent",
            "10:cpuPercent",
          ],
          "rollbackSeconds": 5,
          "scores": [
            0,
          ],
        },
        "good": {
          "canaryErrors": 400,
          "canaryRequests": 432000,
          "decidedAtMinute": 60,
          "decision": "promote",
          "failing": [],
          "rollbackSeconds": 0,
          "scores": [
            100,
            100,
            100,
            100,
            100,
            100,
          ],
        },
        "vsProduction": {
          "canaryErrors": 40,
          "canaryRequests": 72000,
          "decidedAtMinute": 10,
          "decision": "rollback",
          "failing": [
            "10:latencyMs",
            "10:cpuPercent",
          ],
          "rollbackSeconds": 5,
          "scores": [
            33.3,
          ],
        },
      }
    `);
    expect([good.decision, bad.decision, vsProduction.decision]).toEqual(["promote", "rollback", "rollback"]);
    expect(bad.decidedAtMinute).toBe(10);
  });
});
