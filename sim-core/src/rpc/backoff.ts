import { checkNumber, checkOneOf, SimConfigError } from "../errors/index.js";
import type { Rng } from "../random/index.js";

/**
 * Backoff strategies from the AWS Architecture Blog, "Exponential Backoff And Jitter" (Marc
 * Brooker, 2015): plain exponential, full jitter, equal jitter and decorrelated jitter.
 */
export type BackoffKind = "none" | "exponential" | "full" | "equal" | "decorrelated";

export const BACKOFF_KINDS: readonly BackoffKind[] = ["none", "exponential", "full", "equal", "decorrelated"];

export interface BackoffSpec {
  kind: BackoffKind;
  /** The base delay ("base" in the blog post). */
  baseMs: number;
  /** The largest delay ("cap" in the blog post). */
  capMs: number;
}

/** No waiting between attempts: the naive default that storms start from. */
export const NO_BACKOFF: BackoffSpec = { kind: "none", baseMs: 0, capMs: 0 };

/**
 * Validates a backoff spec; `path` names the field in errors.
 *
 * @example
 * checkBackoff({ kind: "full", baseMs: 10, capMs: 1000 }).kind // 'full'
 */
export function checkBackoff(spec: BackoffSpec, path = "backoff"): BackoffSpec {
  if (spec === null || typeof spec !== "object") {
    throw new SimConfigError(path, spec, 'an object such as { kind: "full", baseMs: 10, capMs: 1000 }');
  }
  checkOneOf(`${path}.kind`, spec.kind, BACKOFF_KINDS);
  const baseMs = checkNumber(`${path}.baseMs`, spec.baseMs, { min: 0 });
  checkNumber(`${path}.capMs`, spec.capMs, { min: baseMs });
  return spec;
}

/**
 * The wait before retry number `retry` (1 for the first retry). `previousMs` is the last wait,
 * which decorrelated jitter grows from. Formulas as in the blog post:
 * exponential `min(cap, base·2^retry)`; full `random(0, exp)`; equal `exp/2 + random(0, exp/2)`;
 * decorrelated `min(cap, random(base, previous·3))`.
 *
 * @example
 * backoffMs({ kind: "exponential", baseMs: 100, capMs: 1000 }, 3, 0, createRng(1)) // 800
 */
export function backoffMs(spec: BackoffSpec, retry: number, previousMs: number, rng: Rng): number {
  if (spec.kind === "none") return 0;
  const exp = Math.min(spec.capMs, spec.baseMs * 2 ** retry);
  switch (spec.kind) {
    case "exponential":
      return exp;
    case "full":
      return rng.next() * exp;
    case "equal":
      return exp / 2 + (rng.next() * exp) / 2;
    default: {
      const previous = Math.max(spec.baseMs, previousMs);
      return Math.min(spec.capMs, spec.baseMs + rng.next() * (previous * 3 - spec.baseMs));
    }
  }
}
