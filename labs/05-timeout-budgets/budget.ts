// Lab 05: timeout budgets.
//
// A request enters the edge, which calls a mid-tier service, which calls a deep service. When the
// deep service hangs, equal timeouts and retries at every layer multiply the work (2 retries at
// two layers: 9 deep calls per request) and the edge answers only after every layer has given up.
// A budget that telescopes, a deadline carried with the request and retries elsewhere fix it;
// a retry budget keeps a short outage from turning into a retry storm that outlives it.
//
// Write `hopTimeoutMs` and `createBudgetPolicy` (see README.md). The code below is the naive policy
// the module starts from: it runs, and it fails every graded check.
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
/** Retries each hop may make. */
export const RETRIES = 1;

/**
 * Per-attempt timeout of the calls made at `hop` (1 = the edge's calls). Every attempt of a
 * hop, retries included, must fit inside one attempt of the hop above.
 */
export function hopTimeoutMs(hop: number, budgetMs: number, retries: number): number {
  // TODO 1: telescope. The edge's calls (hop 1) get `budgetMs`. Each deeper hop gets a share of
  //         one attempt of the hop above, small enough that all of its (retries + 1) attempts
  //         end before the caller gives up. Leave a margin for the network and the work itself.
  void hop;
  void retries;
  return budgetMs;
}

/**
 * A fresh call policy, used on every hop of the scenario. The grader calls this once per run (and
 * once per decision it checks), so state you keep in here, such as a retry budget, starts afresh.
 */
export function createBudgetPolicy(): CallPolicy {
  // TODO 2: a retry budget. When everything fails, every caller retrying turns an outage into a
  //         storm that outlives it. Let retries add at most a small share (Finagle and Envoy: 20%)
  //         of first attempts, plus a small reserve so a quiet caller may still retry. `decide`
  //         is called for every first attempt (attempt 1) and again after every failed attempt:
  //         count here what you need. Mind the check where one instance of three hangs: its
  //         retries succeed elsewhere.
  return {
    decide(context: CallContext): CallDecision {
      // TODO 3: never wait past the deadline carried with the request (`context.remainingMs`).
      const timeoutMs = 2000;
      // TODO 4: retry only what is worth retrying (a timeout or a rejection, not an error the
      //         callee returned), at most RETRIES times, and not when too little time is left.
      const retry = context.attempt <= 3;
      // TODO 5: wait a little before retrying, with jitter drawn from `context.rng` (full jitter:
      //         a random wait between 0 and an exponentially growing cap).
      const backoffMs = 0;
      // TODO 6: the instance that hung is likely still hung. Where should the retry go?
      return { timeoutMs, retry, target: "same", backoffMs };
    },
  };
}
