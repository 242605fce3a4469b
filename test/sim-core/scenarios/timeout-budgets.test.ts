import { type CallPolicy, timeoutBudgets } from "sim-core";
import { describe, expect, it } from "vitest";

// The network adds sub-millisecond to few-millisecond hops (DEFAULT_NETWORK), so times are
// checked to within 50 ms of the timeouts that produce them.
const NETWORK_SLACK_MS = 50;

describe("timeoutBudgets", () => {
  it("timeoutBudgets.run(2 s timeouts, 2 retries, hung deep) answers at ≈6 s after 9 deep calls per request", () => {
    const r = timeoutBudgets.run({ faultAtMs: 0, ratePerSec: 5, durationMs: 2000 });
    expect(r.edge.outcomes.error).toBe(r.edge.requests);
    expect(r.edge.latencyMs.min).toBeGreaterThanOrEqual(6000);
    expect(r.edge.latencyMs.max).toBeLessThan(6000 + NETWORK_SLACK_MS);
    expect(r.callsPerHop.map((h) => [h.from, h.to, h.perRequest])).toEqual([
      ["edge", "mid", 3],
      ["mid", "deep", 9],
    ]);
    expect(r.amplification).toBe(9);
    // Every mid request keeps its thread for 6 s, the last 4 s of it after the edge stopped waiting.
    expect(r.wastedWork.byService.find((s) => s.service === "mid")?.requests).toBe(3 * r.edge.requests);
  });

  it("timeoutBudgets.run(telescoping 3 s / 1 s, one retry) answers a failing request at ≈2 s", () => {
    const r = timeoutBudgets.run({
      faultAtMs: 0,
      ratePerSec: 5,
      durationMs: 2000,
      edgeTimeoutMs: 3000,
      innerTimeoutMs: 1000,
      retries: 1,
    });
    expect(r.edge.latencyMs.min).toBeGreaterThanOrEqual(2000);
    expect(r.edge.latencyMs.max).toBeLessThan(2000 + NETWORK_SLACK_MS);
    expect(r.callsPerHop.map((h) => h.perRequest)).toEqual([1, 2]);
    expect(r.wastedWork.ms).toBe(0);
  });

  it("timeoutBudgets.run(one of 3 deep instances hung) succeeds when retries go to a different instance", () => {
    const base = { faultAtMs: 0, edgeTimeoutMs: 3000, innerTimeoutMs: 1000, retries: 1, faultInstances: 1 };
    const different = timeoutBudgets.run({ ...base, retryTarget: "different" });
    expect(different.edge.successRate).toBe(1);
    expect(different.edge.latencyMs.max).toBeLessThan(1000 + 200);
    const same = timeoutBudgets.run({ ...base, retryTarget: "same" });
    // Round robin sends about a third of first attempts to the hung instance; retrying there fails.
    expect(same.edge.successRate).toBeLessThan(0.8);
  });

  // The deep tier: 3 instances × 2 threads at ~56 ms mean work ≈ 107 req/s; clients send 60 req/s
  // (56% busy). A 3 s hang fills its queues (3 × 200 requests ≈ 5.6 s of work, longer than the
  // 2 s timeouts), and with 2 retries at two layers up to 9 attempts per request chase them.
  const metastable = {
    faultAtMs: 2000,
    faultDurationMs: 3000,
    durationMs: 20_000,
    deepWorkers: 2,
    deepServiceMs: 50,
    ratePerSec: 60,
    queueCapacity: 200,
  };
  const lateGoodput = (r: ReturnType<typeof timeoutBudgets.run>) => {
    // Mean goodput over the last 4 s of load, long after the 2 s outage ended.
    const late = r.series.goodput.filter((g) => g.timeMs >= 16_000 && g.timeMs < 20_000);
    return late.reduce((sum, g) => sum + g.value, 0) / late.length;
  };

  it("timeoutBudgets.run(near capacity, short outage, naive retries) stays collapsed after the outage", () => {
    const r = timeoutBudgets.run(metastable);
    expect(lateGoodput(r)).toBeLessThan(5);
    const before = r.series.goodput.filter((g) => g.timeMs < 2000);
    expect(before.reduce((sum, g) => sum + g.value, 0) / before.length).toBeGreaterThan(45);
  });

  it("timeoutBudgets.run(same outage) recovers with a retry budget or with deadlines", () => {
    // Recovered means back near the offered 60 req/s; seeds 1-8 gave 53-72 (the no-fault run: 54-63).
    for (const seed of [5, 2]) {
      expect(lateGoodput(timeoutBudgets.run({ ...metastable, seed, retryBudgetPercent: 20 }))).toBeGreaterThan(45);
      expect(lateGoodput(timeoutBudgets.run({ ...metastable, seed, deadlinePropagation: true }))).toBeGreaterThan(45);
      expect(lateGoodput(timeoutBudgets.run({ ...metastable, seed }))).toBeLessThan(5);
    }
  });

  it("timeoutBudgets.run() is deterministic per seed", () => {
    const a = timeoutBudgets.run({ durationMs: 3000 });
    expect(timeoutBudgets.run({ durationMs: 3000 }).fingerprint).toBe(a.fingerprint);
    expect(timeoutBudgets.run({ durationMs: 3000, seed: 6 }).fingerprint).not.toBe(a.fingerprint);
    expect(timeoutBudgets.run({ durationMs: 3000, retryTarget: "different" }).fingerprint).not.toBe(a.fingerprint);
  });

  it("timeoutBudgets.run() returns a topology, series and one sampled request's spans", () => {
    const r = timeoutBudgets.run();
    expect(r.topology.services.map((s) => s.name)).toEqual(["edge", "mid", "deep"]);
    expect(r.topology.faulty).toEqual(["deep-1", "deep-2", "deep-3"]);
    expect(r.sampleTrace[0]?.caller).toBe("client");
    expect(r.sampleTrace.filter((s) => s.callee === "deep")).toHaveLength(9);
    expect(r.series.goodput.length).toBeGreaterThan(10);
    expect(r.series.inFlight.some((p) => p.service === "mid" && p.max > 0)).toBe(true);
  });

  it("timeoutBudgets.run({ policy }) uses the learner's policy on every hop and rejects NaN", () => {
    const oneShot: CallPolicy = { decide: () => ({ timeoutMs: 500, retry: false, target: "same", backoffMs: 0 }) };
    const r = timeoutBudgets.run({ faultAtMs: 0, ratePerSec: 5, durationMs: 2000, policy: oneShot });
    expect(r.amplification).toBe(1);
    expect(r.edge.latencyMs.max).toBeLessThan(500 + NETWORK_SLACK_MS);
    const broken: CallPolicy = {
      decide: () => ({ timeoutMs: Number.NaN, retry: false, target: "same", backoffMs: 0 }),
    };
    expect(() => timeoutBudgets.run({ policy: broken })).toThrow(
      "invalid policy.timeoutMs: NaN (allowed: a number > 0)",
    );
  });

  it("timeoutBudgets.run(bad params) names the field and the range", () => {
    expect(() => timeoutBudgets.run({ faultInstances: 4 })).toThrow(
      "invalid timeoutBudgets.faultInstances: 4 (allowed: at most instances (3))",
    );
    expect(() => timeoutBudgets.run({ retries: -1 })).toThrow("invalid timeoutBudgets.retries: -1");
    expect(() => timeoutBudgets.run({ backoff: "linear" } as never)).toThrow(
      'invalid timeoutBudgets.backoff: "linear"',
    );
    expect(() => timeoutBudgets.run({ edgeTimeoutMs: Number.NaN })).toThrow(
      "invalid timeoutBudgets.edgeTimeoutMs: NaN",
    );
  });

  it("timeoutBudgets.run(depth 4, fan-out 3) builds mid1, mid2 and three parallel deep services", () => {
    const r = timeoutBudgets.run({ depth: 4, fanOut: 3, faultKind: "none", durationMs: 2000 });
    expect(r.callsPerHop.map((h) => `${h.from}->${h.to}@${h.hop}`)).toEqual([
      "edge->mid1@1",
      "mid1->mid2@2",
      "mid2->deep1@3",
      "mid2->deep2@3",
      "mid2->deep3@3",
    ]);
    expect(r.amplification).toBe(3);
    expect(r.edge.successRate).toBe(1);
  });

  it("timeoutBudgets.run(crash, eureka) keeps calling the dead instance; instant discovery does not", () => {
    const base = {
      faultKind: "crash",
      faultInstances: 1,
      faultAtMs: 1000,
      durationMs: 20_000,
      innerTimeoutMs: 500,
      retries: 0,
    } as const;
    const eureka = timeoutBudgets.run({ ...base, discovery: "eureka" });
    const instant = timeoutBudgets.run({ ...base, discovery: "instant" });
    expect(eureka.edge.outcomes.error).toBeGreaterThan(20);
    expect(instant.edge.outcomes.error).toBeLessThan(3);
  });
});
