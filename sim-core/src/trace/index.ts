export { EventLog, type LogEntry } from "./event-log.js";
export { type TimelineRow, traceToMermaidSequence, traceToTimelineRows } from "./export.js";
export { type Span, type SpanOutcome, SpanRecorder } from "./span.js";
export {
  type MoveAt,
  type ReplayState,
  replayInWindow,
  replayMovesAt,
  replayStateAt,
  replayStepTime,
} from "./replay.js";
export { REPLAY_MAX_FRAMES, REPLAY_MAX_ITEMS, ReplayRecorder, type ReplayOptions } from "./replay-recorder.js";
export {
  type MoveKind,
  REPLAY_STATUSES,
  type Replay,
  type ReplayChange,
  type ReplayFrame,
  type ReplayMove,
  type ReplayNode,
  type ReplayNodeState,
  type ReplayStatus,
  type ReplayWindow,
} from "./replay-types.js";
