import { canaryRelease, responseDiff, SimConfigError, shadowTraffic } from "sim-core";
import { describe, expect, it } from "vitest";

const r1 = (x: number) => Math.round(x * 10) / 10;
const r3 = (x: number) => Math.round(x * 1000) / 1000;
const story = (name: keyof typeof shadowTraffic.presets, extra = {}) =>
  shadowTraffic.run({ ...shadowTraffic.presets[name], ...extra });

describe("shadowTraffic.run(preset): the story's numbers, as the simulation gives them", () => {
  const none = shadowTraffic.run({ mode: "none" });
  const sendAndForget = story("sendAndForget");
  const syncHealthy = shadowTraffic.run({ mode: "sync" });
  const syncMistake = story("syncMistake");
  const unboundedHang = story("unboundedHang");
  // Not a preset: waiting on a hanging cloud for every customer takes every request thread.
  const syncHangAll = shadowTraffic.run({ mode: "sync", cloud: "down", thresholdPercent: 100 });
  const tooFast = story("tooFastRamp");
  const guarded = story("guardedRamp");

  it("pins what each way of mirroring costs the primary", () => {
    const pin = (r: typeof none) => ({
      p50: r1(r.primary.latencyMs.p50),
      p99: r1(r.primary.latencyMs.p99),
      p999: r1(r.primary.latencyMs.p999),
      errorPercent: r1(r.primary.errorRate * 100),
      threadsPeak: r.primary.threadsBusyPeak,
      sent: r.shadow.sent,
      timeouts: r.shadow.timeouts,
      inFlightPeak: r.shadow.inFlightPeak,
      memoryMbPeak: r1(r.shadow.memoryHeldMbPeak),
      oomAtMs: r.shadow.oomAtMs === null ? null : Math.round(r.shadow.oomAtMs),
    });
    expect({
      none: pin(none),
      sendAndForget: pin(sendAndForget),
      syncHealthy: pin(syncHealthy),
      syncMistake: pin(syncMistake),
      unboundedHang: pin(unboundedHang),
      syncHangAll: pin(syncHangAll),
    }).toMatchInlineSnapshot(`
      {
        "none": {
          "errorPercent": 0,
          "inFlightPeak": 0,
          "memoryMbPeak": 0,
          "oomAtMs": null,
          "p50": 19.7,
          "p99": 96,
          "p999": 177.4,
          "sent": 0,
          "threadsPeak": 16,
          "timeouts": 0,
        },
        "sendAndForget": {
          "errorPercent": 0,
          "inFlightPeak": 3,
          "memoryMbPeak": 0.2,
          "oomAtMs": null,
          "p50": 19.7,
          "p99": 96,
          "p999": 177.4,
          "sent": 96,
          "threadsPeak": 16,
          "timeouts": 0,
        },
        "syncHangAll": {
          "errorPercent": 0,
          "inFlightPeak": 200,
          "memoryMbPeak": 12.5,
          "oomAtMs": null,
          "p50": 1211,
          "p99": 1447.2,
          "p999": 1476.2,
          "sent": 5830,
          "threadsPeak": 200,
          "timeouts": 5634,
        },
        "syncHealthy": {
          "errorPercent": 0,
          "inFlightPeak": 3,
          "memoryMbPeak": 0.2,
          "oomAtMs": null,
          "p50": 20.1,
          "p99": 112.5,
          "p999": 263.6,
          "sent": 96,
          "threadsPeak": 16,
          "timeouts": 0,
        },
        "syncMistake": {
          "errorPercent": 0,
          "inFlightPeak": 9,
          "memoryMbPeak": 0.6,
          "oomAtMs": null,
          "p50": 20.1,
          "p99": 936.1,
          "p999": 1033.6,
          "sent": 96,
          "threadsPeak": 20,
          "timeouts": 51,
        },
        "unboundedHang": {
          "errorPercent": 30.6,
          "inFlightPeak": 4097,
          "memoryMbPeak": 256.1,
          "oomAtMs": 20752,
          "p50": 19.7,
          "p99": 103.9,
          "p999": 177.4,
          "sent": 4097,
          "threadsPeak": 16,
          "timeouts": 0,
        },
      }
    `);
  });

  it("shows the story: send-and-forget costs the primary nothing; waiting on a slow cloud costs its p99", () => {
    expect(sendAndForget.primary.latencyMs).toEqual(none.primary.latencyMs);
    expect(syncMistake.primary.latencyMs.p99).toBeGreaterThan(5 * none.primary.latencyMs.p99);
    expect(syncMistake.primary.latencyMs.p50).toBeLessThan(1.1 * none.primary.latencyMs.p50);
    // Without a limit or a timeout, pending copies of a hanging cloud fill the heap and the
    // monolith fails the customers it was only meant to copy.
    expect(unboundedHang.shadow.oomAtMs).not.toBeNull();
    expect(unboundedHang.primary.errorRate).toBeGreaterThan(0.2);
    // Waiting on a hanging cloud for every request holds each thread for the shadow timeout:
    // all of Tomcat's 200 threads are busy and every customer waits about a second.
    expect(syncHangAll.primary.threadsBusyPeak).toBe(200);
    expect(syncHangAll.primary.latencyMs.p50).toBeGreaterThan(50 * none.primary.latencyMs.p50);
  });

  it("pins the sampler table at 1% and 50%: modulo on block-allocated ids over-mirrors, hash does not", () => {
    const pick = (sampler: string, t: number) => {
      const row = sendAndForget.sampling.find((s) => s.sampler === sampler && s.thresholdPercent === t);
      if (row === undefined) throw new Error(`no row ${sampler}@${t}`);
      return {
        requestPercent: r1(row.requestShare * 100),
        customerPercent: r1(row.customerShare * 100),
        sessionsWhole: r3(row.sessionsWhole),
        kept: r3(row.keptFromPrevious),
      };
    };
    const table = Object.fromEntries(
      ["modulo", "hash", "random"].flatMap((s) => [1, 50].map((t) => [`${s}@${t}`, pick(s, t)])),
    );
    expect(table).toMatchInlineSnapshot(`
      {
        "hash@1": {
          "customerPercent": 1.3,
          "kept": 1,
          "requestPercent": 1,
          "sessionsWhole": 1,
        },
        "hash@50": {
          "customerPercent": 50,
          "kept": 1,
          "requestPercent": 50,
          "sessionsWhole": 1,
        },
        "modulo@1": {
          "customerPercent": 2.3,
          "kept": 1,
          "requestPercent": 1.8,
          "sessionsWhole": 1,
        },
        "modulo@50": {
          "customerPercent": 74.9,
          "kept": 1,
          "requestPercent": 78.1,
          "sessionsWhole": 1,
        },
        "random@1": {
          "customerPercent": 1.3,
          "kept": 1,
          "requestPercent": 0.9,
          "sessionsWhole": 0,
        },
        "random@50": {
          "customerPercent": 54.1,
          "kept": 0.576,
          "requestPercent": 48.8,
          "sessionsWhole": 0.311,
        },
      }
    `);
    expect(table["modulo@1"]?.customerPercent).toBeGreaterThan(1.5);
    expect(table["modulo@50"]?.customerPercent).toBeGreaterThan(65);
    expect(table["random@50"]?.sessionsWhole).toBeLessThan(0.5);
  });

  it("pins the ramps: 25 points a second saturates the cold cloud; the guarded ramp holds its failures down", () => {
    const pin = (r: typeof none) => ({
      sent: r.shadow.sent,
      failedPercent: r1(((r.shadow.dropped + r.shadow.timeouts + r.shadow.errors) / r.shadow.sent) * 100),
      peakUtilisationPercent: r1(Math.max(...r.windows.map((w) => w.cloudUtilisation)) * 100),
      worstWindowFailedPercent: r1(Math.max(...r.windows.map((w) => w.cloudErrorRate)) * 100),
      finalThreshold: r1(r.windows[r.windows.length - 1]?.thresholdPercent ?? Number.NaN),
      cacheHitPercent: r1(r.cloud.cacheHitRatio * 100),
    });
    expect({ tooFast: pin(tooFast), guarded: pin(guarded) }).toMatchInlineSnapshot(`
      {
        "guarded": {
          "cacheHitPercent": 49.3,
          "failedPercent": 1.8,
          "finalThreshold": 35,
          "peakUtilisationPercent": 64,
          "sent": 3873,
          "worstWindowFailedPercent": 18.2,
        },
        "tooFast": {
          "cacheHitPercent": 51.2,
          "failedPercent": 26.7,
          "finalThreshold": 100,
          "peakUtilisationPercent": 95.5,
          "sent": 5542,
          "worstWindowFailedPercent": 52.6,
        },
      }
    `);
    expect(pin(tooFast).failedPercent).toBeGreaterThan(5 * pin(guarded).failedPercent);
  });

  it("the same seed gives the same fingerprint; another seed another", () => {
    expect(shadowTraffic.run({ durationSec: 5 }).fingerprint).toBe(shadowTraffic.run({ durationSec: 5 }).fingerprint);
    expect(shadowTraffic.run({ durationSec: 5, seed: 3 }).fingerprint).not.toBe(
      shadowTraffic.run({ durationSec: 5 }).fingerprint,
    );
  });

  it("a plugged-in sampler is used and added to the sampler table", () => {
    const everyone = { name: "everyone", mirror: () => true };
    const r = shadowTraffic.run({ durationSec: 5, shadowSampler: everyone });
    expect(r.shadow.sent).toBe(r.primary.requests);
    expect(r.sampling.filter((s) => s.sampler === "everyone").map((s) => s.requestShare)).toEqual([
      1, 1, 1, 1, 1, 1, 1,
    ]);
  });
});

