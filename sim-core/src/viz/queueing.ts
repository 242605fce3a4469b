import * as Plot from "@observablehq/plot";
import { MS_PER_S } from "../kernel/index.js";
import type { FanOutResult, QueueingResult } from "../scenarios/index.js";
import { CHART_HEIGHT, CHART_WIDTH, type ChartSpec } from "./chart.js";

/**
 * Response-time histogram with the mean, p50 and p99 marked: why an average hides the tail.
 *
 * @example
 * responseTimesChart.options(queueing.run()).marks.length // 3
 */
export const responseTimesChart: ChartSpec<QueueingResult> = {
  id: "responseTimes",
  title: "Response times",
  caption: "Most requests are quick; the mean sits well below the slow tail that p99 measures.",
  options(result) {
    // The values go in the legend: labels beside the lines overlapped when the mean and p50 are close.
    const marks = [
      { label: `mean ${result.responseMs.mean.toFixed(1)} ms`, value: result.responseMs.mean },
      { label: `p50 ${result.responseMs.p50.toFixed(1)} ms`, value: result.responseMs.p50 },
      { label: `p99 ${result.responseMs.p99.toFixed(1)} ms`, value: result.responseMs.p99 },
    ];
    return {
      width: CHART_WIDTH,
      height: CHART_HEIGHT,
      x: { label: "response time (ms)" },
      y: { label: "requests", grid: true },
      marks: [
        Plot.rectY(result.histogram, { x1: "lowerMs", x2: "upperMs", y: "count", fill: "steelblue", insetLeft: 0 }),
        Plot.ruleY([0]),
        Plot.ruleX(marks, { x: "value", stroke: "label", strokeWidth: 2 }),
      ],
      color: { legend: true, domain: marks.map((m) => m.label), range: ["#d62728", "#2ca02c", "#9467bd"] },
    };
  },
};

/**
 * Queue length over virtual time: bursts of waiting that averages smooth away.
 *
 * @example
 * queueLengthChart.options(queueing.run()).y?.label // 'waiting requests'
 */
export const queueLengthChart: ChartSpec<QueueingResult> = {
  id: "queueLength",
  title: "Queue length over time",
  caption: "At high utilisation the queue drains slowly, so one burst keeps later requests waiting.",
  options(result) {
    return {
      width: CHART_WIDTH,
      height: CHART_HEIGHT,
      x: { label: "virtual time (s)", transform: (ms: number) => ms / MS_PER_S },
      y: { label: "waiting requests", grid: true },
      marks: [
        Plot.areaY(result.queueLength, { x: "timeMs", y: "max", fill: "#c6dbef", curve: "step-after" }),
        Plot.lineY(result.queueLength, { x: "timeMs", y: "mean", stroke: "steelblue", curve: "step-after" }),
        Plot.ruleY([0]),
      ],
    };
  },
};

/**
 * Simulated mean response against M/M/c theory and Little's law.
 *
 * @example
 * theoryChart.options(queueing.run()).marks.length // 2
 */
export const theoryChart: ChartSpec<QueueingResult> = {
  id: "theory",
  title: "Simulation against theory",
  caption: "The simulated mean response next to Erlang C's prediction (exponential service only).",
  options(result) {
    const rows = [{ source: "simulated", meanResponseMs: result.responseMs.mean }];
    if (result.theory !== null) rows.push({ source: "M/M/c theory", meanResponseMs: result.theory.meanResponse });
    return {
      width: CHART_WIDTH,
      height: 120,
      marginLeft: 100,
      x: { label: "mean response time (ms)", grid: true },
      y: { label: null },
      marks: [Plot.barX(rows, { y: "source", x: "meanResponseMs", fill: "source" }), Plot.ruleX([0])],
    };
  },
};

/**
 * Share of requests that meet a slow leaf as fan-out grows, simulated against 1 − (1 − p)^n.
 *
 * @example
 * fanOutCurveChart.options(fanOut.run()).marks.length // 3
 */
export const fanOutCurveChart: ChartSpec<FanOutResult> = {
  id: "fanOutCurve",
  title: "Requests that meet a slow leaf",
  caption:
    "Dots: the simulated share of requests that wait for at least one slow leaf, at each fan-out up to the one chosen; dashed: 1 − (1 − p)ⁿ. Each leaf is slow 1 time in 100, yet the share grows with every leaf added.",
  options(result) {
    return {
      width: CHART_WIDTH,
      height: CHART_HEIGHT,
      x: { label: "leaves per request (n)", type: "log" },
      y: { label: "share of requests (%)", domain: [0, 100], grid: true, percent: true },
      marks: [
        Plot.line(result.curve, { x: "leaves", y: "theory", stroke: "#999", strokeDasharray: "4,3" }),
        Plot.dot(result.curve, { x: "leaves", y: "simulated", fill: "steelblue", r: 4, tip: true }),
        Plot.ruleY([0]),
      ],
    };
  },
};

/**
 * One leaf's latency percentiles against the whole request's.
 *
 * @example
 * fanOutPercentilesChart.options(fanOut.run()).marks.length // 2
 */
export const fanOutPercentilesChart: ChartSpec<FanOutResult> = {
  id: "fanOutPercentiles",
  title: "One leaf against the whole request",
  caption:
    "The request waits for its slowest leaf, so each of its percentiles sits above the leaf's: its p90 already reaches a leaf's slow tail, and with more leaves its median moves there too.",
  options(result) {
    const rows = (["p50", "p90", "p99"] as const).flatMap((p) => [
      { percentile: p, what: "one leaf", ms: result.leafMs[p] },
      { percentile: p, what: "whole request", ms: result.requestMs[p] },
    ]);
    return {
      width: CHART_WIDTH,
      height: CHART_HEIGHT,
      fx: { label: null },
      x: { axis: null },
      y: { label: "latency (ms)", grid: true, nice: true },
      color: { legend: true },
      marks: [Plot.barY(rows, { fx: "percentile", x: "what", y: "ms", fill: "what" }), Plot.ruleY([0])],
    };
  },
};
