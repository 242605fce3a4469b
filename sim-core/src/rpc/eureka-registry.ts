import { US_PER_S } from "../kernel/index.js";
import type { Rng } from "../random/index.js";
import { evictionLimit, leaseEndUs, leaseExpirationEnabled, renewalsIn, type UpPeriod } from "./eureka-lease.js";

/** One instance as the Eureka server sees it. */
export interface InstanceRef {
  service: number;
  index: number;
  renewPhaseUs: number;
  /** Up periods, the last one open (toUs Infinity) while the node is up. */
  ups: UpPeriod[];
  /** Periods during which the server's registry lists the instance, as [from, to) pairs. */
  listed: number[];
}

/**
 * Whether the server's registry lists the instance at `atUs`.
 *
 * @example
 * isListed({ service: 0, index: 0, renewPhaseUs: 0, ups: [], listed: [0, 5] }, 5) // false
 */
export function isListed(ref: InstanceRef, atUs: number): boolean {
  for (let k = 0; k < ref.listed.length; k += 2) {
    if ((ref.listed[k] as number) <= atUs && atUs < (ref.listed[k + 1] as number)) return true;
  }
  return false;
}

/**
 * The leases one run of AbstractInstanceRegistry.evict() removes at `nowUs`: none while
 * self-preservation holds (too few renewals in the last minute), else the expired ones, at most
 * the eviction limit of them, chosen at random (a Knuth shuffle, as the code does).
 *
 * @example
 * chooseEvictions([[{ service: 0, index: 0, renewPhaseUs: 0, ups: [{ fromUs: 0, toUs: 1, phaseUs: 0 }], listed: [0, Infinity] }]], 120e6, 1, createRng(1)) // []
 */
export function chooseEvictions(
  instances: readonly (readonly InstanceRef[])[],
  nowUs: number,
  expectedClients: number,
  rng: Rng,
): InstanceRef[] {
  let renews = 0;
  let size = 0;
  const expired: InstanceRef[] = [];
  for (const refs of instances) {
    for (const ref of refs) {
      for (const p of ref.ups) renews += renewalsIn(p, nowUs - 60 * US_PER_S, nowUs);
      if (!isListed(ref, nowUs)) continue;
      size++;
      const last = ref.ups[ref.ups.length - 1] as UpPeriod;
      if (last.toUs !== Infinity && nowUs > leaseEndUs(last)) expired.push(ref);
    }
  }
  if (!leaseExpirationEnabled(renews, expectedClients)) return [];
  const toEvict = Math.min(expired.length, evictionLimit(size));
  for (let i = 0; i < toEvict; i++) {
    const j = i + rng.int(expired.length - i);
    const ref = expired[j] as InstanceRef;
    expired[j] = expired[i] as InstanceRef;
    expired[i] = ref;
  }
  return expired.slice(0, toEvict);
}
