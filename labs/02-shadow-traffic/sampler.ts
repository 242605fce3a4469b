// Lab 02: shadow traffic. Part 1, the sampler.
//
// The primary copies a share of its requests to the new cloud stack. Which requests? The story's
// rule `customerId % 100 < threshold` keeps a customer's requests together, but ids come from a
// sequence handed out in blocks, so small remainders are over-represented and the share is off.
// The code below is a coin per request: it gets the share of requests right, but it splits every
// customer's session between the stacks and shows the new stack more customers than asked for.
// It runs, and it fails every sampler check.
//
// Do not change the exported name or the types: the grader calls `createSampler()` once per run
// and asks its `mirror` about every customer of a skewed population, at rising thresholds.

import type { ShadowSampler } from "sim-core";

/**
 * A sampler: `mirror(customerId, thresholdPercent, rng)` says whether this request of this
 * customer is copied to the new stack. `thresholdPercent` runs from 0 to 100 and may be
 * fractional (0.5 means one customer in 200).
 */
export function createSampler(): ShadowSampler {
  return {
    name: "coin",
    mirror(customerId: number, thresholdPercent: number, rng): boolean {
      // TODO 1: decide from the customer alone, so every request of a customer gets the same
      //         answer (no draw from `rng`, no counter).
      void customerId;
      // TODO 2: spread the ids evenly before comparing with the threshold: ids handed out in
      //         blocks make `customerId % 100` far from uniform. Give each customer a fixed
      //         position (a bucket) so that a higher threshold only adds customers, and enough
      //         buckets for fractional thresholds.
      return rng.next() * 100 < thresholdPercent;
    },
  };
}
