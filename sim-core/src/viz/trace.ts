import * as Plot from "@observablehq/plot";
import type { TimeoutBudgetsResult } from "../scenarios/index.js";
import { traceToMermaidSequence, traceToTimelineRows } from "../trace/index.js";
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
 * The sampled request as a timeline: one bar per attempt, from when the caller sent it to when
 * it stopped waiting, coloured by outcome; a thin bar shows the callee's own work on it.
 *
 * @example
 * traceTimelineChart.options(timeoutBudgets.run()).marks?.length // 2
 */
export const traceTimelineChart: ChartSpec<TimeoutBudgetsResult> = {
  id: "traceTimeline",
  title: "One request, attempt by attempt",
  caption: "Thick bars: the caller waiting. Thin bars: the callee working, often long after its caller gave up.",
  options(result) {
    const rows = traceToTimelineRows(result.sampleTrace).map((r, i) => ({
      ...r,
      row: `${i + 1}. ${r.edge} (${r.instance})`,
    }));
    const served = rows.filter((r) => r.serverStartMs !== null);
    const outcomes = [...new Set(rows.map((r) => r.outcome))];
    return {
      width: CHART_WIDTH,
      height: Math.max(160, 22 * rows.length + 60),
      marginLeft: 190,
      x: { label: "time since the request arrived (ms)", grid: true },
      y: { label: null, domain: rows.map((r) => r.row) },
      color: { legend: true, domain: outcomes, range: outcomes.map((o) => OUTCOME_COLOURS[o] ?? "#333") },
      marks: [
        Plot.barX(rows, { x1: "startMs", x2: "endMs", y: "row", fill: "outcome", insetTop: 3, insetBottom: 3 }),
        Plot.barX(served, {
          x1: "serverStartMs",
          x2: "serverEndMs",
          y: "row",
          fill: "black",
          insetTop: 9,
          insetBottom: 9,
        }),
      ],
    };
  },
};
