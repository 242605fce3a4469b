export { Counters } from "./counters.js";
export { Histogram, type LatencySummary } from "./histogram.js";
export { GaugeSeries, RateSeries, type SeriesPoint } from "./time-series.js";
