import { checkNumber } from "../errors/index.js";
import { US_PER_MS } from "../kernel/index.js";

/** How a span ended from its caller's view; `pending` if the run stopped first. */
export type SpanOutcome = "ok" | "error" | "timeout" | "rejected" | "fallback" | "cancelled" | "pending";

/** One attempt of one request on one edge of the call graph, in virtual µs. */
export interface Span {
  requestId: number;
  spanId: number;
  /** The span of the server work that made this call; -1 for the root (the client's request). */
  parentId: number;
  caller: string;
  callerInstance: string;
  callee: string;
  instance: string;
  /** 1 for the first attempt, 2 for the first retry, ... */
  attempt: number;
  /** True for a hedged (speculative) attempt. */
  hedge: boolean;
  /** When the caller sent it and when it stopped waiting (answer, timeout or cancel); -1 if never. */
  startUs: number;
  endUs: number;
  /** When the callee began and finished its work; -1 if it never did. */
  serverStartUs: number;
  serverEndUs: number;
  outcome: SpanOutcome;
  /** True when the caller had already given up before the callee finished (wasted work). */
  callerGaveUp: boolean;
}

/**
 * Collects spans for a few sampled requests only, so tracing costs nothing for the rest: the
 * first `count` requests that arrive at or after `fromMs`.
 *
 * @example
 * const r = new SpanRecorder({ fromMs: 5, count: 1 });
 * [r.sample(1, 4000), r.sample(2, 6000), r.sample(3, 7000)] // [false, true, false]
 */
export class SpanRecorder {
  readonly spans: Span[] = [];
  private readonly fromUs: number;
  private remaining: number;
  private readonly sampled = new Set<number>();
  private nextId = 0;

  constructor(o: { fromMs?: number; count?: number } = {}) {
    this.fromUs = checkNumber("trace.fromMs", o.fromMs ?? 0, { min: 0 }) * US_PER_MS;
    this.remaining = checkNumber("trace.count", o.count ?? 1, { min: 0, max: 1000, integer: true });
  }

  /** Decides, once per new request, whether to trace it. */
  sample(requestId: number, nowUs: number): boolean {
    if (this.remaining === 0 || nowUs < this.fromUs) return false;
    this.remaining--;
    this.sampled.add(requestId);
    return true;
  }

  /** Whether a request is being traced. */
  has(requestId: number): boolean {
    return this.sampled.has(requestId);
  }

  /** Opens a span (outcome `pending`) and returns it for the caller to fill in. */
  open(fields: Omit<Span, "spanId" | "endUs" | "serverStartUs" | "serverEndUs" | "outcome" | "callerGaveUp">): Span {
    const span: Span = {
      ...fields,
      spanId: this.nextId++,
      endUs: -1,
      serverStartUs: -1,
      serverEndUs: -1,
      outcome: "pending",
      callerGaveUp: false,
    };
    this.spans.push(span);
    return span;
  }

  /** The spans of one request, in the order they were opened. */
  forRequest(requestId: number): Span[] {
    return this.spans.filter((s) => s.requestId === requestId);
  }
}
