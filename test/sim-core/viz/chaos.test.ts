import { JSDOM } from "jsdom";
import {
  chaosAliveChart,
  chaosExperiment,
  chaosHarmChart,
  chaosHarmRows,
  chaosSpsChart,
  chaosTopologyMermaid,
  renderChart,
} from "sim-core";
import { describe, expect, it } from "vitest";

const { document } = new JSDOM("<!doctype html><body></body>").window;
const presets = chaosExperiment.presets;
const runs = {
  monkey: chaosExperiment.run(presets.monkey),
  gorilla: chaosExperiment.run(presets.gorilla),
  latency: chaosExperiment.run(presets.latency),
  chapAbort: chaosExperiment.run(presets.chapAbort),
  partition: chaosExperiment.run({ fault: "partition" }),
};

describe("chaos views", () => {
  for (const chart of [chaosSpsChart, chaosHarmChart, chaosAliveChart])
    for (const [name, result] of Object.entries(runs))
      it(`${chart.id} renders ${name} with marks and no NaN`, () => {
        const element = renderChart(chart.options(result), document);
        const svgs = element.tagName.toLowerCase() === "svg" ? [element] : [...element.querySelectorAll("svg")];
        expect(svgs.at(-1)?.querySelectorAll("rect, path, line").length).toBeGreaterThan(3);
        expect(element.outerHTML).not.toContain("NaN");
      });

  it("marks the abort only when the guard stopped the run", () => {
    const ruleData = (r: (typeof runs)["monkey"]) =>
      (chaosSpsChart.options(r).marks ?? []).map((m) => (m as { data?: unknown }).data);
    expect(ruleData(runs.chapAbort)).toContainEqual([{ atMs: runs.chapAbort.abortedAtMs, label: "abort" }]);
    expect(ruleData(runs.monkey)).not.toContainEqual([expect.objectContaining({ label: "abort" })]);
  });

  it("puts the harm where the fault was", () => {
    const at = (r: (typeof runs)["monkey"], service: string, what: string) =>
      chaosHarmRows(r).find((x) => x.service === service && x.what === what)?.count ?? Number.NaN;
    // Latency Monkey slows recs: its callers time out and fall back; playback is not touched.
    expect(at(runs.latency, "api", "fallback") + at(runs.latency, "recs", "fallback")).toBeGreaterThan(0);
    expect(at(runs.latency, "playback", "error")).toBe(0);
  });

  it("draws the killed instance, the lost zone and the partition red, nothing when there is no fault", () => {
    const failedLine = (m: string) => m.split("\n").find((l) => l.startsWith("  class ") && !l.includes(" z_")) ?? "";
    expect(failedLine(chaosTopologyMermaid(runs.monkey))).toBe("  class playback_0 failed");
    const gorilla = chaosTopologyMermaid(runs.gorilla);
    expect(gorilla).toContain("class z_us_east_1b failed");
    expect(failedLine(gorilla)).toBe("  class zuul_1,api_1,recs_1,playback_1 failed");
    expect(chaosTopologyMermaid(runs.partition)).toContain('z_us_east_1a x-. "partition" .-x z_us_east_1b');
    expect(chaosTopologyMermaid(runs.latency)).toContain('svc_recs{{"recs (+3000 ms on 100%)"}}');
    const calm = chaosTopologyMermaid(chaosExperiment.run({ fault: "none", durationMs: 2000 }));
    expect(calm).toMatch(/^flowchart LR/);
    expect(calm).not.toContain("class ");
    expect(calm).toContain('svc_api -. "fallback" .-> svc_recs');
  });
});
