import * as Plot from "@observablehq/plot";
import type { CassandraReplicationResult, LevelOutcome } from "../scenarios/index.js";
import type { PbsResult } from "../storage/index.js";
import { CHART_HEIGHT, CHART_WIDTH, type ChartSpec, symlogTicks } from "./chart.js";

/** The failure window as a shaded band, so outages line up with what they caused. */
function failureBand(result: CassandraReplicationResult): Plot.Markish[] {
  const f = result.failure;
  if (f.kind === "none") return [];
  const end = f.untilMs ?? result.series.length * (result.series[1]?.timeMs ?? 250);
  return [Plot.rectX([{ x1: f.atMs, x2: end }], { x1: "x1", x2: "x2", fill: "#f4cccc", fillOpacity: 0.6 })];
}

/**
 * Operations over virtual time: writes and reads that succeeded, failed, or read stale data.
 *
 * @example
 * cassandraSeriesChart.options(cassandraReplication.run()).marks.length // 3
 */
export const cassandraSeriesChart: ChartSpec<CassandraReplicationResult> = {
  id: "cassandraSeries",
  title: "Operations over time",
  caption: "The shaded band is the outage; look for failed operations inside it and stale reads just after it.",
  options(result) {
    const rows = result.series.flatMap((b) => [
      { timeMs: b.timeMs, outcome: "write failed", count: b.writesFailed },
      { timeMs: b.timeMs, outcome: "read failed", count: b.readsFailed },
      { timeMs: b.timeMs, outcome: "stale read", count: b.readsStale },
    ]);
    return {
      width: CHART_WIDTH,
      height: CHART_HEIGHT,
      x: { label: "virtual time (s)", tickFormat: (ms: number) => `${ms / 1000}` },
      y: { label: "operations per 250 ms", grid: true },
      color: {
        legend: true,
        domain: ["write failed", "read failed", "stale read"],
        range: ["#d62728", "#ff7f0e", "#9467bd"],
      },
      marks: [
        ...failureBand(result),
        Plot.lineY(rows, { x: "timeMs", y: "count", stroke: "outcome", curve: "step-after" }),
        Plot.ruleY([0]),
      ],
    };
  },
};

/**
 * Probe reads: the share that missed the write they read back, by time since its acknowledgement.
 *
 * @example
 * cassandraStalenessChart.options(cassandraReplication.run()).y?.label // 'stale reads (%)'
 */
export const cassandraStalenessChart: ChartSpec<CassandraReplicationResult> = {
  id: "cassandraStaleness",
  title: "Staleness after a write",
  caption: "How often a read t ms after the acknowledgement still misses the write.",
  options(result) {
    return {
      width: CHART_WIDTH,
      height: CHART_HEIGHT,
      x: {
        label: "read delay after acknowledgement (ms)",
        type: "symlog",
        ticks: symlogTicks(Math.max(0, ...result.stalenessCurve.map((d) => d.delayMs))),
      },
      y: { label: "stale reads (%)", domain: [0, 100], grid: true },
      marks: [
        Plot.lineY(result.stalenessCurve, { x: "delayMs", y: (d: { staleFraction: number }) => d.staleFraction * 100 }),
        Plot.dot(result.stalenessCurve, {
          x: "delayMs",
          y: (d: { staleFraction: number }) => d.staleFraction * 100,
          fill: "currentColor",
        }),
        Plot.ruleY([0]),
      ],
    };
  },
};

/**
 * Read and write latency percentiles of the successful operations.
 *
 * @example
 * cassandraLatencyChart.options(cassandraReplication.run()).marks.length // 3
 */
export const cassandraLatencyChart: ChartSpec<CassandraReplicationResult> = {
  id: "cassandraLatency",
  title: "Latency percentiles",
  caption: "Higher consistency levels wait for slower replicas: compare p50 with p99.",
  options(result) {
    const rows = (["p50", "p90", "p99", "p999"] as const).flatMap((p) => [
      { percentile: p, operation: "write", ms: result.writeLatencyMs[p] },
      { percentile: p, operation: "read", ms: result.readLatencyMs[p] },
    ]);
    return {
      width: CHART_WIDTH,
      height: CHART_HEIGHT,
      fx: { label: "percentile", domain: ["p50", "p90", "p99", "p999"] },
      x: { axis: null, domain: ["write", "read"] },
      y: { label: "latency (ms)", grid: true },
      color: { legend: true, domain: ["write", "read"] },
      marks: [
        Plot.barY(rows, { fx: "percentile", x: "operation", y: "ms", fill: "operation" }),
        Plot.text(rows, {
          fx: "percentile",
          x: "operation",
          y: "ms",
          text: (d: { ms: number }) => d.ms.toFixed(1),
          dy: -6,
        }),
        Plot.ruleY([0]),
      ],
    };
  },
};

/**
 * PBS staleness curves: P(consistent read) against time since the write committed, one line per
 * (R, W) from `pbsStaleness`.
 *
 * @example
 * const c = { kind: "constant", value: 1 } as const;
 * stalenessCurvesChart([pbsStaleness({ n: 3, r: 1, w: 1, delays: { w: c, a: c, r: c, s: c }, tMs: [0, 1], trials: 10, seed: 1 })]).marks.length
 * // 3
 */
export function stalenessCurvesChart(results: readonly PbsResult[]): Plot.PlotOptions {
  const rows = results.flatMap((res) =>
    res.curve.map((c) => ({
      tMs: c.tMs,
      pConsistent: c.pConsistent * 100,
      quorum: `N=${res.n} R=${res.r} W=${res.w}`,
    })),
  );
  return {
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    x: {
      label: "time after the write commits, t (ms)",
      type: "symlog",
      ticks: symlogTicks(Math.max(0, ...results.flatMap((res) => res.curve.map((c) => c.tMs)))),
    },
    y: { label: "P(read sees the write) (%)", grid: true },
    color: { legend: true },
    marks: [
      Plot.lineY(rows, { x: "tMs", y: "pConsistent", stroke: "quorum" }),
      Plot.dot(rows, { x: "tMs", y: "pConsistent", fill: "quorum", r: 2 }),
      Plot.ruleY([100], { strokeDasharray: "4 3" }),
    ],
  };
}

/**
 * Availability by consistency level, reads and writes side by side, from `cassandraLevelSweep`.
 *
 * @example
 * availabilityByLevelChart([{ level: "ONE", operation: "write", availability: 1, staleReadFraction: 0, lostWrites: 0 }]).marks.length
 * // 2
 */
export function availabilityByLevelChart(rows: readonly LevelOutcome[]): Plot.PlotOptions {
  const levels = Array.from(new Set(rows.map((r) => r.level)));
  return {
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    fx: { label: "consistency level", domain: levels },
    x: { axis: null, domain: ["write", "read"] },
    y: { label: "operations that succeeded (%)", domain: [0, 100], grid: true },
    color: { legend: true, domain: ["write", "read"] },
    marks: [
      Plot.barY(rows, { fx: "level", x: "operation", y: (d: LevelOutcome) => d.availability * 100, fill: "operation" }),
      Plot.ruleY([0]),
    ],
  };
}
