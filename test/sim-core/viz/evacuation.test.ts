import { JSDOM } from "jsdom";
import {
  evacuationCapacityChart,
  evacuationInstancesChart,
  evacuationShareChart,
  evacuationShareRows,
  evacuationTopologyMermaid,
  regionEvacuation,
  renderChart,
} from "sim-core";
import { describe, expect, it } from "vitest";

const { document } = new JSDOM("<!doctype html><body></body>").window;
const presets = regionEvacuation.presets;
const runs = {
  kongCold: regionEvacuation.run(presets.kongCold),
  kongReady: regionEvacuation.run(presets.kongReady),
  kongTooFast: regionEvacuation.run(presets.kongTooFast),
  kongDrill: regionEvacuation.run(presets.kongDrill),
};

describe("evacuation views", () => {
  for (const chart of [evacuationShareChart, evacuationCapacityChart, evacuationInstancesChart])
    for (const [name, result] of Object.entries(runs))
      it(`${chart.id} renders ${name} with marks and no NaN`, () => {
        const element = renderChart(chart.options(result), document);
        const svgs = element.tagName.toLowerCase() === "svg" ? [element] : [...element.querySelectorAll("svg")];
        expect(svgs.at(-1)?.querySelectorAll("rect, path, line").length).toBeGreaterThan(3);
        expect(element.outerHTML).not.toContain("NaN");
      });

  it("evacuationShareRows(result) splits each step's demand into served in each region and failed", () => {
    const r = runs.kongDrill;
    const rows = evacuationShareRows(r);
    expect(rows).toHaveLength(3 * r.steps.length);
    const first = r.steps[0];
    const sum = rows.filter((row) => row.timeMs === 0).reduce((a, row) => a + row.sps, 0);
    expect(sum).toBeCloseTo((first?.ownDemandPerSec ?? 0) + (first?.failedRegionDemandPerSec ?? 0), 6);
  });

  it("evacuationTopologyMermaid(result) draws the failed region failed and the share moved on the arrow", () => {
    const end = evacuationTopologyMermaid(runs.kongReady);
    expect(end).toMatch(/^flowchart LR/);
    expect(end).toContain("class r_failed failed");
    expect(end).toContain('c_failed -- "100% moved" --> zuul_receiving');
    expect(end).not.toContain("failing");
    const before = evacuationTopologyMermaid(runs.kongReady, 0);
    expect(before).toContain('c_failed -. "100% failing" .-> zuul_failed');
    expect(before).not.toContain("moved");
  });

  it("evacuationTopologyMermaid marks an overloaded receiving fleet, and a drill's region as drained", () => {
    const overloadAt = runs.kongTooFast.steps.find((s) => s.failedPct > 10)?.timeMs ?? -1;
    expect(overloadAt).toBeGreaterThan(0);
    expect(evacuationTopologyMermaid(runs.kongTooFast, overloadAt)).toContain("class fleet_receiving failed");
    expect(evacuationTopologyMermaid(runs.kongReady)).not.toContain("class fleet_receiving failed");
    const drill = evacuationTopologyMermaid(runs.kongDrill, 0);
    expect(drill).toContain("class r_failed drained");
    expect(drill).toContain("100% still here");
  });
});
