import {
  type ChaosExperimentResult,
  CustomerRouter,
  chaosExperiment,
  createRng,
  EVACUATION_DEFAULTS,
  type EvacuationView,
  kongSetup,
  nimblePlan,
  SimConfigError,
} from "sim-core";
import { describe, expect, it } from "vitest";

const run = (preset: "kongNimble" | "kongNoReady" | "kongClassic", extra = {}) =>
  chaosExperiment.run({ ...chaosExperiment.presets[preset], ...extra });
const afterDecision = (r: ChaosExperimentResult, group: "control" | "experiment") =>
  r[group].filter((b) => b.timeMs >= (r.decisionAtMs ?? Infinity) + r.params.binMs);
const sum = (bins: readonly { sps: number }[]) => bins.reduce((a, b) => a + b.sps, 0);
const failed = (bins: readonly { failed: number }[]) => bins.reduce((a, b) => a + b.failed, 0);

describe("Chaos Kong on the two-region system", () => {
  const nimble = run("kongNimble");
  const noReady = run("kongNoReady");
  const classic = run("kongClassic");

  it("loses the failed region's customers until the decision, whatever the plan", () => {
    for (const r of [nimble, noReady, classic]) {
      expect(r.decisionAtMs).toBeGreaterThanOrEqual(r.params.faultAtMs + 0.75 * 5 * 60_000);
      const before = r.experiment.filter(
        (b) => b.timeMs >= r.params.faultAtMs + r.params.binMs && b.timeMs + r.params.binMs <= (r.decisionAtMs ?? 0),
      );
      const ctl = r.control.slice(r.experiment.indexOf(before[0]!), r.experiment.indexOf(before[0]!) + before.length);
      // Half of the customers live in the failed region: about half the starts are lost.
      expect(sum(before) / sum(ctl)).toBeGreaterThan(0.4);
      expect(sum(before) / sum(ctl)).toBeLessThan(0.6);
      expect(failed(r.control)).toBe(0);
    }
  });

  it("with a region's worth of capacity ready, moving everyone at the decision is impact-free", () => {
    const after = afterDecision(nimble, "experiment");
    expect(after.length).toBeGreaterThan(3);
    expect(after.every((b) => b.shiftedPct === 100)).toBe(true);
    expect(failed(after)).toBe(0);
    expect(sum(after) / sum(afterDecision(nimble, "control"))).toBeGreaterThan(0.97);
  });

  it("without it the receiving region's API tier is overloaded and starts fail", () => {
    const after = afterDecision(noReady, "experiment");
    expect(failed(after)).toBeGreaterThan(0.03 * sum(after) * (noReady.params.binMs / 1000));
    expect(sum(after)).toBeLessThan(sum(afterDecision(nimble, "experiment")));
  });

  it("the classic failover waits for new instances, so nobody moves within the window", () => {
    expect(classic.experiment.every((b) => b.shiftedPct === 0)).toBe(true);
    expect(classic.verdict).toBe("failed");
    expect(classic.customersAffected.experiment).toBeGreaterThan(nimble.customersAffected.experiment);
  });

  it("takes a learner's plan, and that plan decides", () => {
    const seen: EvacuationView[] = [];
    const plan = {
      readyCapacityPct: 100,
      shiftPct(v: EvacuationView) {
        seen.push(v);
        return 100;
      },
    };
    const r = chaosExperiment.run({ ...chaosExperiment.presets.kongNoReady, plan });
    expect(r.fingerprint).toBe(nimble.fingerprint);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen[0]?.sinceDecisionMs).toBeLessThan(r.params.binMs);
    expect(seen[0]?.instancesReady).toBe(6);
    expect(seen[0]?.utilisationPct).toBeGreaterThan(0);
  });

  it("a drill drains a healthy region: only an unready receiving region can hurt anyone", () => {
    const drill = chaosExperiment.run({ ...chaosExperiment.presets.kongDrill });
    const ready = chaosExperiment.run({ ...chaosExperiment.presets.kongDrill, readyCapacityPct: 100 });
    expect(drill.decisionAtMs).toBe(drill.params.faultAtMs);
    expect(drill.faults).toEqual([]);
    // Before the drill nobody fails; after it, the customers moved into an unready region do.
    const beforeDrill = drill.experiment.filter((b) => b.timeMs < drill.params.faultAtMs);
    expect(failed(beforeDrill)).toBe(0);
    expect(failed(drill.experiment)).toBeGreaterThan(0);
    expect(failed(ready.experiment)).toBe(0);
    expect(ready.experiment.at(-1)?.shiftedPct).toBe(100);
  });

  it("says what is wrong", () => {
    const message = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e instanceof SimConfigError ? e.message : String(e);
      }
      return "no error";
    };
    expect(message(() => chaosExperiment.run({ fault: "kong" }))).toMatch(/params\.regions: 1.*2 for the kong fault/);
    const kong = {
      plan: nimblePlan(0),
      decisionMs: EVACUATION_DEFAULTS.decisionMs,
      provisionMs: EVACUATION_DEFAULTS.provisionMs,
      startupMs: EVACUATION_DEFAULTS.startupMs,
    };
    expect(message(() => kongSetup(kong, [], createRng(1)))).toMatch(/regionOutage/);
    expect(message(() => kongSetup({ ...kong, drill: { region: "eu-west-1", atMs: 0 } }, [], createRng(1)))).toMatch(
      /drill\.region: "?eu-west-1"?.*us-east-1, us-west-2/,
    );
    const negative = { kind: "normal", mean: 0, sd: 1 } as const;
    const outage = [{ kind: "regionOutage", region: "us-east-1", atMs: 0 }] as const;
    expect(message(() => kongSetup({ ...kong, decisionMs: negative }, [...outage], createRng(1)))).toMatch(
      /decisionMs\.min/,
    );
    expect(
      message(() => kongSetup({ ...kong, plan: { readyCapacityPct: 400, shiftPct: () => 0 } }, [], createRng(1))),
    ).toMatch(/plan\.readyCapacityPct: 400/);
  });
});

describe("CustomerRouter", () => {
  it("moves a consistent share of the failed region's customers and keeps them moved", () => {
    const r = new CustomerRouter(10_000, 2, createRng(3));
    r.fromRegion = 0;
    const where = new Map<number, number>();
    const routes = (share: number) => {
      r.shiftedPct = share;
      const out: number[] = [];
      for (let id = 0; id < 4000; id++) out.push(r.route(id));
      return out;
    };
    routes(0).forEach((region, id) => where.set(id, region));
    const counts = r.takeCounts();
    expect(counts.routed[0]).toBe(counts.byHome[0]);
    routes(30);
    const moved = r.takeCounts();
    expect(moved.routed[1]! - moved.byHome[1]!).toBeGreaterThan(0.25 * moved.byHome[0]!);
    expect(moved.routed[1]! - moved.byHome[1]!).toBeLessThan(0.35 * moved.byHome[0]!);
  });

  it("counts the customers who saw a failure or a degraded answer once each", () => {
    const r = new CustomerRouter(3, 1, createRng(1));
    for (let id = 0; id < 30; id++) r.route(id);
    for (let id = 0; id < 30; id++) r.answered(id, id % 2 === 0 ? "timeout" : "ok", false);
    expect(r.affected.size).toBeLessThanOrEqual(3);
    expect(r.affected.size).toBeGreaterThan(0);
  });
});
