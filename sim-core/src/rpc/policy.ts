import { checkArray, checkNumber, checkOneOf, SimConfigError } from "../errors/index.js";
import type { Rng } from "../random/index.js";
import { type BackoffSpec, backoffMs, checkBackoff, NO_BACKOFF } from "./backoff.js";
import { OUTCOMES, type Outcome } from "./outcome.js";

/** Where a retry goes: back to the instance that just failed, or to one not tried yet. */
export type RetryTarget = "same" | "different";
export const RETRY_TARGETS: readonly RetryTarget[] = ["same", "different"];

/** What a call policy knows when it decides about the next attempt. */
export interface CallContext {
  /** The attempt about to be decided, 1 for the first. */
  attempt: number;
  /** Time left before the request's deadline, or Infinity when no deadline is carried. */
  remainingMs: number;
  /** Time since the call began. */
  elapsedMs: number;
  /** How the previous attempt ended; null before the first attempt. */
  lastOutcome: Outcome | null;
  /** Instance indices already tried, in order. */
  instancesTried: readonly number[];
  /** The previous backoff, which decorrelated jitter grows from (0 at first). */
  lastBackoffMs: number;
  /** A stream for jitter; drawing from it keeps the run reproducible. */
  rng: Rng;
  /** The hop this call makes: 1 for the edge's calls, 2 for the calls those make, ... */
  hop: number;
  /** The service called. */
  callee: string;
}

/** A call policy's answer. For the first attempt only `timeoutMs` is used. */
export interface CallDecision {
  /** Timeout of the next attempt (> 0). */
  timeoutMs: number;
  /** Whether to make another attempt at all. */
  retry: boolean;
  target: RetryTarget;
  /** Wait before the next attempt (>= 0). */
  backoffMs: number;
}

/** The pluggable behaviour of one client: timeouts, retries, where and when. Labs implement it. */
export interface CallPolicy {
  decide(context: CallContext): CallDecision;
}

/** Whether, where and after how long to retry. */
export interface RetryPolicy {
  decide(context: CallContext): { retry: boolean; target: RetryTarget; backoffMs: number };
}

/** The timeout of each attempt. */
export interface DeadlinePolicy {
  timeoutMs(context: CallContext): number;
}

/** Options of the naive fixed policy: the same timeout every attempt, a fixed number of retries. */
export interface FixedPolicyOptions {
  timeoutMs: number;
  retries: number;
  target?: RetryTarget;
  /** Outcomes worth retrying; an error answer is not retried by default (the callee already tried). */
  retryOn?: readonly Outcome[];
  backoff?: BackoffSpec;
}

/** Validated retry options, shared by the fixed policies. */
function retryOptions(o: Omit<FixedPolicyOptions, "timeoutMs">, path: string) {
  const retries = checkNumber(`${path}.retries`, o.retries, { min: 0, max: 100, integer: true });
  const target = checkOneOf(`${path}.target`, o.target ?? "same", RETRY_TARGETS);
  const retryOn = checkArray<Outcome>(`${path}.retryOn`, o.retryOn ?? DEFAULT_RETRY_ON, 0);
  retryOn.forEach((r, i) => checkOneOf(`${path}.retryOn[${i}]`, r, OUTCOMES));
  const backoff = checkBackoff(o.backoff ?? NO_BACKOFF, `${path}.backoff`);
  return { retries, target, retryOn, backoff };
}

/** Retrying after a timeout or a rejection, but not after an error the callee returned. */
export const DEFAULT_RETRY_ON: readonly Outcome[] = ["timeout", "rejected"];

/**
 * The retry half of the naive policy: up to `retries` retries on the listed outcomes.
 *
 * @example
 * fixedRetryPolicy({ retries: 2 }).decide({ attempt: 3, lastOutcome: "timeout" } as CallContext).retry // true
 */
export function fixedRetryPolicy(o: Omit<FixedPolicyOptions, "timeoutMs">, path = "policy"): RetryPolicy {
  const { retries, target, retryOn, backoff } = retryOptions(o, path);
  return {
    decide(c) {
      const retry = c.attempt <= retries + 1 && c.lastOutcome !== null && retryOn.includes(c.lastOutcome);
      return { retry, target, backoffMs: retry ? backoffMs(backoff, c.attempt - 1, c.lastBackoffMs, c.rng) : 0 };
    },
  };
}

