export { EventLog, type LogEntry } from "./event-log.js";
export { type TimelineRow, traceToMermaidSequence, traceToTimelineRows } from "./export.js";
export { type Span, type SpanOutcome, SpanRecorder } from "./span.js";
