import type { Rng } from "../random/index.js";

/** A pool member as the router sees it: its code version and its share of untagged traffic. */
export interface VersionedInstance {
  name: string;
  version: string;
  weight: number;
}

/**
 * Version-aware routing: a request tagged with a version (a test request for the new code) goes
 * only to instances running that version, evenly; an untagged request goes by weight. Returns an
 * index into `instances`, or -1 when no instance runs the tagged version.
 *
 * @example
 * const pool = [{ name: "old", version: "v1", weight: 1 }, { name: "new", version: "v2", weight: 0 }];
 * routeByVersion(pool, "v2", createRng(1)) // 1
 */
export function routeByVersion(instances: readonly VersionedInstance[], tag: string | null, rng: Rng): number {
  if (tag !== null) {
    let matches = 0;
    for (const i of instances) if (i.version === tag) matches++;
    if (matches === 0) return -1;
    let pick = rng.int(matches);
    for (let k = 0; k < instances.length; k++) {
      if ((instances[k] as VersionedInstance).version === tag && pick-- === 0) return k;
    }
  }
  let total = 0;
  for (const i of instances) total += i.weight;
  let at = rng.next() * total;
  for (let k = 0; k < instances.length; k++) {
    at -= (instances[k] as VersionedInstance).weight;
    if (at < 0) return k;
  }
  return instances.length - 1;
}
