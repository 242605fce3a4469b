// Lab 05: timeout budgets (solution).
//
// A request enters the edge, which calls a mid-tier service, which calls a deep service. When the
// deep service hangs, equal timeouts and retries at every layer multiply the work (2 retries at
// two layers: 9 deep calls per request) and the edge answers only after every layer has given up.
// A budget that telescopes, a deadline carried with the request and retries elsewhere fix it;
// a retry budget keeps a short outage from turning into a retry storm that outlives it.
//
// Do not change the exported names or the types: the grader calls `hopTimeoutMs` directly and
// plugs a policy from `createBudgetPolicy()` into the timeoutBudgets scenario on every hop.

import type { CallContext, CallDecision, CallPolicy } from "sim-core";

/**
 * The edge's whole budget for one call to the next layer: 3 s, the course's example. The rule it
 * illustrates, a large timeout at the edge and smaller ones deeper down, is Adrian Cockcroft's
 * (InfoQ podcast "Adrian Cockcroft on Microservices, Terraservices and Serverless Computing", 2016).
 */
export const EDGE_BUDGET_MS = 3000;
/** Retries each hop may make; one is enough once it goes to a different instance. */
export const RETRIES = 1;
/** Below this much time left, another attempt cannot finish usefully: give up instead. */
export const MIN_ATTEMPT_MS = 50;
/** Backoff base and cap for full jitter (AWS Architecture Blog, 2015). */
export const BACKOFF_BASE_MS = 20;
export const BACKOFF_CAP_MS = 200;

/**
 * Per-attempt timeout of the calls made at `hop` (1 = the edge's calls). Every attempt of a
 * hop, retries included, must fit inside one attempt of the hop above, or the caller gives up
 * while its callee is still trying.
 */
export function hopTimeoutMs(hop: number, budgetMs: number, retries: number): number {
  // Each layer down gets a share of one attempt above it: the attempts must fit, with a margin
  // (a tenth) left for the network and the callee's own work. 3000 ms, one retry: 3000, 1350, ...
  let timeoutMs = budgetMs;
  for (let h = 1; h < hop; h++) timeoutMs = (timeoutMs * 0.9) / (retries + 1);
  return timeoutMs;
}

/**
 * Retry budget: retries that fail may add at most this share of first attempts (Finagle's
 * RetryBudget default percentCanRetry = 0.2; Envoy's retry_budget default is 20% too).
 */
export const RETRY_BUDGET_RATIO = 0.2;
/**
 * What a budget holds before any first attempt has paid into it, and the most it may save.
 * Finagle adds a floor of minRetriesPerSec = 10 over a 10 s window, so a caller with little
 * traffic may always retry; this policy sees no clock, so a fixed reserve plays the floor's part
 * and the cap stands in for the window (a quiet hour must not fund a long storm).
 */
export const RETRY_BUDGET_RESERVE = 10;
export const RETRY_BUDGET_MAX = 20;

/**
 * A fresh call policy, used on every hop of the scenario. It keeps a retry budget per callee,
 * so each run (and each test) needs its own: call this once per run.
 */
export function createBudgetPolicy(): CallPolicy {
  // Retry tokens per callee: every first attempt adds RETRY_BUDGET_RATIO, every retry that
  // failed takes 1. Only failed retries are charged: a retry that worked on another instance
  // cost nothing worth stopping (one hung instance of three needs a retry for a third of the
  // requests, more than 20%), while retries that keep failing mean the whole service is in
  // trouble, and every one of them is load it cannot take.
  const tokens = new Map<string, number>();
  return {
    decide(context: CallContext): CallDecision {
      const key = `${context.hop}:${context.callee}`;
      let balance = tokens.get(key) ?? RETRY_BUDGET_RESERVE;
      if (context.attempt === 1) balance = Math.min(RETRY_BUDGET_MAX, balance + RETRY_BUDGET_RATIO);
      // The policy is asked again after every failed attempt, so attempt 3 or later means the
      // retry before it failed.
      if (context.attempt >= 3) balance -= 1;
      tokens.set(key, balance);
      // The deadline carried with the request caps every attempt: waiting past it is wasted.
      const timeoutMs = Math.min(hopTimeoutMs(context.hop, EDGE_BUDGET_MS, RETRIES), context.remainingMs);
      // Retry a timeout or a rejection, never an error (the callee already tried), at most RETRIES
      // times, only if the time left is worth another attempt, and only while the budget lasts.
      const retryable = context.lastOutcome === "timeout" || context.lastOutcome === "rejected";
      const retry = retryable && context.attempt <= RETRIES + 1 && context.remainingMs > MIN_ATTEMPT_MS && balance >= 1;
      // Full jitter: a random wait up to an exponentially growing cap spreads retries out.
      const capMs = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (context.attempt - 1));
      const backoffMs = retry ? context.rng.next() * capMs : 0;
      // The instance that hung is likely still hung: go somewhere else.
      return { timeoutMs: Math.max(1, timeoutMs), retry, target: "different", backoffMs };
    },
  };
}
