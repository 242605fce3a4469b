import { type ChaosExperimentResult, chaosExperiment } from "sim-core";
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
        "chapAbort": {
          "abortedAtMs": 5000,
          "affected": 97,
          "failed": 97,
          "sps": 63,
          "verdict": "aborted",
        },
        "chapPass": {
          "abortedAtMs": null,
          "affected": 8,
          "failed": 8,
          "sps": 30,
          "verdict": "passed",
        },
        "gorilla": {
          "abortedAtMs": null,
          "affected": 43,
          "failed": 43,
          "sps": 24,
          "verdict": "failed",
        },
        "gorillaRibbon": {
          "abortedAtMs": null,
          "affected": 8,
          "failed": 8,
          "sps": 30,
          "verdict": "passed",
        },
        "latency": {
          "abortedAtMs": null,
          "affected": 723,
          "failed": 727,
          "sps": 63,
          "verdict": "failed",
        },
        "latencyBulkhead": {
          "abortedAtMs": null,
          "affected": 655,
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
          "affected": 15,
          "failed": 15,
          "sps": 27,
          "verdict": "failed",
        },
      }
    `);
  });

  it("shows the story: retries elsewhere, Ribbon and a bulkhead each cut the harm", () => {
    expect(failed(story.monkeyRetries)).toBeLessThan(failed(story.monkey));
    expect(failed(story.gorillaRibbon)).toBeLessThan(failed(story.gorilla) / 5);
    expect(story.latencyBulkhead.meanSps.experiment).toBeGreaterThan(story.latency.meanSps.experiment);
    expect(story.chapAbort.verdict).toBe("aborted");
    expect(story.chapPass.verdict).toBe("passed");
    // The abort bounds the blast radius: fewer customers hit than the same fault left running.
    expect(story.chapAbort.customersAffected.experiment).toBeLessThan(story.latency.customersAffected.experiment);
  });

  it("shows Latency Monkey's story: the caller's pool fills without a bulkhead, the fallback answers with one", () => {
    // The same traffic and seed with no fault: what the experiment group would have done.
    const calm = chaosExperiment.run({ ...chaosExperiment.presets.latency, fault: "none" }).meanSps.experiment;
    const api = (r: ChaosExperimentResult) => r.results.experiment.services.find((s) => s.name === "api");
    const apiWorkers = story.latency.params.apiWorkers;
    expect(api(story.latency)?.peakInFlight).toBeGreaterThanOrEqual(apiWorkers);
    expect(api(story.latency)?.rejected).toBeGreaterThan(0);
    expect(story.latency.meanSps.experiment).toBeLessThan(calm * 0.6);
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
