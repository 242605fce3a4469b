import { JSDOM } from "jsdom";
import {
  chaosAliveChart,
  chaosExperiment,
  chaosHarmChart,
  chaosHarmRows,
  chaosInFlightChart,
  chaosSpsChart,
  chaosTopologyMermaid,
  netflixSystem,
  renderChart,
  SUT_SERVICES,
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
  for (const chart of [chaosSpsChart, chaosHarmChart, chaosAliveChart, chaosInFlightChart])
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

  it("draws the API filling its pool under Latency Monkey, and not with a bulkhead", () => {
    const peakApi = (r: (typeof runs)["monkey"]) => {
      const rows = (chaosInFlightChart.options(r).marks ?? []).map((m) => (m as { data?: unknown }).data);
      const line = rows.find((d) => Array.isArray(d) && (d[0] as { service?: string })?.service !== undefined) as
        | { service: string; max: number }[]
        | undefined;
      return Math.max(...(line ?? []).filter((p) => p.service === "api").map((p) => p.max));
    };
    const bulkhead = chaosExperiment.run(presets.latencyBulkhead);
    expect(peakApi(runs.latency)).toBeGreaterThanOrEqual(runs.latency.params.apiWorkers);
    expect(peakApi(bulkhead)).toBeLessThan(peakApi(runs.latency));
  });

  it("chaosAliveChart shows a kill no earlier than it happened", () => {
    const data = (chaosAliveChart.options(runs.monkey).marks ?? []).map((m) => (m as { data?: unknown }).data);
    const line = data.find((d) => Array.isArray(d) && (d[0] as { zone?: string })?.zone !== undefined) as {
      timeMs: number;
      alive: number;
      zone: string;
    }[];
    const killedAtMs = runs.monkey.faults[0]?.atMs ?? Number.NaN;
    // One instance of every service per zone: a kill leaves one fewer.
    const firstDrop = Math.min(...line.filter((p) => p.alive < SUT_SERVICES.length).map((p) => p.timeMs));
    expect(firstDrop).toBeGreaterThanOrEqual(killedAtMs);
    expect(firstDrop).toBeLessThanOrEqual(killedAtMs + runs.monkey.params.binMs);
  });

  it("chaosAliveChart draws each zone in a panel of its own, so zones with equal counts never hide each other", () => {
    for (const result of [runs.monkey, runs.gorilla]) {
      const zones = netflixSystem(result.params).topology.zones.map((z) => z.name);
      const svg = renderChart(chaosAliveChart.options(result), document);
      // One step line per zone, each moved to its own panel; zones still at full strength (two
      // of them under the Monkey) would otherwise draw the same path on the same spot.
      const panels = [...svg.querySelectorAll('g[aria-label="line"] > g')];
      expect(panels.map((g) => g.querySelectorAll("path").length)).toEqual(zones.map(() => 1));
      expect(new Set(panels.map((g) => g.getAttribute("transform"))).size).toBe(zones.length);
      const names = [...svg.querySelectorAll('g[aria-label="fy-axis tick label"] text')].map((t) => t.textContent);
      expect(names).toEqual(zones);
    }
  });

  it("chaosInFlightChart rules the threads of every API instance, as its lines count every instance", () => {
    const data = (chaosInFlightChart.options(runs.latency).marks ?? []).map((m) => (m as { data?: unknown }).data);
    expect(data).toContainEqual([expect.objectContaining({ threads: 3 * runs.latency.params.apiWorkers })]);
  });

  it("puts the harm where the fault was", () => {
    const at = (r: (typeof runs)["monkey"], service: string, what: string) =>
      chaosHarmRows(r).find((x) => x.service === service && x.what === what)?.count ?? Number.NaN;
    // Latency Monkey slows recs: the API it holds up rejects work; with a bulkhead, calls to recs fall back instead.
    expect(at(runs.latency, "api", "rejected")).toBeGreaterThan(0);
    expect(at(runs.latency, "recs", "fallback")).toBe(0);
    const bulkhead = chaosExperiment.run(presets.latencyBulkhead);
    expect(at(bulkhead, "recs", "fallback")).toBeGreaterThan(0);
    expect(at(bulkhead, "api", "rejected")).toBe(0);
    expect(at(runs.latency, "playback", "error")).toBe(0);
  });

  it("draws the killed instance, the lost zone and the partition red, nothing when there is no fault", () => {
    const failedLine = (m: string) => m.split("\n").find((l) => l.startsWith("  class ") && !l.includes(" z_")) ?? "";
    expect(failedLine(chaosTopologyMermaid(runs.monkey))).toBe("  class playback_0 failed");
    const gorilla = chaosTopologyMermaid(runs.gorilla);
    expect(gorilla).toContain("class z_us_east_1b failed");
    // The lost zone takes one replica of the store with it.
    expect(failedLine(gorilla)).toBe("  class zuul_1,api_1,recs_1,playback_1,store_1 failed");
    expect(chaosTopologyMermaid(runs.partition)).toContain("z_us_east_1a -. partition .- z_us_east_1b");
    expect(chaosTopologyMermaid(runs.latency)).toContain('svc_recs{{"recs (+600 ms on 100%)"}}');
    const calm = chaosTopologyMermaid(chaosExperiment.run({ fault: "none", durationMs: 2000 }));
    expect(calm).toMatch(/^flowchart TB/);
    // The zones hang under the call graph in zone order, so the diagram stays narrow.
    expect(calm).toContain("svc_playback --> svc_store");
    expect(calm).toContain("svc_store ~~~ z_us_east_1a ~~~ z_us_east_1b ~~~ z_us_east_1c");
    expect(calm).not.toContain("class ");
    expect(calm).toContain("svc_api -. fallback .-> svc_recs");
  });
});
