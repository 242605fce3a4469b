/**
 * How one attempt or one call ended, as its caller saw it. `fallback` is a failed call answered
 * by a fallback; `cancelled` is an attempt abandoned because another (a hedge) already won.
 */
export type Outcome = "ok" | "error" | "timeout" | "rejected" | "fallback" | "cancelled";

/** Outcome codes for the fingerprint and for compact per-run counters, in a fixed order. */
export const OUTCOMES: readonly Outcome[] = ["ok", "error", "timeout", "rejected", "fallback", "cancelled"];

/**
 * The numeric code of an outcome (its index in `OUTCOMES`).
 *
 * @example
 * outcomeCode("timeout") // 2
 */
export function outcomeCode(outcome: Outcome): number {
  return OUTCOMES.indexOf(outcome);
}
