import type { AnyScenario } from "../scenarios/index.js";
import { cassandraLatencyChart, cassandraSeriesChart, cassandraStalenessChart } from "./cassandra.js";
import { ringMermaid } from "./cassandra-ring.js";
import { ringChart } from "./cassandra-ring-chart.js";
import type { ChartSpec } from "./chart.js";
import { fanOutMermaid, queueingMermaid } from "./mermaid-queueing.js";
import {
  fanOutCurveChart,
  fanOutPercentilesChart,
  queueLengthChart,
  responseTimesChart,
  theoryChart,
} from "./queueing.js";
import { callsPerHopChart, edgeLatencyChart, goodputChart, inFlightChart } from "./timeout-budgets.js";
import { timeoutBudgetsTopologyMermaid } from "./topology.js";
import { sampleTraceMermaid, traceTimelineChart } from "./trace.js";

/** What a surface can draw for one scenario: charts (Plot) and diagrams (Mermaid text). */
export interface ScenarioViews {
  // biome-ignore lint/suspicious/noExplicitAny: each scenario's charts take its own result type.
  charts: ChartSpec<any>[];
  /** Mermaid diagrams from a result, e.g. { topology: (r) => "flowchart LR ..." }. */
  // biome-ignore lint/suspicious/noExplicitAny: as above.
  diagrams?: Record<string, (result: any) => string>;
}

/**
 * Charts and diagrams for each registered scenario, by scenario id. A module author adds one
 * line here next to the scenario's entry in `scenarios/registry.ts`.
 *
 * @example
 * views.queueing.charts.map((c) => c.id) // ['responseTimes', 'queueLength', 'theory']
 */
export const views: Record<string, ScenarioViews> = {
  queueing: {
    charts: [responseTimesChart, queueLengthChart, theoryChart],
    diagrams: { topology: (r) => queueingMermaid(r) },
  },
  fanOut: { charts: [fanOutCurveChart, fanOutPercentilesChart], diagrams: { topology: fanOutMermaid } },
  cassandraReplication: {
    charts: [cassandraSeriesChart, cassandraStalenessChart, cassandraLatencyChart, ringChart],
    diagrams: { ring: ringMermaid },
  },
  timeoutBudgets: {
    charts: [goodputChart, inFlightChart, callsPerHopChart, edgeLatencyChart, traceTimelineChart],
    diagrams: { topology: timeoutBudgetsTopologyMermaid, trace: sampleTraceMermaid },
  },
};

/**
 * The views of a scenario, or an empty set for one without charts yet.
 *
 * @example
 * viewsFor(queueing).charts.length // 3
 */
export function viewsFor(scenario: AnyScenario): ScenarioViews {
  return views[scenario.id] ?? { charts: [] };
}
