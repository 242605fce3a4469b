import { DEFAULT_NETWORK, type NetworkSpec, type TopologySpec } from "../cluster/index.js";
import type { PlannedNode } from "./plan.js";

/**
 * Where services run. `one-zone`: everything in one zone, as in the 2009 data centre.
 * `three-zones`: each service's instances spread over three zones of us-east-1 (the cloud).
 * `coast`: the same, but the front end (the entry service) runs in us-west-2 and calls into
 * us-east-1, as the West Coast engineers did against US-East.
 */
export const PLACEMENTS = ["one-zone", "three-zones", "coast"] as const;
export type Placement = (typeof PLACEMENTS)[number];

const REGIONS = ["us-east-1", "us-west-2"] as const;
const ZONES = ["a", "b", "c"] as const;
/** DEFAULT_NETWORK's cross-region p99 over its median (60 / 41.5 ms), kept when the median moves. */
const CROSS_REGION_P99_OVER_MEDIAN = 60 / 41.5;
/** DEFAULT_NETWORK's cross-zone p99 over its median (3 / 1 ms). */
const CROSS_ZONE_P99_OVER_MEDIAN = 3;

/**
 * Gives every instance of every planned node its own node in a topology of two regions with
 * three zones each, by the placement rule. Returns the topology and each node's node ids.
 *
 * @example
 * const n = { owner: "web", kind: "service", spec: { name: "web_1", instances: 3, serviceTimeMs: { kind: "constant", value: 1 } } } as const;
 * placeNodes([n], "web", "three-zones").nodes[0] // [0, 1, 2]
 */
export function placeNodes(
  planned: readonly PlannedNode[],
  entryService: string,
  placement: Placement,
): { topology: TopologySpec; nodes: number[][] } {
  const zoneOf = planned.map((p) =>
    Array.from({ length: p.spec.instances }, (_, k) => {
      if (placement === "one-zone") return 0;
      const west = placement === "coast" && p.kind === "service" && p.owner === entryService;
      return (west ? ZONES.length : 0) + (k % ZONES.length);
    }),
  );
  const perZone = new Array<number>(REGIONS.length * ZONES.length).fill(0);
  for (const zones of zoneOf) for (const z of zones) perZone[z] = (perZone[z] as number) + 1;
  const offset = perZone.map((_, z) => perZone.slice(0, z).reduce((a, b) => a + b, 0));
  const used = new Array<number>(perZone.length).fill(0);
  const nodes = zoneOf.map((zones) =>
    zones.map((z) => {
      used[z] = (used[z] as number) + 1;
      return (offset[z] as number) + (used[z] as number) - 1;
    }),
  );
  const topology: TopologySpec = {
    regions: REGIONS.map((region, r) => ({
      name: region,
      zones: ZONES.map((s, zi) => ({ name: `${region}${s}`, nodes: perZone[r * ZONES.length + zi] as number })),
    })),
  };
  return { topology, nodes };
}

/**
 * DEFAULT_NETWORK with the cross-zone and cross-region medians moved to the given one-way
 * values; the tails keep DEFAULT_NETWORK's shape.
 *
 * @example
 * networkFor(1, 41.5).crossRegionMs // { kind: 'lognormal', median: 41.5, p99: 60 }
 */
export function networkFor(crossZoneMs: number, crossRegionMs: number): NetworkSpec {
  return {
    ...DEFAULT_NETWORK,
    crossZoneMs: { kind: "lognormal", median: crossZoneMs, p99: crossZoneMs * CROSS_ZONE_P99_OVER_MEDIAN },
    crossRegionMs: { kind: "lognormal", median: crossRegionMs, p99: crossRegionMs * CROSS_REGION_P99_OVER_MEDIAN },
  };
}
