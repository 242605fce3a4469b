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
      { label: `p50 ${Math.round(result.edge.latencyMs.p50)} ms`, value: result.edge.latencyMs.p50 },
      { label: `p99 ${Math.round(result.edge.latencyMs.p99)} ms`, value: result.edge.latencyMs.p99 },
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
      ],
      // The values go in the legend, which never overlaps the bars or another label.
      color: { legend: true, domain: marks.map((m) => m.label), range: ["#2ca02c", "#9467bd"] },
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

/** Left margin of the stacked time charts: room for a four-digit in-flight count. */
const STACKED_MARGIN_LEFT_PX = 50;
/** Answers a goodput bin should hold at the offered load, so one answer more or less is noise. */
const ANSWERS_PER_BIN = 20;

/**
 * The time axis shared by the stacked time charts (goodput over in-flight), in ms: from 0 to the
 * last in-flight bin, which runs past the clients' last request while the queues drain.
 */
function timeDomainMs(result: TimeoutBudgetsResult): [number, number] {
  const inFlight = result.series.inFlight;
  const last = inFlight.length === 0 ? 0 : Math.max(...inFlight.map((d) => d.timeMs));
  const step = inFlight.length > 1 ? Math.abs((inFlight[1]?.timeMs ?? 0) - (inFlight[0]?.timeMs ?? 0)) : 0;
  return [0, Math.max(result.params.durationMs, last + step)];
}

/** Where the clients stop sending: after it, only queued work and retries remain. */
function clientsStop(result: TimeoutBudgetsResult): Plot.Markish {
  return Plot.ruleX([result.params.durationMs], { stroke: "#777", strokeDasharray: "4 3" });
}

/**
 * Goodput per second in bins wide enough to hold about twenty answers at the offered load (a
 * 100 ms bin at 20 req/s holds two, and jumps between 0 and 50/s on noise alone).
 *
 * @example
 * goodputBins([{ timeMs: 0, value: 20 }, { timeMs: 100, value: 0 }], 100, 20)
 * // [{ timeMs: 0, value: 10 }]
 */
export function goodputBins(
  series: readonly { timeMs: number; value: number }[],
  binMs: number,
  ratePerSec: number,
): { timeMs: number; value: number }[] {
  const wanted = (ANSWERS_PER_BIN * 1000) / Math.max(ratePerSec, 1e-9);
  const k = Math.max(1, Math.ceil(wanted / Math.max(binMs, 1e-9)));
  const rows: { timeMs: number; value: number }[] = [];
  for (let i = 0; i < series.length; i += k) {
    const group = series.slice(i, i + k);
    const sum = group.reduce((total, d) => total + d.value, 0);
    rows.push({ timeMs: group[0]?.timeMs ?? 0, value: sum / group.length });
  }
  return rows;
}

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
      // The same margin and time domain on both stacked charts, so their time axes line up.
      marginLeft: STACKED_MARGIN_LEFT_PX,
      x: { label: "virtual time (s)", domain: timeDomainMs(result), tickFormat: (ms: number) => `${ms / MS_PER_S}` },
      y: { label: "requests in flight (max per bin)", grid: true },
      color: { legend: true },
      marks: [
        Plot.lineY(result.series.inFlight, { x: "timeMs", y: "max", stroke: "service", curve: "step-after" }),
        clientsStop(result),
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
    "Answers that arrived ok, per second (green) against the offered load (dashed); red shading is the fault, the dotted line where clients stop. After a short outage goodput should come back; in a retry storm it does not.",
  options(result) {
    const p = result.params;
    const endMs = Math.min(p.durationMs, p.faultDurationMs > 0 ? p.faultAtMs + p.faultDurationMs : p.durationMs);
    const fault = p.faultKind === "none" || p.faultInstances === 0 ? [] : [{ startMs: p.faultAtMs, endMs }];
    const series = result.series.goodput;
    const binMs = series.length > 1 ? (series[1]?.timeMs ?? 0) - (series[0]?.timeMs ?? 0) : p.durationMs;
    const bins = goodputBins(series, binMs, p.ratePerSec);
    // A step line ends where its last bin starts; repeat the last value at the bins' end.
    const last = bins[bins.length - 1];
    const widthMs = bins.length > 1 ? (bins[1]?.timeMs ?? 0) - (bins[0]?.timeMs ?? 0) : binMs;
    const rows =
      last === undefined
        ? bins
        : [...bins, { timeMs: Math.min(p.durationMs, last.timeMs + widthMs), value: last.value }];
    return {
      width: CHART_WIDTH,
      height: CHART_HEIGHT,
      // The same margin and time domain on both stacked charts, so their time axes line up.
      marginLeft: STACKED_MARGIN_LEFT_PX,
      x: { label: "virtual time (s)", domain: timeDomainMs(result), tickFormat: (ms: number) => `${ms / MS_PER_S}` },
      y: {
        label: "ok answers per second",
        grid: true,
        domain: [0, Math.max(p.ratePerSec, ...rows.map((r) => r.value)) * 1.1],
      },
      marks: [
        Plot.rectX(fault, { x1: "startMs", x2: "endMs", fill: "#d62728", fillOpacity: 0.12 }),
        Plot.ruleY([p.ratePerSec], { x1: 0, x2: p.durationMs, stroke: "#555", strokeDasharray: "6 4" }),
        Plot.lineY(rows, { x: "timeMs", y: "value", stroke: "#2ca02c", strokeWidth: 2, curve: "step-after" }),
        clientsStop(result),
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
