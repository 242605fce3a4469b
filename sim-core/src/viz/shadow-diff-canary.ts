import * as Plot from "@observablehq/plot";
import type { CanaryReleaseResult, ResponseDiffResult } from "../scenarios/index.js";
import { CHART_HEIGHT, CHART_WIDTH } from "./chart.js";

/**
 * Diffy's field table: per endpoint and field, raw differences (candidate vs primary), noise
 * (primary vs secondary), the relative and absolute differences and whether Diffy reports it.
 * Fields with no difference at all are left out.
 *
 * @example
 * diffyTable(responseDiff.run({ requests: 300 })).columns.length // 7
 */
export function diffyTable(result: ResponseDiffResult): {
  columns: string[];
  rows: Record<string, string | number | boolean>[];
} {
  const columns = ["field", "raw", "noise", "total", "relative %", "absolute %", "reported"];
  const rows = result.diffy
    .filter((f) => f.raw + f.noise > 0)
    .map((f) => ({
      field: `${f.endpoint}.${f.field}`,
      raw: f.raw,
      noise: f.noise,
      total: f.total,
      "relative %": round2(f.relativePercent),
      "absolute %": round2(f.absolutePercent),
      reported: f.reported,
    }));
  return { columns, rows };
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/** The metrics a canary is judged on, with the labels the charts use. */
const METRIC_LABELS = { latencyMs: "latency (ms)", errorPercent: "errors (%)", cpuPercent: "CPU (%)" } as const;

/**
 * Each group's per-minute metrics (production, baseline, canary): the distributions the judge
 * compares, one panel per metric.
 *
 * @example
 * canaryDistributionChart(canaryRelease.run({ lifetimeMinutes: 10 })).fx?.label // null
 */
export function canaryDistributionChart(result: CanaryReleaseResult): Plot.PlotOptions {
  const rows = result.samples.flatMap((s) =>
    (Object.keys(METRIC_LABELS) as (keyof typeof METRIC_LABELS)[]).map((m) => ({
      group: s.group,
      metric: METRIC_LABELS[m],
      value: s[m],
    })),
  );
  return {
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    fx: { label: null },
    // The legend names the groups: three names under each of three narrow panels overlap on a phone.
    x: { label: null, domain: ["production", "baseline", "canary"], axis: null },
    y: { label: null, grid: true },
    facet: { data: rows, x: "metric" },
    color: { domain: ["production", "baseline", "canary"], legend: true },
    marks: [Plot.boxY(rows, { x: "group", y: "value", fill: "group", fx: "metric" })],
  };
}

/**
 * The judge's score at each analysis with Kayenta's pass (95) and marginal (75) lines; the last
 * point is the decision.
 *
 * @example
 * canaryVerdictChart(canaryRelease.run({ lifetimeMinutes: 10 })).y?.domain // [0, 100]
 */
export function canaryVerdictChart(result: CanaryReleaseResult): Plot.PlotOptions {
  const rows = result.analyses.map((a) => ({
    minute: a.minute,
    score: a.score,
    result: a.result,
    failing: a.metrics
      .filter((m) => m.classification === "high")
      .map((m) => m.metric)
      .join(", "),
  }));
  return {
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    x: { label: "minutes since the canary started" },
    y: { label: "canary score", domain: [0, 100], grid: true },
    color: { domain: ["pass", "marginal", "fail"], range: ["#2ca02c", "#ff7f0e", "#d62728"], legend: true },
    marks: [
      Plot.ruleY([95], { stroke: "#2ca02c", strokeDasharray: "4 3" }),
      Plot.ruleY([75], { stroke: "#ff7f0e", strokeDasharray: "4 3" }),
      Plot.line(rows, { x: "minute", y: "score", stroke: "#999" }),
      Plot.dot(rows, {
        x: "minute",
        y: "score",
        fill: "result",
        r: 5,
        tip: true,
        title: (r) => `${r.result}${r.failing ? `: ${r.failing} high` : ""}`,
      }),
    ],
  };
}