describe("bad input", () => {
  const cases: [string, () => unknown, string][] = [
    ["threshold above 100", () => shadowTraffic.run({ thresholdPercent: 101 }), "shadowTraffic.thresholdPercent"],
    ["negative threshold", () => shadowTraffic.run({ thresholdPercent: -1 }), "shadowTraffic.thresholdPercent"],
    ["empty population", () => shadowTraffic.run({ customers: 0 }), "shadowTraffic.customers"],
    ["unknown mode", () => shadowTraffic.run({ mode: "fire" as never }), "shadowTraffic.mode"],
    [
      "ramp controller out of range",
      () => shadowTraffic.run({ durationSec: 5, rampController: { name: "wild", startPercent: 1, next: () => 120 } }),
      "ramp(wild).next",
    ],
    [
      "ramp controller starting out of range",
      () => shadowTraffic.run({ durationSec: 5, rampController: { name: "wild", startPercent: -3, next: () => 1 } }),
      "ramp.startPercent",
    ],
    [
      "regression share above 100%",
      () => responseDiff.run({ regressionSharePercent: 150 }),
      "responseDiff.regressionSharePercent",
    ],
    [
      "plugged regression with a bad field",
      () =>
        responseDiff.run({ regressions: [{ requestType: "genres", field: "colour" as never, customerShare: 0.1 }] }),
      "responseDiff.regressions[0].field",
    ],
    ["canary lifetime 0", () => canaryRelease.run({ lifetimeMinutes: 0 }), "canaryRelease.lifetimeMinutes"],
    ["unknown control", () => canaryRelease.run({ control: "yesterday" as never }), "canaryRelease.control"],
  ];
  for (const [what, call, path] of cases) {
    it(`${what} throws SimConfigError naming ${path}`, () => {
      expect(call).toThrow(SimConfigError);
      try {
        call();
      } catch (e) {
        expect((e as SimConfigError).path).toBe(path);
      }
    });
  }
});
