// Lab 02: shadow traffic. Part 1, the sampler.
//
// The primary copies a share of its requests to the new cloud stack. Which requests? The story's
// rule `customerId % 100 < threshold` keeps a customer's requests together, but ids come from a
// sequence handed out in blocks, so small remainders are over-represented and the share is off
// (about twice the threshold at 1%). A coin per request gets the share of requests right but
// splits every customer's session and shows the new stack more customers than asked for.
//
// Do not change the exported name or the types: the grader calls `createSampler()` once per run
// and asks its `mirror` about every customer of a skewed population, at rising thresholds.

import type { ShadowSampler } from "sim-core";

/** Buckets per percentage point: thresholds down to 0.01% select a share of customers. */
const BUCKETS_PER_PERCENT = 100;

/**
 * MurmurHash3's 32-bit finaliser (fmix32): every input bit moves every output bit, so
 * neighbouring ids, blocks and strides in the id sequence land all over the range.
 */
function mix32(value: number): number {
  let h = value | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * A consistent, monotone sampler. The answer depends on the customer id alone (no draw from
 * `rng`, no state), so a customer's requests are all mirrored or none is: the new stack sees
 * whole sessions. A customer's bucket is fixed, and the sample is every bucket below the
 * threshold, so raising the threshold only adds customers. Hashing the id first makes the
 * buckets equally full whatever the id allocation did.
 */
export function createSampler(): ShadowSampler {
  return {
    name: "hash",
    mirror(customerId: number, thresholdPercent: number): boolean {
      const bucket = mix32(customerId) % (100 * BUCKETS_PER_PERCENT);
      return bucket < thresholdPercent * BUCKETS_PER_PERCENT;
    },
  };
}
