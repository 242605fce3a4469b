export { CHART_HEIGHT, CHART_WIDTH, type ChartSpec, renderChart, symlogTicks } from "./chart.js";
export {
  fanOutCurveChart,
  fanOutPercentilesChart,
  queueLengthChart,
  responseTimesChart,
  theoryChart,
} from "./queueing.js";
export { type ScenarioViews, views, viewsFor } from "./catalog.js";
export {
  availabilityByLevelChart,
  cassandraLatencyChart,
  cassandraSeriesChart,
  cassandraStalenessChart,
  stalenessCurvesChart,
} from "./cassandra.js";
export { ringMermaid } from "./cassandra-ring.js";
export { ringChart } from "./cassandra-ring-chart.js";
export { callsPerHopChart, edgeLatencyChart, goodputBins, goodputChart, inFlightChart } from "./timeout-budgets.js";
export { type ServiceTopology, timeoutBudgetsTopologyMermaid, topologyToMermaid } from "./topology.js";
export { sampleTraceMermaid, traceTimeline, traceTimelineChart } from "./trace.js";
export { fanOutMermaid, queueingMermaid } from "./mermaid-queueing.js";
