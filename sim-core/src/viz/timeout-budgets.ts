import * as Plot from "@observablehq/plot";
import { MS_PER_S } from "../kernel/index.js";
import type { TimeoutBudgetsResult } from "../scenarios/index.js";
import { CHART_HEIGHT, CHART_WIDTH, type ChartSpec } from "./chart.js";

/**
 * Edge latency distribution with p50 and p99 marked: under a hung deep service every answer
 * waits for the last timeout.
 *
 * @example
 * edgeLatencyChart.options(timeoutBudgets.run()).x?.label // 'edge response time (ms)'
 */
export const edgeLatencyChart: ChartSpec<TimeoutBudgetsResult> = {
  id: "edgeLatency",
  title: "Edge response times",
  caption: "Where the edge's answers fall: the tail sits at the sum of the timeouts and retries.",
  options(result) {
    const marks = [
      { label: "p50", value: result.edge.latencyMs.p50 },
      { label: "p99", value: result.edge.latencyMs.p99 },
    ];
    return {
      width: CHART_WIDTH,
      height: CHART_HEIGHT,
      x: { label: "edge response time (ms)", type: "log" },
      y: { label: "requests", grid: true },
      marks: [
        Plot.rectY(result.edge.histogram, { x1: "lowerMs", x2: "upperMs", y: "count", fill: "steelblue" }),
        Plot.ruleY([0]),
        Plot.ruleX(marks, { x: "value", stroke: "label", strokeWidth: 2 }),
        Plot.text(marks, {
          x: "value",
          text: (d: { label: string; value: number }) => `${d.label} ${Math.round(d.value)} ms`,
          frameAnchor: "top",
          dy: 4,
          dx: 3,
          textAnchor: "start",
        }),
      ],
      color: { legend: true, domain: ["p50", "p99"], range: ["#2ca02c", "#9467bd"] },
    };
  },
};

/**
 * Attempts per client request on each hop: 1, 3, 9 ... when every layer retries.
 *
 * @example
 * callsPerHopChart.options(timeoutBudgets.run()).marks?.length // 3
 */
export const callsPerHopChart: ChartSpec<TimeoutBudgetsResult> = {
  id: "callsPerHop",
  title: "Calls per hop",
  caption: "Retries multiply down the chain: each layer's attempts times the next layer's.",
  options(result) {
    const rows = result.callsPerHop.map((h) => ({ hop: `${h.from} → ${h.to}`, perRequest: h.perRequest }));
    return {
      width: CHART_WIDTH,
      height: Math.max(120, 50 * rows.length + 60),
      marginLeft: 110,
      x: { label: "attempts per client request", grid: true },
      y: { label: null, domain: rows.map((r) => r.hop) },
      marks: [
        Plot.barX(rows, { x: "perRequest", y: "hop", fill: "#d62728" }),
        Plot.text(rows, {
          x: "perRequest",
          y: "hop",
          text: (d: { perRequest: number }) => d.perRequest.toFixed(2),
          dx: 4,
          textAnchor: "start",
        }),
        Plot.ruleX([0]),
      ],
    };
  },
};

/**
 * Requests inside each service over time: threads and queues fill while callers have long
 * since given up.
 *
 * @example
 * inFlightChart.options(timeoutBudgets.run()).y?.label // 'requests in flight (max per bin)'
 */
export const inFlightChart: ChartSpec<TimeoutBudgetsResult> = {
  id: "inFlight",
  title: "In flight per service",
  caption: "Each service's requests in progress or waiting; a hang shows as a climb that only timeouts stop.",
  options(result) {
    return {
      width: CHART_WIDTH,
      height: CHART_HEIGHT,
      x: { label: "virtual time (s)", transform: (ms: number) => ms / MS_PER_S },
      y: { label: "requests in flight (max per bin)", grid: true },
      color: { legend: true },
      marks: [
        Plot.lineY(result.series.inFlight, { x: "timeMs", y: "max", stroke: "service", curve: "step-after" }),
        Plot.ruleY([0]),
      ],
    };
  },
};

/**
 * Successful answers per second over time, with the fault shaded.
 *
 * @example
 * goodputChart.options(timeoutBudgets.run()).y?.label // 'ok answers per second'
 */
export const goodputChart: ChartSpec<TimeoutBudgetsResult> = {
  id: "goodput",
  title: "Goodput",
  caption:
    "Answers that arrived ok, per second. After a short outage it should come back; in a retry storm it does not.",
  options(result) {
    const p = result.params;
    const endMs = Math.min(p.durationMs, p.faultDurationMs > 0 ? p.faultAtMs + p.faultDurationMs : p.durationMs);
    const fault = p.faultKind === "none" || p.faultInstances === 0 ? [] : [{ startMs: p.faultAtMs, endMs }];
    return {
      width: CHART_WIDTH,
      height: CHART_HEIGHT,
      x: { label: "virtual time (s)", transform: (ms: number) => ms / MS_PER_S },
      y: { label: "ok answers per second", grid: true },
      marks: [
        Plot.rectX(fault, { x1: "startMs", x2: "endMs", fill: "#d62728", fillOpacity: 0.12 }),
        Plot.lineY(result.series.goodput, { x: "timeMs", y: "value", stroke: "#2ca02c", curve: "step-after" }),
        Plot.ruleY([0]),
      ],
    };
  },
};

/**
 * Calls each dependency's fallback answered, by what failed: a full bulkhead, an open breaker,
 * a timeout, a rejection or an error. Without a fallback nothing is drawn but the axis.
 *
 * @example
 * fallbacksChart.options(timeoutBudgets.run({ bulkhead: "thread", durationMs: 2000 })).x?.label // 'calls answered by the fallback'
 */
export const fallbacksChart: ChartSpec<TimeoutBudgetsResult> = {
  id: "fallbacks",
  title: "Fallbacks by dependency",
  caption:
    "Which failures each dependency's fallback covered; with a bulkhead most are rejections that cost no thread.",
  options(result) {
    const rows = result.dependencies.flatMap((d) =>
      Object.entries(d.fallbacks).map(([cause, count]) => ({ dependency: `${d.from} → ${d.to}`, cause, count })),
    );
    return {
      width: CHART_WIDTH,
      height: Math.max(120, 50 * result.dependencies.length + 80),
      marginLeft: 110,
      x: { label: "calls answered by the fallback", grid: true },
      y: { label: null, domain: result.dependencies.map((d) => `${d.from} → ${d.to}`) },
      color: { legend: true, domain: ["bulkheadRejected", "shortCircuited", "timeout", "rejected", "error"] },
      marks: [Plot.barX(rows, { x: "count", y: "dependency", fill: "cause" }), Plot.ruleX([0])],
    };
  },
};
