import { checkNumber } from "../errors/index.js";
import type { Rng } from "../random/index.js";

/**
 * Decides which requests the primary copies to the shadow stack. `thresholdPercent` (0–100) is
 * the dial an operator raises while watching the new stack; `rng` is there for samplers that
 * draw per request and must be the only randomness a sampler uses.
 */
export interface ShadowSampler {
  readonly name: string;
  mirror(customerId: number, thresholdPercent: number, rng: Rng): boolean;
}

/**
 * The story's rule, as Netflix's data-centre code ran it: `customerId % 100 < threshold`.
 * Consistent (the same customers every time) and monotone, but only as uniform as the ids.
 *
 * @example
 * moduloSampler.mirror(1203, 5, createRng(1)) // true
 */
export const moduloSampler: ShadowSampler = {
  name: "modulo",
  mirror: (customerId, thresholdPercent) => customerId % 100 < thresholdPercent,
};

/**
 * Consistent and monotone like the modulo rule, but on a hash of the id, so blocks and strides in
 * id allocation no longer bias the share. Buckets of 0.01% let fractional thresholds work.
 *
 * @example
 * hashSampler.mirror(1203, 100, createRng(1)) // true
 */
export const hashSampler: ShadowSampler = {
  name: "hash",
  mirror: (customerId, thresholdPercent) => (mix32(customerId) % 10000) / 100 < thresholdPercent,
};

/**
 * A coin per request: the share is right on average, but a customer's requests are split between
 * mirrored and not, so the new stack never sees a session whole.
 *
 * @example
 * randomSampler.mirror(1203, 0, createRng(1)) // false
 */
export const randomSampler: ShadowSampler = {
  name: "random",
  mirror: (_customerId, thresholdPercent, rng) => rng.next() * 100 < thresholdPercent,
};

/** The built-in samplers by name, for a scenario's choice control. */
export const SHADOW_SAMPLERS = { modulo: moduloSampler, hash: hashSampler, random: randomSampler } as const;
export type ShadowSamplerName = keyof typeof SHADOW_SAMPLERS;

/**
 * Checks a threshold: a percentage from 0 to 100, never clamped.
 *
 * @example
 * checkThreshold("shadow.thresholdPercent", 5) // 5
 */
export function checkThreshold(path: string, value: unknown): number {
  return checkNumber(path, value, { min: 0, max: 100 });
}

/**
 * MurmurHash3's 32-bit finaliser (fmix32): spreads neighbouring ids over the whole range.
 *
 * @example
 * mix32(1) === mix32(2) // false
 */
export function mix32(value: number): number {
  let h = value | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
