export { CHART_HEIGHT, CHART_WIDTH, type ChartSpec, renderChart } from "./chart.js";
export {
  fanOutCurveChart,
  fanOutPercentilesChart,
  queueLengthChart,
  responseTimesChart,
  theoryChart,
} from "./queueing.js";
export type { ScenarioViews } from "./views.js";
export {
  availabilityByLevelChart,
  cassandraLatencyChart,
  cassandraSeriesChart,
  cassandraStalenessChart,
  stalenessCurvesChart,
} from "./cassandra.js";
export { ringMermaid } from "./cassandra-ring.js";
export { callsPerHopChart, edgeLatencyChart, goodputChart, inFlightChart } from "./timeout-budgets.js";
export { type ServiceTopology, timeoutBudgetsTopologyMermaid, topologyToMermaid } from "./topology.js";
export { sampleTraceMermaid, traceTimelineChart } from "./trace.js";
export { fanOutMermaid, queueingMermaid } from "./mermaid-queueing.js";
export {
  blastRadiusTable,
  type LabelledRuns,
  latencyByRequestChart,
  leadTimeChart,
  remoteCallsChart,
  stranglerStepsChart,
} from "./decomposition.js";
export { decompositionMermaid } from "./decomposition-mermaid.js";
export {
  batchRiskChart,
  blastRadiusChart,
  decompositionLatencyChart,
  decompositionRemoteCallsChart,
  leadTimeHistogramChart,
  stranglerChart,
} from "./decomposition-charts.js";
