import { checkNumber, checkOneOf, SimConfigError } from "../errors/index.js";
import type { TokenRing } from "./ring.js";

/** What replica placement needs to know of a node: its data centre (region) and rack (zone). */
export interface PlacementNode {
  region: string;
  zone: string;
}

/** The part of a topology that placement reads; cluster/'s `Topology` fits it. */
export interface PlacementTopology {
  readonly nodes: readonly PlacementNode[];
}

/** A keyspace's replication, as in `CREATE KEYSPACE ... WITH replication = {...}`. */
export type ReplicationSpec =
  | { class: "SimpleStrategy"; replicationFactor: number }
  | { class: "NetworkTopologyStrategy"; dataCenters: Record<string, number> };

/**
 * A validated replication strategy bound to a ring and a topology. Data centres are regions and
 * racks are zones, as Cassandra's Ec2Snitch maps them.
 */
export interface Replication {
  readonly spec: ReplicationSpec;
  /** Replicas per region, in the topology's region order (0 where the keyspace has none). */
  readonly rfByRegion: readonly number[];
  /** Region names in the same order as `rfByRegion`. */
  readonly regionNames: readonly string[];
  /** Total number of replicas of each key. */
  readonly totalRf: number;
  /** The replicas of a token, in placement order (primary first). */
  replicas(token: number): number[];
}

/**
 * Validates `spec` against the topology and returns the placement function.
 *
 * @example
 * const topo = { nodes: [{ region: "r", zone: "a" }, { region: "r", zone: "b" }] };
 * replication({ class: "SimpleStrategy", replicationFactor: 2 }, TokenRing.evenlySpaced(2), topo).replicas(0)
 * // [1, 0]
 */
export function replication(
  spec: ReplicationSpec,
  ring: TokenRing,
  topology: PlacementTopology,
  path = "replication",
): Replication {
  if (spec === null || typeof spec !== "object") {
    throw new SimConfigError(
      path,
      spec,
      'a replication spec such as { class: "SimpleStrategy", replicationFactor: 3 }',
    );
  }
  const kind = checkOneOf(`${path}.class`, spec.class, ["SimpleStrategy", "NetworkTopologyStrategy"] as const);
  if (ring.nodeCount > topology.nodes.length) {
    throw new SimConfigError(`${path}.ring`, ring.nodeCount, `a ring over at most ${topology.nodes.length} nodes`);
  }
  const regionNames: string[] = [];
  for (const node of topology.nodes) if (!regionNames.includes(node.region)) regionNames.push(node.region);
  const regionOf = topology.nodes.map((n) => regionNames.indexOf(n.region));
  const nodesPerRegion = regionNames.map((_, r) => regionOf.filter((x) => x === r).length);
  if (kind === "SimpleStrategy") {
    const s = spec as Extract<ReplicationSpec, { class: "SimpleStrategy" }>;
    const rf = checkNumber(`${path}.replicationFactor`, s.replicationFactor, {
      min: 1,
      max: ring.nodeCount,
      integer: true,
    });
    const rfByRegion = regionNames.map(() => 0);
    return {
      spec,
      rfByRegion,
      regionNames,
      totalRf: rf,
      replicas: (token) => simpleReplicas(ring, token, rf),
    };
  }
  const s = spec as Extract<ReplicationSpec, { class: "NetworkTopologyStrategy" }>;
  if (s.dataCenters === null || typeof s.dataCenters !== "object") {
    throw new SimConfigError(`${path}.dataCenters`, s.dataCenters, 'replicas per data centre, e.g. { "us-east-1": 3 }');
  }
  const rfByRegion = regionNames.map(() => 0);
  for (const [dc, rf] of Object.entries(s.dataCenters)) {
    const r = regionNames.indexOf(dc);
    if (r < 0)
      throw new SimConfigError(`${path}.dataCenters`, dc, `a region of the topology: ${regionNames.join(", ")}`);
    rfByRegion[r] = checkNumber(`${path}.dataCenters.${dc}`, rf, {
      min: 0,
      max: nodesPerRegion[r] as number,
      integer: true,
    });
  }
  const totalRf = rfByRegion.reduce((a, b) => a + b, 0);
  if (totalRf === 0) throw new SimConfigError(`${path}.dataCenters`, s.dataCenters, "at least one replica");
  const racks = topology.nodes.map((n) => `${n.region}/${n.zone}`);
  const rackCount = regionNames.map(
    (name) => new Set(topology.nodes.filter((n) => n.region === name).map((n) => `${n.zone}`)).size,
  );
  return {
    spec,
    rfByRegion,
    regionNames,
    totalRf,
    replicas: (token) => networkTopologyReplicas(ring, token, regionOf, racks, rfByRegion, rackCount),
  };
}

/** SimpleStrategy: the next `rf` distinct nodes clockwise from the token, ignoring racks. */
function simpleReplicas(ring: TokenRing, token: number, rf: number): number[] {
  const out: number[] = [];
  const start = ring.indexFor(token);
  const n = ring.tokens.length;
  for (let i = 0; i < n && out.length < rf; i++) {
    const node = ring.owners[(start + i) % n] as number;
    if (!out.includes(node)) out.push(node);
  }
  return out;
}

/**
 * NetworkTopologyStrategy as in Cassandra 3+ (`calculateNaturalReplicas`): walk the ring once;
 * in each data centre take a node when its rack is new, and accept a rack seen before only while
 * `rf - racks` repeats remain, so every rack gets a replica before any rack gets two.
 */
function networkTopologyReplicas(
  ring: TokenRing,
  token: number,
  regionOf: readonly number[],
  racks: readonly string[],
  rfByRegion: readonly number[],
  rackCount: readonly number[],
): number[] {
  const out: number[] = [];
  const left = rfByRegion.slice();
  const repeats = rfByRegion.map((rf, r) => rf - (rackCount[r] as number));
  const seenRacks = new Set<string>();
  let remaining = left.reduce((a, b) => a + b, 0);
  const start = ring.indexFor(token);
  const n = ring.tokens.length;
  for (let i = 0; i < n && remaining > 0; i++) {
    const node = ring.owners[(start + i) % n] as number;
    const r = regionOf[node] as number;
    if ((left[r] as number) === 0 || out.includes(node)) continue;
    const rack = racks[node] as string;
    if (seenRacks.has(rack)) {
      if ((repeats[r] as number) <= 0) continue;
      repeats[r] = (repeats[r] as number) - 1;
    } else {
      seenRacks.add(rack);
    }
    out.push(node);
    left[r] = (left[r] as number) - 1;
    remaining--;
  }
  return out;
}
