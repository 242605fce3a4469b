import { type ChaosExperimentParams, type ChaosExperimentResult, chaosExperiment } from "sim-core";
import { describe, expect, it } from "vitest";

const failed = (r: ChaosExperimentResult) => r.experiment.reduce((a, b) => a + b.failed, 0);
const story = Object.fromEntries(
  Object.entries(chaosExperiment.presets).map(([name, preset]) => [name, chaosExperiment.run(preset)]),
) as Record<keyof typeof chaosExperiment.presets, ChaosExperimentResult>;

describe("chaosExperiment", () => {
  it("pins the story's numbers", () => {
    const pinned = Object.fromEntries(
      Object.entries(story).map(([k, r]) => [
        k,
        {
          sps: Math.round(r.meanSps.experiment),
          failed: failed(r),
          affected: r.customersAffected.experiment,
          verdict: r.verdict,
          abortedAtMs: r.abortedAtMs,
        },
      ]),
    );
    expect(pinned).toMatchInlineSnapshot(`
      {
        "aa": {
          "abortedAtMs": null,
          "affected": 0,
          "failed": 0,
          "sps": 31,
          "verdict": "passed",
        },
        "chapAbort": {
          "abortedAtMs": 5000,
          "affected": 21,
          "failed": 21,
          "sps": 70,
          "verdict": "aborted",
        },
        "chapPass": {
          "abortedAtMs": null,
          "affected": 1,
          "failed": 1,
          "sps": 30,
          "verdict": "passed",
        },
        "gorilla": {
          "abortedAtMs": null,
          "affected": 1,
          "failed": 1,
          "sps": 27,
          "verdict": "failed",
        },
        "gorillaRibbon": {
          "abortedAtMs": null,
          "affected": 1,
          "failed": 1,
          "sps": 30,
          "verdict": "passed",
        },
        "gorillaZoneAware": {
          "abortedAtMs": null,
          "affected": 1,
          "failed": 1,
          "sps": 29,
          "verdict": "passed",
        },
        "kongClassic": {
          "abortedAtMs": null,
          "affected": 14688,
          "failed": 26453,
          "sps": 63,
          "verdict": "failed",
        },
        "kongDrill": {
          "abortedAtMs": null,
          "affected": 1550,
          "failed": 1576,
          "sps": 108,
          "verdict": "passed",
        },
        "kongNimble": {
          "abortedAtMs": null,
          "affected": 13148,
          "failed": 21129,
          "sps": 74,
          "verdict": "failed",
        },
        "kongNoReady": {
          "abortedAtMs": null,
          "affected": 13875,
          "failed": 22248,
          "sps": 72,
          "verdict": "failed",
        },
        "latency": {
          "abortedAtMs": null,
          "affected": 257,
          "failed": 258,
          "sps": 107,
          "verdict": "failed",
        },
        "latencyBulkhead": {
          "abortedAtMs": null,
          "affected": 650,
          "failed": 0,
          "sps": 141,
          "verdict": "failed",
        },
        "monkey": {
          "abortedAtMs": null,
          "affected": 63,
          "failed": 63,
          "sps": 23,
          "verdict": "failed",
        },
        "monkeyRetries": {
          "abortedAtMs": null,
          "affected": 0,
          "failed": 0,
          "sps": 30,
          "verdict": "passed",
        },
        "monkeySameInstance": {
          "abortedAtMs": null,
          "affected": 51,
          "failed": 51,
          "sps": 23,
          "verdict": "failed",
        },
      }
    `);
  });

  it("shows the story: retries elsewhere, Ribbon's zone-aware clients and a bulkhead each cut the harm", () => {
    expect(failed(story.monkeyRetries)).toBeLessThan(failed(story.monkey));
    expect(story.gorillaRibbon.meanSps.experiment).toBeGreaterThan(story.gorilla.meanSps.experiment);
    expect(story.latencyBulkhead.meanSps.experiment).toBeGreaterThan(story.latency.meanSps.experiment);
    expect(story.chapAbort.verdict).toBe("aborted");
    expect(story.chapPass.verdict).toBe("passed");
    // The abort bounds the blast radius: fewer customers hit than the same fault left running.
    expect(story.chapAbort.customersAffected.experiment).toBeLessThan(story.latency.customersAffected.experiment);
  });

  // The same seed with no fault is what the experiment group would have done: its own A/A run
  // (same customers, same streams), so the fault's effect is seen without the groups' noise.
  const seeds = [1, 2, 3, 4, 5, 6];
  const vsCalm = (preset: Partial<ChaosExperimentParams>) =>
    seeds.map((seed) => {
      const calm = chaosExperiment.run({ ...preset, fault: "none", abort: false, seed }).meanSps.experiment;
      const hit = chaosExperiment.run({ ...preset, seed });
      return { ratio: hit.meanSps.experiment / calm, failed: failed(hit) };
    });

  it("shows Monkey's story: a retry on another instance hides the kill, a retry on the same one does not", () => {
    const elsewhere = vsCalm(chaosExperiment.presets.monkeyRetries);
    const same = vsCalm(chaosExperiment.presets.monkeySameInstance);
    const none = vsCalm(chaosExperiment.presets.monkey);
    for (const r of elsewhere) expect([r.failed, r.ratio > 0.95]).toEqual([0, true]);
    // Eureka's view lags: the dead instance keeps getting calls, and the same-instance retry
    // finds it still dead, so about as many starts are lost as with no retry at all.
    for (const [i, r] of same.entries()) {
      expect(r.ratio).toBeLessThan(0.9);
      expect(r.failed).toBeGreaterThan(0);
      expect(Math.abs(r.ratio - (none[i]?.ratio ?? 0))).toBeLessThan(0.05);
    }
  });

  it("shows Gorilla's story: retries save the requests, zone-aware balancing and Ribbon's clients also save the wait", () => {
    const plain = vsCalm(chaosExperiment.presets.gorilla);
    const zoneAware = vsCalm(chaosExperiment.presets.gorillaZoneAware);
    const ribbon = vsCalm(chaosExperiment.presets.gorillaRibbon);
    // The zone-aware balancer alone already spares most of the wait.
    for (const [i, r] of zoneAware.entries()) expect(r.ratio).toBeGreaterThan((plain[i]?.ratio ?? 1) + 0.05);
    for (const [i, r] of ribbon.entries()) {
      expect(r.ratio).toBeGreaterThan(0.98);
      expect(r.failed).toBeLessThanOrEqual(2);
      // Without them a third of the calls wait a timeout on the dead zone: starts come late.
      expect(plain[i]?.ratio).toBeLessThan(r.ratio - 0.05);
    }
  });

  it("shows the noise of an A/A run: no fault, and still the naive guard aborts some runs", () => {
    const runs = seeds.map((seed) => chaosExperiment.run({ ...chaosExperiment.presets.aa, seed }));
    for (const r of runs) expect(r.experiment.every((b) => b.failed === 0 && b.degraded === 0)).toBe(true);
    expect(runs.filter((r) => r.verdict === "aborted").length).toBeGreaterThan(0);
    const calm = seeds.map((seed) => chaosExperiment.run({ ...chaosExperiment.presets.aa, abort: false, seed }));
    const ratios = calm.map((r) => r.meanSps.experiment / r.meanSps.control);
    // Two groups of 1% of the customers differ by more than a 10% tolerance by chance alone.
    expect(Math.min(...ratios)).toBeLessThan(0.9);
  });

  it("shows Latency Monkey's story: the caller's pool fills without a bulkhead, the fallback answers with one", () => {
    // The same traffic and seed with no fault: what the experiment group would have done.
    const calm = chaosExperiment.run({ ...chaosExperiment.presets.latency, fault: "none" }).meanSps.experiment;
    const api = (r: ChaosExperimentResult) => r.results.experiment.services.find((s) => s.name === "api");
    const apiWorkers = story.latency.params.apiWorkers;
    expect(api(story.latency)?.peakInFlight).toBeGreaterThanOrEqual(apiWorkers);
    expect(api(story.latency)?.rejected).toBeGreaterThan(0);
    expect(story.latency.meanSps.experiment).toBeLessThan(calm * 0.8);
    expect(api(story.latencyBulkhead)?.peakInFlight).toBeLessThan(2 * apiWorkers);
    expect(api(story.latencyBulkhead)?.rejected).toBe(0);
    expect(failed(story.latencyBulkhead)).toBeLessThan(failed(story.latency) / 10);
    expect(story.latencyBulkhead.experiment.reduce((a, b) => a + b.degraded, 0)).toBeGreaterThan(0);
    expect(Math.abs(story.latencyBulkhead.meanSps.experiment - calm)).toBeLessThan(calm * 0.05);
  });

  it("passes the steady-state hypothesis with a bulkhead on most seeds, never without one", () => {
    const seeds = [1, 2, 3, 4, 5, 6];
    const verdicts = (preset: object) => seeds.map((seed) => chaosExperiment.run({ ...preset, seed }).verdict);
    expect(verdicts(chaosExperiment.presets.latency).filter((v) => v === "passed")).toEqual([]);
    // Not all: the two groups are different customers, and a lucky control can be 10% busier.
    expect(verdicts(chaosExperiment.presets.latencyBulkhead).filter((v) => v === "passed").length).toBeGreaterThan(
      seeds.length / 2,
    );
  });

  it("never hurts the control group", () => {
    for (const r of Object.values(story)) expect(r.control.every((b) => b.failed === 0)).toBe(true);
  });

  it("is deterministic, and a seed changes the run", () => {
    const a = chaosExperiment.run(chaosExperiment.presets.monkey);
    expect(chaosExperiment.run(chaosExperiment.presets.monkey)).toEqual(a);
    expect(chaosExperiment.run({ ...chaosExperiment.presets.monkey, seed: 99 }).fingerprint).not.toBe(a.fingerprint);
  });
});
