import * as Plot from "@observablehq/plot";
import type { DecompositionResult } from "../scenarios/index.js";
import { CHART_HEIGHT, CHART_WIDTH, type ChartSpec } from "./chart.js";
import { latencyByRequestChart, leadTimeChart, remoteCallsChart, stranglerStepsChart } from "./decomposition.js";

// The decomposition scenario's charts of one run, as the course registry lists them (the site's
// Simulation draws one run at a time). The comparisons of several runs live in decomposition.ts.

/** The run's cut as a legend label: "naive", or the strangler step's name. */
function cutLabel(result: DecompositionResult): string {
  return result.stepName === "" ? result.params.decomposition : result.stepName;
}

/** A chart that says which switch draws it, for runs that did not compute its data. */
function hint(text: string): Plot.PlotOptions {
  return {
    width: CHART_WIDTH,
    height: 60,
    axis: null,
    marks: [Plot.text([text], { frameAnchor: "middle", fontSize: 13 })],
  };
}

/**
 * p99 (bars) and p50 (ticks) latency of each request type for this run's cut.
 *
 * @example
 * decompositionLatencyChart.options(decomposition.run({ requestsPerType: 10, days: 14 })).y?.label // 'p99 latency (ms)'
 */
export const decompositionLatencyChart: ChartSpec<DecompositionResult> = {
  id: "latency",
  title: "Latency per request type",
  caption: "Bars are p99, black ticks p50: a request that crosses the network in a loop pays for every crossing.",
  options: (result) => latencyByRequestChart([{ label: cutLabel(result), result }]),
};

/**
 * Calls between services per client request, for each request type.
 *
 * @example
 * decompositionRemoteCallsChart.options(decomposition.run({ requestsPerType: 10, days: 14 })).y?.label // 'remote calls per request'
 */
export const decompositionRemoteCallsChart: ChartSpec<DecompositionResult> = {
  id: "remoteCalls",
  title: "Remote calls per request",
  caption: "Every call that crosses a service boundary; zero in the monolith, where every call stays in one process.",
  options: (result) => remoteCallsChart([{ label: cutLabel(result), result }]),
};

/**
 * Lead time from commit to production of every change, on a log axis.
 *
 * @example
 * leadTimeHistogramChart.options(decomposition.run({ requestsPerType: 10, days: 14 })).x?.label // 'lead time (hours)'
 */
export const leadTimeHistogramChart: ChartSpec<DecompositionResult> = {
  id: "leadTime",
  title: "Lead time, commit to production",
  caption:
    "A release train makes every change wait for the next train and its QA; independent deploys wait for one pipeline run.",
  options: (result) => leadTimeChart([{ label: result.params.deploy, result }]),
};

/**
 * Share of batches (trains or pipeline runs) holding at least one bad change, by batch size.
 *
 * @example
 * batchRiskChart.options(decomposition.run({ requestsPerType: 10, days: 14 })).y?.label // 'batches holding a bad change (%)'
 */
export const batchRiskChart: ChartSpec<DecompositionResult> = {
  id: "batchRisk",
  title: "Batch size and bad changes",
  caption:
    "The bigger the batch, the likelier it holds a bad change, and a bad change holds or rolls back the whole batch.",
  options(result) {
    const rows = result.delivery.batches.map((b) => ({
      size: b.sizeFrom === b.sizeTo ? String(b.sizeFrom) : `${b.sizeFrom}–${b.sizeTo}`,
      percent: 100 * b.shareWithBadChange,
      batches: b.batches,
    }));
    return {
      width: CHART_WIDTH,
      height: CHART_HEIGHT,
      marginBottom: 40,
      x: { label: "changes per batch", domain: rows.map((r) => r.size) },
      y: { label: "batches holding a bad change (%)", grid: true, domain: [0, 100] },
      marks: [
        Plot.barY(rows, { x: "size", y: "percent", fill: "steelblue" }),
        Plot.text(rows, { x: "size", y: "percent", text: (d: { batches: number }) => `${d.batches} batches`, dy: -8 }),
        Plot.ruleY([0]),
      ],
    };
  },
};

/**
 * Requests answered per request type while each service (or the shared Oracle) is down.
 *
 * @example
 * blastRadiusChart.options(decomposition.run({ requestsPerType: 10, days: 14, blastRadius: true })).color?.label
 * // 'answered (%)'
 */
export const blastRadiusChart: ChartSpec<DecompositionResult> = {
  id: "blastRadius",
  title: "Blast radius",
  caption: "One row per failure: what share of each request type is still answered (fallbacks included).",
  options(result) {
    if (result.blastRadius.length === 0) return hint("Tick “Blast radius” to fail each service in turn.");
    const rows = result.blastRadius.flatMap((b) =>
      Object.entries(b.availability).map(([request, share]) => ({ failure: b.failure, request, percent: 100 * share })),
    );
    return {
      width: CHART_WIDTH,
      height: 40 + 28 * result.blastRadius.length,
      marginLeft: 110,
      x: { label: "request type", axis: "top" },
      y: { label: "failed", domain: result.blastRadius.map((b) => b.failure) },
      // No colour legend: a continuous ramp needs a canvas (absent in jsdom); each cell prints its share.
      color: { label: "answered (%)", scheme: "RdYlGn", domain: [0, 100] },
      marks: [
        Plot.cell(rows, { x: "request", y: "failure", fill: "percent", inset: 1 }),
        Plot.text(rows, { x: "request", y: "failure", text: (d: { percent: number }) => `${Math.round(d.percent)}%` }),
      ],
    };
  },
};

/**
 * p99 latency and median lead time after each strangler step (when `strangler` is on).
 *
 * @example
 * stranglerChart.options(decomposition.run({ requestsPerType: 10, days: 14 })).marks?.length // 1
 */
export const stranglerChart: ChartSpec<DecompositionResult> = {
  id: "strangler",
  title: "The migration, step by step",
  caption: "Mix p99 latency and median lead time after each step, from the monolith (0) to bounded contexts.",
  options: (result) =>
    result.steps.length === 0
      ? hint("Tick “Strangler steps” to evaluate every step of the migration.")
      : stranglerStepsChart(result),
};
