import type * as Plot from "@observablehq/plot";
import { JSDOM } from "jsdom";
import {
  canaryDistributionChart,
  canaryRelease,
  canaryVerdictChart,
  diffyTable,
  primaryLatencyChart,
  rampChart,
  renderChart,
  responseDiff,
  samplerShareChart,
  shadowTopologyMermaid,
  shadowTraffic,
} from "sim-core";
import { describe, expect, it } from "vitest";

const { document } = new JSDOM("<!doctype html><body></body>").window;

function shapes(options: Plot.PlotOptions): number {
  const element = renderChart(options, document);
  expect(element.outerHTML).not.toContain("NaN");
  return element.querySelectorAll("rect, path, circle, line").length;
}

describe("module 2 views", () => {
  const none = shadowTraffic.run({ mode: "none", durationSec: 10 });
  const sync = shadowTraffic.run({ ...shadowTraffic.presets.syncMistake, durationSec: 10 });
  const ramp = shadowTraffic.run({ ...shadowTraffic.presets.tooFastRamp, durationSec: 10 });
  const diff = responseDiff.run({ requests: 600 });
  const bad = canaryRelease.run(canaryRelease.presets.badCanary);

  it("primaryLatencyChart draws a bar per run and percentile", () => {
    expect(
      shapes(
        primaryLatencyChart([
          { label: "none", result: none },
          { label: "sync", result: sync },
        ]),
      ),
    ).toBeGreaterThan(6);
  });
  it("samplerShareChart, rampChart and the canary charts render from the result", () => {
    for (const options of [
      samplerShareChart(ramp),
      rampChart(ramp),
      canaryDistributionChart(bad),
      canaryVerdictChart(bad),
    ]) {
      expect(shapes(options)).toBeGreaterThan(3);
    }
  });
  it("diffyTable lists only fields with a difference, the regression reported", () => {
    const table = diffyTable(diff);
    expect(table.rows.every((r) => (r.raw as number) + (r.noise as number) > 0)).toBe(true);
    expect(table.rows.filter((r) => r.reported).map((r) => r.field)).toEqual(["movieList.titles"]);
  });
  it("shadowTopologyMermaid draws the mirror with its mode, sampler and threshold, and colours a slow cloud", () => {
    const text = shadowTopologyMermaid(sync);
    expect(text).toContain('monolith -. "sync, modulo < 1%" .-> front');
    expect(text).toContain("class front,services slow");
    expect(shadowTopologyMermaid(none)).not.toContain(".->");
  });
});
