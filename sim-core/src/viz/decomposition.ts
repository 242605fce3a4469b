import * as Plot from "@observablehq/plot";
import type { DecompositionResult } from "../scenarios/index.js";
import { CHART_HEIGHT, CHART_WIDTH } from "./chart.js";

/** Runs to compare, each with a label ("monolith", "naive", …). */
export type LabelledRuns = readonly { label: string; result: DecompositionResult }[];

/**
 * p50 and p99 latency per request type for each run, as grouped bars (before and after a cut).
 *
 * @example
 * latencyByRequestChart([{ label: "monolith", result: decomposition.run({ requestsPerType: 10, days: 14 }) }]).y?.label
 * // 'p99 latency (ms)'
 */
export function latencyByRequestChart(runs: LabelledRuns): Plot.PlotOptions {
  const rows = runs.flatMap(({ label, result }) =>
    result.metrics.requests.map((r) => ({ run: label, request: r.name, p50: r.latencyMs.p50, p99: r.latencyMs.p99 })),
  );
  return {
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    fx: { label: "request type" },
    x: { axis: null, domain: labels(runs) },
    y: { label: "p99 latency (ms)", grid: true },
    color: { legend: true, domain: labels(runs) },
    marks: [
      Plot.barY(rows, { fx: "request", x: "run", y: "p99", fill: "run" }),
      Plot.tickY(rows, { fx: "request", x: "run", y: "p50", stroke: "black" }),
      Plot.ruleY([0]),
    ],
  };
}

/**
 * Remote calls per request for each request type and run.
 *
 * @example
 * remoteCallsChart([{ label: "monolith", result: decomposition.run({ requestsPerType: 10, days: 14 }) }]).y?.label
 * // 'remote calls per request'
 */
export function remoteCallsChart(runs: LabelledRuns): Plot.PlotOptions {
  const rows = runs.flatMap(({ label, result }) =>
    result.metrics.requests.map((r) => ({ run: label, request: r.name, calls: r.remoteCallsPerRequest })),
  );
  return {
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    fx: { label: "request type" },
    x: { axis: null, domain: labels(runs) },
    y: { label: "remote calls per request", grid: true },
    color: { legend: true, domain: labels(runs) },
    marks: [Plot.barY(rows, { fx: "request", x: "run", y: "calls", fill: "run" }), Plot.ruleY([0])],
  };
}

/**
 * The blast-radius table: one row per failure, one column per request type (share answered).
 *
 * @example
 * blastRadiusTable(decomposition.run({ requestsPerType: 10, days: 14, blastRadius: true })).rows[0]
 * // { failure: 'monolith', home: 0, title: 0, search: 0, 'queue-add': 0, play: 0, rate: 0, mix: 0 }
 */
export function blastRadiusTable(result: DecompositionResult): {
  columns: string[];
  rows: Record<string, string | number>[];
} {
  const columns = ["failure", ...result.metrics.requests.map((r) => r.name), "mix"];
  const rows = result.blastRadius.map((b) => ({ failure: b.failure, ...b.availability, mix: b.mix }));
  return { columns, rows };
}

/**
 * Lead time from commit to production for each run, as the cumulative share of changes shipped
 * within x hours (a log axis): a spike of quick deploys and a train's weeks fit on one chart.
 *
 * @example
 * leadTimeChart([{ label: "train", result: decomposition.run({ requestsPerType: 10, days: 14 }) }]).x?.label
 * // 'lead time (hours)'
 */
export function leadTimeChart(runs: LabelledRuns): Plot.PlotOptions {
  const rows = runs.flatMap(({ label, result }) => {
    const total = result.delivery.leadTimeHistogram.reduce((sum, b) => sum + b.count, 0);
    let shipped = 0;
    return result.delivery.leadTimeHistogram.map((b) => {
      shipped += b.count;
      return { run: label, hours: b.upperHours, percent: total === 0 ? 0 : (100 * shipped) / total };
    });
  });
  return {
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    x: { label: "lead time (hours)", type: "log" },
    y: { label: "changes shipped within (%)", grid: true, domain: [0, 100] },
    color: { legend: true, domain: labels(runs) },
    marks: [Plot.lineY(rows, { x: "hours", y: "percent", stroke: "run", curve: "step-before" }), Plot.ruleY([0])],
  };
}

/**
 * Metrics per strangler step: mix p99 latency and median lead time, one line each.
 *
 * @example
 * stranglerStepsChart(decomposition.run({ requestsPerType: 10, days: 14, strangler: true })).marks?.length // 2
 */
export function stranglerStepsChart(result: DecompositionResult): Plot.PlotOptions {
  const rows = result.steps.flatMap((s, i) => [
    { step: i, name: s.name, metric: "p99 latency (ms)", value: s.latency.latencyMsP99 },
    { step: i, name: s.name, metric: "lead time p50 (h)", value: s.delivery.leadTimeHours.p50 },
  ]);
  // Milliseconds and hours on one axis would mislead: one panel each, both on log axes.
  return {
    width: CHART_WIDTH,
    height: CHART_HEIGHT + 60,
    marginRight: 110,
    x: { label: "strangler step", ticks: result.steps.map((_, i) => i) },
    y: { label: null, grid: true, type: "log" },
    fy: { label: null },
    marks: [
      Plot.lineY(rows, { x: "step", y: "value", fy: "metric", marker: "dot", stroke: "steelblue" }),
      Plot.frame({ stroke: "#ddd" }),
    ],
  };
}

/** The runs' labels in the order given, so colours stay the same from chart to chart. */
function labels(runs: LabelledRuns): string[] {
  return runs.map((r) => r.label);
}
