import * as Plot from "@observablehq/plot";
import type { Histogram } from "../metrics/index.js";
import { CHART_HEIGHT, CHART_WIDTH } from "../viz/index.js";

/**
 * Small generic charts for notebooks, where a learner compares columns they computed (a sweep,
 * a simulated value against theory). Pure: rows in, Plot options out, like the course charts.
 */

/** Distinct series colours (Observable's categorical scheme), theory drawn dashed grey. */
const THEORY_COLOUR = "#777";

export interface LinesChartOptions {
  /** Column for the horizontal axis. */
  x: string;
  /** Columns drawn as lines; a column whose name contains "theory" is dashed. */
  y: readonly string[];
  xLabel?: string;
  yLabel?: string;
  title?: string;
  caption?: string;
  /** Logarithmic y axis, for values that span decades. */
  yLog?: boolean;
}

/**
 * Plot options for one line (with dots) per `y` column against `x`, with a legend.
 *
 * @example
 * linesChart([{ rho: 0.5, sim: 2, theory: 2 }], { x: "rho", y: ["sim", "theory"] }).marks?.length // 5
 */
export function linesChart(rows: readonly Record<string, unknown>[], options: LinesChartOptions): Plot.PlotOptions {
  const long = options.y.flatMap((series) =>
    rows.map((row) => ({ x: row[options.x] as number, y: row[series] as number, series })),
  );
  const colours = options.y.map((series, i) =>
    series.includes("theory") ? THEORY_COLOUR : (["#4269d0", "#ff725c", "#6cc5b0", "#efb118"][i % 4] as string),
  );
  return {
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    title: options.title,
    caption: options.caption,
    x: { label: options.xLabel ?? options.x },
    y: { label: options.yLabel ?? null, grid: true, type: options.yLog ? "log" : "linear" },
    color: { legend: true, domain: [...options.y], range: colours },
    marks: [
      ...options.y.map((series) =>
        Plot.line(
          long.filter((d) => d.series === series),
          { x: "x", y: "y", stroke: "series", strokeDasharray: series.includes("theory") ? "5,4" : undefined },
        ),
      ),
      Plot.dot(long, { x: "x", y: "y", fill: "series", r: 3 }),
      ...(options.yLog ? [] : [Plot.ruleY([0])]),
      Plot.frame({ anchor: "bottom" }),
    ],
  };
}

/** Percentile markers drawn on a histogram, with their colours (those of the course charts). */
const MARKERS = [
  { label: "mean", colour: "#d62728" },
  { label: "p50", colour: "#2ca02c" },
  { label: "p99", colour: "#9467bd" },
] as const;

/**
 * Plot options for a latency histogram on a log axis (its buckets are log-spaced, so equal bar
 * widths mean equal relative widths), with the mean, p50 and p99 marked.
 *
 * @example
 * const h = new Histogram(); h.record(1); h.record(10);
 * histogramChart(h, { xLabel: "latency (ms)" }).marks?.length // 6
 */
export function histogramChart(
  histogram: Histogram,
  options: { xLabel?: string; title?: string; caption?: string } = {},
): Plot.PlotOptions {
  const rows = histogram.buckets().filter((b) => b.lower > 0);
  const summary = histogram.summary();
  const markers = MARKERS.map((m) => ({
    label: m.label,
    value: m.label === "mean" ? summary.mean : m.label === "p50" ? summary.p50 : summary.p99,
  }));
  return {
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    title: options.title,
    caption: options.caption,
    x: { type: "log", label: options.xLabel ?? "value" },
    y: { label: "count", grid: true },
    color: { legend: true, domain: MARKERS.map((m) => m.label), range: MARKERS.map((m) => m.colour) },
    marks: [
      Plot.rectY(rows, { x1: "lower", x2: "upper", y: "count", fill: "#9ecae1" }),
      Plot.ruleY([0]),
      Plot.ruleX(markers, { x: "value", stroke: "label", strokeWidth: 2 }),
      // One text mark per marker, each on its own line, so close values do not overprint.
      ...markers.map((m, i) =>
        Plot.text([m], {
          x: "value",
          text: (d: { label: string; value: number }) => `${d.label} ${d.value.toFixed(1)}`,
          frameAnchor: "top",
          textAnchor: "start",
          dx: 3,
          dy: 4 + 12 * i,
        }),
      ),
    ],
  };
}
