import {
  createRng,
  customerPopulation,
  DEFAULT_MIRROR,
  fixedThreshold,
  guardedRamp,
  hashSampler,
  linearRamp,
  type MirrorOptions,
  type RampWindow,
  simulateMirror,
} from "sim-core";
import { describe, expect, it } from "vitest";

const pop = customerPopulation({ customers: 2000 }, createRng(1));
const run = (o: Partial<MirrorOptions>, threshold = 100) =>
  simulateMirror(
    { ...DEFAULT_MIRROR, durationMs: 5000, ...o },
    pop,
    hashSampler,
    fixedThreshold(threshold),
    createRng(7),
  );

describe("simulateMirror(options, …)", () => {
  it("mode none copies nothing; threshold 100 copies every request", () => {
    expect(run({ mode: "none" }).shadow.sent).toBe(0);
    const all = run({ mode: "async-bounded" });
    expect(all.shadow.sent).toBe(all.primary.requests);
  });

  it("send-and-forget leaves the primary's latency exactly as without mirroring, even when the cloud hangs", () => {
    const none = run({ mode: "none" });
    for (const cloud of ["healthy", "slow", "down"] as const) {
      const r = run({ mode: "async-bounded", cloud });
      expect(r.primary.latencyMs).toEqual(none.primary.latencyMs);
      expect(r.primary.errors).toBe(0);
      expect(r.shadow.inFlightPeak).toBeLessThanOrEqual(DEFAULT_MIRROR.maxInFlight);
    }
  });

  it("sync against a hanging cloud holds every mirrored request for the shadow timeout", () => {
    const r = run({ mode: "sync", cloud: "down", ratePerSec: 20 }, 100);
    expect(r.shadow.timeouts).toBe(r.shadow.sent - r.shadow.inFlightAtEnd);
    expect(r.primary.latencyMs.min).toBeGreaterThanOrEqual(DEFAULT_MIRROR.shadowTimeoutMs);
  });

  it("unbounded send-and-forget against a hanging cloud keeps every copy pending and runs out of heap", () => {
    const r = run({ mode: "async-unbounded", cloud: "down", heapHeadroomMb: 16 });
    expect(r.shadow.inFlightAtEnd).toBe(r.shadow.sent);
    // 16 MB of 64 kB copies: the 257th pending copy is the one that does not fit.
    expect(r.shadow.inFlightPeak).toBeGreaterThan(256);
    expect(r.shadow.oomAtMs).not.toBeNull();
    expect(r.primary.errors).toBeGreaterThan(0);
  });

  it("the same seed gives the same run; another seed another", () => {
    const a = run({ mode: "sync", cloud: "slow" }, 5);
    const b = run({ mode: "sync", cloud: "slow" }, 5);
    const c = simulateMirror(
      { ...DEFAULT_MIRROR, durationMs: 5000, mode: "sync", cloud: "slow" },
      pop,
      hashSampler,
      fixedThreshold(5),
      createRng(8),
    );
    expect(a.fingerprint).toBe(b.fingerprint);
    expect(a).toEqual(b);
    expect(c.fingerprint).not.toBe(a.fingerprint);
  });
});

describe("ramp controllers", () => {
  const w = (o: Partial<RampWindow>): RampWindow => ({
    timeMs: 1000,
    thresholdPercent: 10,
    mirroredPerSec: 0,
    cloudUtilisation: 0.1,
    cloudLatencyMsP99: 50,
    cloudErrorRate: 0,
    cacheHitRatio: 0,
    ...o,
  });
  it("linearRamp raises by its step up to its ceiling", () => {
    const r = linearRamp({ startPercent: 1, stepPercent: 10, maxPercent: 25 });
    expect([r.startPercent, r.next(w({ thresholdPercent: 1 })), r.next(w({ thresholdPercent: 21 }))]).toEqual([
      1, 11, 25,
    ]);
  });
  it("guardedRamp raises when healthy, holds when busy, halves on latency or errors", () => {
    const g = guardedRamp({
      startPercent: 1,
      stepPercent: 5,
      maxPercent: 100,
      holdUtilisation: 0.7,
      maxLatencyMsP99: 500,
      maxErrorRate: 0.01,
      backoffFactor: 0.5,
    });
    expect(g.next(w({}))).toBe(15);
    expect(g.next(w({ cloudUtilisation: 0.8 }))).toBe(10);
    expect(g.next(w({ cloudLatencyMsP99: 600 }))).toBe(5);
    expect(g.next(w({ cloudErrorRate: 0.02 }))).toBe(5);
  });
});
