import { US_PER_MS, usToMs } from "../kernel/index.js";
import type { Span } from "./span.js";

/** Mermaid participant ids allow letters, digits and underscores only. */
function participantId(name: string): string {
  return name.replace(/[^A-Za-z0-9_]/g, "_");
}

const BIG = 2 ** 40;

function ms(us: number): string {
  return `${Math.round(us / 100) / 10} ms`;
}

/**
 * A Mermaid `sequenceDiagram` of one request's spans: one participant per instance, a solid
 * arrow per attempt, a dashed answer, a cross for a timeout, and a note where the callee kept
 * working after its caller gave up. Times in ms since the first span.
 *
 * @example
 * traceToMermaidSequence([]).split("\n")[0] // 'sequenceDiagram'
 */
export function traceToMermaidSequence(spans: readonly Span[]): string {
  const lines = ["sequenceDiagram"];
  if (spans.length === 0) return lines.join("\n");
  const t0 = Math.min(...spans.map((s) => s.startUs));
  const seen = new Set<string>();
  const declare = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    lines.push(`  participant ${participantId(name)} as ${name.replace(/[;#"]/g, "")}`);
  };
  const ordered = spans.slice().sort((a, b) => a.startUs - b.startUs || a.spanId - b.spanId);
  for (const s of ordered) {
    declare(s.callerInstance);
    declare(s.instance);
  }
  const events: { t: number; order: number; text: string }[] = [];
  for (const s of ordered) {
    const from = participantId(s.callerInstance);
    const to = participantId(s.instance);
    const label = `${s.hedge ? "hedge" : `attempt ${s.attempt}`} @ ${ms(s.startUs - t0)}`;
    // At equal times answers come first, deepest (latest opened) first, then new attempts in
    // the order they were opened: a child answers before its parent, a retry follows a timeout.
    events.push({ t: s.startUs, order: BIG + s.spanId, text: `  ${from}->>${to}: ${label}` });
    if (s.endUs >= 0) {
      const answer =
        s.outcome === "timeout" || s.outcome === "cancelled"
          ? `  ${to}--x${from}: ${s.outcome} @ ${ms(s.endUs - t0)}`
          : `  ${to}-->>${from}: ${s.outcome} @ ${ms(s.endUs - t0)}`;
      events.push({ t: s.endUs, order: -2 * s.spanId, text: answer });
    }
    if (s.callerGaveUp) {
      const note =
        s.serverEndUs >= 0 ? `still working until ${ms(s.serverEndUs - t0)}, nobody waiting` : "never answered";
      events.push({
        t: Math.max(s.endUs, s.serverEndUs),
        order: -2 * s.spanId + 1,
        text: `  Note over ${to}: ${note}`,
      });
    }
  }
  events.sort((a, b) => a.t - b.t || a.order - b.order);
  for (const e of events) lines.push(e.text);
  return lines.join("\n");
}

/** One bar of a timeline chart. */
export interface TimelineRow {
  service: string;
  instance: string;
  /** "client → service" label of the call edge. */
  edge: string;
  attempt: number;
  startMs: number;
  endMs: number;
  outcome: string;
  /** Server-side bar: when the callee worked on it (it may outlast the caller's patience). */
  serverStartMs: number | null;
  serverEndMs: number | null;
  callerGaveUp: boolean;
}

/**
 * Rows for an Observable Plot timeline (`barX` from `startMs` to `endMs`, `y: "instance"`,
 * `fill: "outcome"`). A span that never ended extends to `untilMs` (default: the latest time seen).
 *
 * @example
 * traceToTimelineRows([]) // []
 */
export function traceToTimelineRows(spans: readonly Span[], untilMs?: number): TimelineRow[] {
  if (spans.length === 0) return [];
  const t0 = Math.min(...spans.map((s) => s.startUs));
  const latest = Math.max(...spans.map((s) => Math.max(s.endUs, s.serverEndUs, s.startUs)));
  const end = untilMs === undefined ? latest : untilMs * US_PER_MS;
  return spans.map((s) => ({
    service: s.callee,
    instance: s.instance,
    edge: `${s.caller} → ${s.callee}`,
    attempt: s.attempt,
    startMs: usToMs(s.startUs - t0),
    endMs: usToMs((s.endUs >= 0 ? s.endUs : end) - t0),
    outcome: s.outcome,
    serverStartMs: s.serverStartUs >= 0 ? usToMs(s.serverStartUs - t0) : null,
    serverEndMs: s.serverStartUs >= 0 ? usToMs((s.serverEndUs >= 0 ? s.serverEndUs : end) - t0) : null,
    callerGaveUp: s.callerGaveUp,
  }));
}
