import type { LoadBalancer, PickContext } from "./load-balancer.js";

/**
 * Ribbon default: ZoneAwareNIWSDiscoveryLoadBalancer.triggeringLoadPerServerThreshold
 * (ZoneAvoidancePredicate.java triggeringLoad = 0.2): once the busiest zone has this many requests
 * outstanding per server, it is avoided.
 */
export const RIBBON_TRIGGERING_LOAD_PER_SERVER = 0.2;

/** Requests outstanding per instance of each zone among the candidates, zones in first-seen order. */
function snapshot(c: PickContext, zoneOf: (instance: number) => number) {
  const zones: number[] = [];
  const counts: number[] = [];
  const loads: number[] = [];
  for (const i of c.candidates) {
    const z = zoneOf(i);
    let k = zones.indexOf(z);
    if (k < 0) {
      k = zones.length;
      zones.push(z);
      counts.push(0);
      loads.push(0);
    }
    counts[k] = (counts[k] as number) + 1;
    loads[k] = (loads[k] as number) + c.outstanding(i);
  }
  return { zones, counts, loads };
}

/** One of `from` (indices into counts), drawn with weight its instance count (Ribbon's randomChooseZone). */
function weightedZone(from: readonly number[], counts: readonly number[], c: PickContext): number {
  if (from.length === 1) return from[0] as number;
  let total = 0;
  for (const k of from) total += counts[k] as number;
  let draw = c.rng.int(total);
  for (const k of from) {
    draw -= counts[k] as number;
    if (draw < 0) return k;
  }
  return from[from.length - 1] as number;
}

/**
 * Ribbon's ZoneAwareLoadBalancer with its ZoneAvoidanceRule: it sums the requests this client has
 * outstanding per zone; while every zone stays under 0.2 per server it goes round the candidates
 * in turn, and once one is over, it drops the busiest zone and picks a zone at random, weighted
 * by instance count, then the next instance in that zone. A zone that went down fills with calls
 * waiting on their timeout, so it becomes the busiest and is avoided long before discovery drops
 * it. Servers Ribbon blacked out are already gone from the candidates (a zone with none left is
 * not a candidate at all, as `avoidZoneWithBlackoutPercetage` would have it). Without zone data
 * in the context it is plain round robin.
 *
 * @example
 * const c = { candidates: [0, 1, 2], outstanding: (i) => (i === 1 ? 3 : 0), zoneOf: (i) => i, rng: createRng(1) };
 * const lb = zoneAwareRule(); [lb.pick(c), lb.pick(c), lb.pick(c), lb.pick(c)].includes(1) // false
 */
export function zoneAwareRule(): LoadBalancer {
  let turn = 0;
  const zoneTurns = new Map<number, number>();
  const next = (list: readonly number[], n: number) => list[n % list.length] as number;
  return {
    pick(c) {
      const zoneOf = c.zoneOf;
      const all = () => next(c.candidates, turn++);
      if (zoneOf === undefined) return all();
      const { zones, counts, loads } = snapshot(c, zoneOf);
      if (zones.length < 2) return all();
      let max = 0;
      let worst: number[] = [];
      zones.forEach((_, k) => {
        const perServer = (loads[k] as number) / (counts[k] as number);
        if (Math.abs(perServer - max) < 1e-6) worst.push(k);
        else if (perServer > max) {
          max = perServer;
          worst = [k];
        }
      });
      if (max < RIBBON_TRIGGERING_LOAD_PER_SERVER) return all();
      const avoid = weightedZone(worst, counts, c);
      const left = zones.map((_, k) => k).filter((k) => k !== avoid);
      const zone = zones[weightedZone(left, counts, c)] as number;
      const inZone = c.candidates.filter((i) => zoneOf(i) === zone);
      const n = zoneTurns.get(zone) ?? 0;
      zoneTurns.set(zone, n + 1);
      return next(inZone, n);
    },
  };
}
