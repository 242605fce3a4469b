import * as Plot from "@observablehq/plot";
import type { ShadowTrafficResult } from "../scenarios/index.js";
import { CHART_HEIGHT, CHART_WIDTH } from "./chart.js";

/** Mirroring runs to compare, each with a label ("none", "sync", …). */
export type LabelledShadowRuns = readonly { label: string; result: ShadowTrafficResult }[];

/**
 * The primary's p50, p99 and p99.9 latency for each run: what each way of mirroring costs the
 * customers who never asked to be mirrored.
 *
 * @example
 * primaryLatencyChart([{ label: "none", result: shadowTraffic.run({ mode: "none", durationSec: 5 }) }]).y?.label
 * // 'primary latency (ms)'
 */
export function primaryLatencyChart(runs: LabelledShadowRuns): Plot.PlotOptions {
  const rows = runs.flatMap(({ label, result }) => {
    const l = result.primary.latencyMs;
    return [
      { run: label, percentile: "p50", ms: l.p50 },
      { run: label, percentile: "p99", ms: l.p99 },
      { run: label, percentile: "p99.9", ms: l.p999 },
    ];
  });
  return {
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    fx: { label: "mirroring" },
    x: { axis: null, domain: ["p50", "p99", "p99.9"] },
    y: { label: "primary latency (ms)", grid: true },
    color: { legend: true, domain: ["p50", "p99", "p99.9"] },
    marks: [Plot.barY(rows, { fx: "run", x: "percentile", y: "ms", fill: "percentile", tip: true }), Plot.ruleY([0])],
  };
}

/**
 * Share of requests mirrored against the threshold, one line per sampler, with the line a
 * perfectly uniform sampler would follow.
 *
 * @example
 * samplerShareChart(shadowTraffic.run({ durationSec: 5 })).x?.label // 'threshold (%)'
 */
export function samplerShareChart(result: ShadowTrafficResult): Plot.PlotOptions {
  const rows = result.sampling.map((s) => ({ ...s, sharePercent: s.requestShare * 100 }));
  return {
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    x: { label: "threshold (%)", type: "log" },
    y: { label: "requests mirrored (%)", type: "log" },
    color: { legend: true },
    marks: [
      Plot.line(
        rows.filter((r) => r.sampler === rows[0]?.sampler),
        { x: "thresholdPercent", y: "thresholdPercent", stroke: "#999", strokeDasharray: "4 3" },
      ),
      Plot.line(rows, { x: "thresholdPercent", y: "sharePercent", stroke: "sampler", marker: "circle" }),
      Plot.tip(rows, Plot.pointer({ x: "thresholdPercent", y: "sharePercent", title: tipText })),
    ],
  };
}

function tipText(r: {
  sampler: string;
  sharePercent: number;
  sessionsWhole: number;
  keptFromPrevious: number;
}): string {
  return `${r.sampler}: ${r.sharePercent.toFixed(2)}% mirrored\nsessions whole ${(r.sessionsWhole * 100).toFixed(0)}%\nkept from previous ${(r.keptFromPrevious * 100).toFixed(0)}%`;
}

/**
 * The cloud stack during a run, window by window: the threshold, its utilisation, its p99 as the
 * mirror saw it and the share of copies that failed, one panel each.
 *
 * @example
 * rampChart(shadowTraffic.run({ durationSec: 5 })).fy?.label // null
 */
export function rampChart(result: ShadowTrafficResult): Plot.PlotOptions {
  const rows = result.windows.flatMap((w) => [
    { timeSec: w.timeMs / 1000, panel: "threshold (%)", value: w.thresholdPercent },
    { timeSec: w.timeMs / 1000, panel: "cloud busy (%)", value: w.cloudUtilisation * 100 },
    { timeSec: w.timeMs / 1000, panel: "cloud p99 (ms)", value: w.cloudLatencyMsP99 },
    { timeSec: w.timeMs / 1000, panel: "copies failed (%)", value: w.cloudErrorRate * 100 },
    { timeSec: w.timeMs / 1000, panel: "cache hits (%)", value: w.cacheHitRatio * 100 },
  ]);
  return {
    width: CHART_WIDTH,
    height: CHART_HEIGHT * 1.6,
    x: { label: "time (s)" },
    y: { label: null, grid: true },
    fy: { label: null },
    facet: { data: rows, y: "panel" },
    marks: [Plot.lineY(rows, { x: "timeSec", y: "value", stroke: "steelblue", tip: true }), Plot.ruleY([0])],
  };
}