/**
 * The deadline half of the naive policy: always the same timeout, whatever time is left.
 *
 * @example
 * fixedTimeout(2000).timeoutMs({ remainingMs: 500 } as CallContext) // 2000
 */
export function fixedTimeout(timeoutMs: number, path = "policy.timeoutMs"): DeadlinePolicy {
  const ms = checkNumber(path, timeoutMs, { min: 0, minExclusive: true });
  return { timeoutMs: () => ms };
}

/**
 * A deadline-aware timeout: the configured one, or the time left if that is shorter.
 *
 * @example
 * deadlineAwareTimeout(2000).timeoutMs({ remainingMs: 500 } as CallContext) // 500
 */
export function deadlineAwareTimeout(timeoutMs: number, path = "policy.timeoutMs"): DeadlinePolicy {
  const ms = checkNumber(path, timeoutMs, { min: 0, minExclusive: true });
  return { timeoutMs: (c) => (c.remainingMs > 0 ? Math.min(ms, c.remainingMs) : ms) };
}

/**
 * Joins a retry policy and a deadline policy into one call policy.
 *
 * @example
 * composeCallPolicy(fixedRetryPolicy({ retries: 1 }), fixedTimeout(100)).decide({ attempt: 1, lastOutcome: null } as CallContext).timeoutMs // 100
 */
export function composeCallPolicy(retry: RetryPolicy, deadline: DeadlinePolicy): CallPolicy {
  return {
    decide(c) {
      const r = retry.decide(c);
      return { timeoutMs: deadline.timeoutMs(c), retry: r.retry, target: r.target, backoffMs: r.backoffMs };
    },
  };
}

/**
 * The naive default: a fixed timeout and a fixed number of retries at every attempt.
 *
 * @example
 * fixedCallPolicy({ timeoutMs: 2000, retries: 2 }).decide({ attempt: 1, lastOutcome: null } as CallContext).timeoutMs // 2000
 */
export function fixedCallPolicy(o: FixedPolicyOptions, path = "policy"): CallPolicy {
  const { retries, target, retryOn, backoff } = retryOptions(o, path);
  const timeoutMs = checkNumber(`${path}.timeoutMs`, o.timeoutMs, { min: 0, minExclusive: true });
  // The decisions of composeCallPolicy(fixedRetryPolicy(o), fixedTimeout(o.timeoutMs)), made in
  // one object per call: this policy decides every attempt of every default call.
  return {
    decide(c) {
      const retry = c.attempt <= retries + 1 && c.lastOutcome !== null && retryOn.includes(c.lastOutcome);
      const wait = retry ? backoffMs(backoff, c.attempt - 1, c.lastBackoffMs, c.rng) : 0;
      return { timeoutMs, retry, target, backoffMs: wait };
    },
  };
}

/**
 * Checks a decision from a (possibly learner-written) policy, so NaN or garbage never enters
 * the simulation: the error names the field, the value and what is allowed.
 *
 * @example
 * checkDecision({ timeoutMs: 100, retry: false, target: "same", backoffMs: 0 }).timeoutMs // 100
 */
export function checkDecision(d: unknown, path = "policy"): CallDecision {
  // Fast path for the common, valid case; the slow path below builds the error message.
  const fast = d as CallDecision;
  if (
    d !== null &&
    typeof d === "object" &&
    typeof fast.timeoutMs === "number" &&
    fast.timeoutMs > 0 &&
    fast.timeoutMs < Infinity &&
    typeof fast.retry === "boolean" &&
    (fast.target === "same" || fast.target === "different") &&
    typeof fast.backoffMs === "number" &&
    fast.backoffMs >= 0 &&
    fast.backoffMs < Infinity
  ) {
    return fast;
  }
  if (d === null || typeof d !== "object") {
    throw new SimConfigError(`${path}.decide()`, d, "an object { timeoutMs, retry, target, backoffMs }");
  }
  const decision = d as CallDecision;
  checkNumber(`${path}.timeoutMs`, decision.timeoutMs, { min: 0, minExclusive: true });
  if (typeof decision.retry !== "boolean") throw new SimConfigError(`${path}.retry`, decision.retry, "true or false");
  checkOneOf(`${path}.target`, decision.target, RETRY_TARGETS);
  checkNumber(`${path}.backoffMs`, decision.backoffMs, { min: 0 });
  return decision;
}
