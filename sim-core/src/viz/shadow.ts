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
 * The cloud stack during a run, window by window, as percentages on one axis: the threshold,
 * its utilisation, the share of copies that failed and its cache hits. (Its p99 in ms is in
 * `result.windows`; on a shared axis with percentages it would flatten them.)
 *
 * @example
 * rampChart(shadowTraffic.run({ durationSec: 5 })).y?.domain // [0, 100]
 */
export function rampChart(result: ShadowTrafficResult): Plot.PlotOptions {
  const series = ["threshold", "cloud busy", "copies failed", "cache hits"] as const;
  const rows = result.windows.flatMap((w) => {
    const values = [w.thresholdPercent, w.cloudUtilisation * 100, w.cloudErrorRate * 100, w.cacheHitRatio * 100];
    return series.map((s, i) => ({ timeSec: w.timeMs / 1000, series: s, percent: values[i] as number }));
  });
  return {
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    x: { label: "time (s)" },
    y: { label: "%", domain: [0, 100], grid: true },
    color: { legend: true, domain: [...series], range: ["#4269d0", "#ff7f0e", "#d62728", "#2ca02c"] },
    marks: [Plot.lineY(rows, { x: "timeSec", y: "percent", stroke: "series", tip: true }), Plot.ruleY([0])],
  };
}
