import * as Plot from "@observablehq/plot";
import type { TimeoutBudgetsResult } from "../scenarios/index.js";
import { type Span, traceToMermaidSequence, traceToTimelineRows } from "../trace/index.js";
import { CHART_WIDTH, type ChartSpec } from "./chart.js";

/** Outcome colours shared by the timeline and its legend. */
const OUTCOME_COLOURS: Record<string, string> = {
  ok: "#2ca02c",
  error: "#d62728",
  timeout: "#ff7f0e",
  rejected: "#9467bd",
  fallback: "#17becf",
  cancelled: "#7f7f7f",
  pending: "#bcbd22",
};

/**
 * The sampled request as a Mermaid sequence diagram (attempts, timeouts, work nobody waits for).
 *
 * @example
 * sampleTraceMermaid(timeoutBudgets.run()).split("\n")[0] // 'sequenceDiagram'
 */
export function sampleTraceMermaid(result: TimeoutBudgetsResult): string {
  return traceToMermaidSequence(result.sampleTrace);
}

/**
 * Any trace as a timeline: one bar per attempt, from when the caller sent it to when it stopped
 * waiting, coloured by outcome; a thin black bar shows the callee's own work on it. Unlike a
 * sequence diagram it keeps its width however many attempts there are, so it fits a phone.
 *
 * @example
 * traceTimeline(timeoutBudgets.run().sampleTrace).marks?.length // 2
 */
export function traceTimeline(spans: readonly Span[]): Plot.PlotOptions {
  // "3. mid → deep-2": the caller and the instance it called, so a retry elsewhere shows.
  const rows = traceToTimelineRows(spans).map((r, i) => ({
    ...r,
    row: `${i + 1}. ${r.edge.split(" → ")[0]} → ${r.instance}`,
  }));
  const served = rows.filter((r) => r.serverStartMs !== null);
  const outcomes = [...new Set(rows.map((r) => r.outcome))];
  return {
    width: CHART_WIDTH,
    height: Math.max(160, 18 * rows.length + 70),
    // Row names are short ("3. mid → deep"), so the bars keep most of a phone's width.
    marginLeft: 110,
    x: { label: "time since the request arrived (ms)", grid: true, ticks: 5 },
    y: { label: null, domain: rows.map((r) => r.row) },
    color: { legend: true, domain: outcomes, range: outcomes.map((o) => OUTCOME_COLOURS[o] ?? "#333") },
    marks: [
      Plot.barX(rows, {
        x1: "startMs",
        x2: "endMs",
        y: "row",
        fill: "outcome",
        insetTop: 2,
        insetBottom: 2,
        title: (d: { edge: string; instance: string; outcome: string; startMs: number; endMs: number }) =>
          `${d.edge} (${d.instance}): ${d.outcome}, ${Math.round(d.startMs)}–${Math.round(d.endMs)} ms`,
      }),
      Plot.barX(served, {
        x1: "serverStartMs",
        x2: "serverEndMs",
        y: "row",
        fill: "black",
        insetTop: 7,
        insetBottom: 7,
      }),
    ],
  };
}

/**
 * The sampled request as a timeline (see `traceTimeline`).
 *
 * @example
 * traceTimelineChart.options(timeoutBudgets.run()).marks?.length // 2
 */
export const traceTimelineChart: ChartSpec<TimeoutBudgetsResult> = {
  id: "traceTimeline",
  title: "One request, attempt by attempt",
  caption:
    "Coloured bars: the caller waiting, by how the attempt ended. Black bars: the callee working, often long after its caller gave up.",
  options: (result) => traceTimeline(result.sampleTrace),
};
