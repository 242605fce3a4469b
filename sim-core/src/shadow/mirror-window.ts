import type { LatencySummary } from "../metrics/index.js";
import type { RampWindow } from "./ramp.js";

/** One window of a mirroring run: what the operator sees, plus the primary's side. */
export interface MirrorWindow extends RampWindow {
  /** p99 latency of the primary's requests that finished in the window. */
  primaryLatencyMsP99: number;
  /** Share of the primary's requests in the window that failed (rejected, too slow, or after OOM). */
  primaryErrorRate: number;
  /** Shadow calls pending at the end of the window. */
  inFlight: number;
  /** Memory those pending calls hold, MB. */
  memoryHeldMb: number;
}

/** What mirroring cost the primary and what the shadow path saw, over one run. */
export interface MirrorResult {
  primary: {
    requests: number;
    errors: number;
    errorRate: number;
    latencyMs: LatencySummary;
    /** Request threads busy at once, at most and on average (sync mode holds them on the shadow). */
    threadsBusyPeak: number;
    threadsBusyMean: number;
  };
  shadow: {
    sent: number;
    dropped: number;
    ok: number;
    errors: number;
    timeouts: number;
    inFlightPeak: number;
    inFlightAtEnd: number;
    memoryHeldMbPeak: number;
    /** When the pending shadow calls outgrew the heap headroom (the monolith fails), or null. */
    oomAtMs: number | null;
    latencyMs: LatencySummary;
  };
  cloud: { utilisation: number; cacheHitRatio: number };
  windows: MirrorWindow[];
  fingerprint: string;
}

/** Counters for the window being filled; reset at each window's end. */
export class WindowCounters {
  sent = 0;
  failed = 0;
  hits = 0;
  served = 0;
  primaryRequests = 0;
  primaryErrors = 0;
  shadowLatencyMs: number[] = [];
  primaryLatencyMs: number[] = [];

  reset(): void {
    this.sent = 0;
    this.failed = 0;
    this.hits = 0;
    this.served = 0;
    this.primaryRequests = 0;
    this.primaryErrors = 0;
    this.shadowLatencyMs = [];
    this.primaryLatencyMs = [];
  }
}

/**
 * The p-th percentile (0–100) of a list by the nearest-rank rule; 0 for an empty list.
 *
 * @example
 * nearestRank([5, 1, 3, 2, 4], 50) // 3
 */
export function nearestRank(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] as number;
}
