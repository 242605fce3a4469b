// Lab 05: timeout budgets (solution).
//
// A request enters the edge, which calls a mid-tier service, which calls a deep service. When the
// deep service hangs, equal timeouts and retries at every layer multiply the work (2 retries at
// two layers: 9 deep calls per request) and the edge answers only after every layer has given up.
// A budget that telescopes, a deadline carried with the request and retries elsewhere fix it.
//
// Do not change the exported names or the types: the grader calls `hopTimeoutMs` directly and
// plugs `budgetPolicy` into the timeoutBudgets scenario on every hop.

import type { CallContext, CallDecision, CallPolicy } from "sim-core";

/** The edge's whole budget for one call to the next layer (the seed deck's example: 3 s). */
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

/** The learner's call policy, used on every hop of the scenario. */
export const budgetPolicy: CallPolicy = {
  decide(context: CallContext): CallDecision {
    // The deadline carried with the request caps every attempt: waiting past it is wasted.
    const timeoutMs = Math.min(hopTimeoutMs(context.hop, EDGE_BUDGET_MS, RETRIES), context.remainingMs);
    // Retry a timeout or a rejection, never an error (the callee already tried), at most RETRIES
    // times, and only if the time left is worth another attempt.
    const retryable = context.lastOutcome === "timeout" || context.lastOutcome === "rejected";
    const retry = retryable && context.attempt <= RETRIES + 1 && context.remainingMs > MIN_ATTEMPT_MS;
    // Full jitter: a random wait up to an exponentially growing cap spreads retries out.
    const capMs = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (context.attempt - 1));
    const backoffMs = retry ? context.rng.next() * capMs : 0;
    // The instance that hung is likely still hung: go somewhere else.
    return { timeoutMs: Math.max(1, timeoutMs), retry, target: "different", backoffMs };
  },
};
