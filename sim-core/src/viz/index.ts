export { CHART_HEIGHT, CHART_WIDTH, type ChartSpec, renderChart, symlogTicks } from "./chart.js";
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
export { ringChart } from "./cassandra-ring-chart.js";
export {
  callsPerHopChart,
  edgeLatencyChart,
  fallbacksChart,
  goodputBins,
  goodputChart,
  inFlightChart,
} from "./timeout-budgets.js";
export { type ServiceTopology, timeoutBudgetsTopologyMermaid, topologyToMermaid } from "./topology.js";
export { sampleTraceMermaid, traceTimeline, traceTimelineChart } from "./trace.js";
export { fanOutMermaid, queueingMermaid } from "./mermaid-queueing.js";
export { type Box, type ReplayLayout, replayLayout } from "./replay-layout.js";
export {
  blastRadiusTable,
  type LabelledRuns,
  latencyByRequestChart,
  leadTimeChart,
  remoteCallsChart,
  stranglerStepsChart,
} from "./decomposition.js";
export { decompositionMermaid } from "./decomposition-mermaid.js";
export { type LabelledShadowRuns, primaryLatencyChart, rampChart, samplerShareChart } from "./shadow.js";
export {
  canaryDistributionChart,
  canaryVerdictChart,
  diffyTable,
} from "./shadow-diff-canary.js";
export {
  canaryDistributionSpec,
  canaryVerdictSpec,
  diffyFieldsSpec,
  primaryLatencySpec,
  rampSpec,
  samplerShareSpec,
} from "./shadow-charts.js";
export { shadowTopologyMermaid } from "./shadow-mermaid.js";
export { chaosAliveChart, chaosHarmChart, chaosHarmRows, chaosInFlightChart, chaosSpsChart } from "./chaos.js";
export { chaosTopologyMermaid } from "./chaos-mermaid.js";
export {
  batchRiskChart,
  blastRadiusChart,
  decompositionLatencyChart,
  decompositionRemoteCallsChart,
  leadTimeHistogramChart,
  stranglerChart,
} from "./decomposition-charts.js";
export {
  evacuationCapacityChart,
  evacuationInstancesChart,
  evacuationShareChart,
  evacuationShareRows,
  evacuationTopologyMermaid,
} from "./evacuation.js";
