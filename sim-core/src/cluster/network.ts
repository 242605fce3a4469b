import { checkNumber, SimConfigError } from "../errors/index.js";
import { msToUs } from "../kernel/index.js";
import { checkNonNegative, type DistributionSpec, distribution, type Rng } from "../random/index.js";
import { fastSampler } from "./fast-sampler.js";
import type { Topology } from "./topology.js";

/** How far apart two nodes are; it picks the latency distribution of a message. */
export type Locality = "sameNode" | "sameZone" | "crossZone" | "crossRegion";

/** One-way message delays in milliseconds by locality, and a loss probability. */
export interface NetworkSpec {
  sameZoneMs: DistributionSpec;
  crossZoneMs: DistributionSpec;
  crossRegionMs: DistributionSpec;
  /** Probability that a message between two different nodes is dropped, 0..1. */
  lossRate: number;
}

/** Selects the nodes on one side of a partition: a whole region, or one zone. */
export interface PartitionSide {
  region?: string;
  zone?: string;
}

/**
 * Defaults. Same zone: AWS describes intra-AZ round trips as sub-millisecond, so one way is
 * ~0.25 ms. Cross zone: AWS documents "single-digit millisecond" latency between the AZs of a
 * region; we take ~1 ms one way. Cross region: Adrian Cockcroft's global Cassandra benchmark reports
 * 83 ms between us-east and us-west (in his Cassandra talks, e.g. "Netflix Open Source Tools and
 * Benchmarks for Cassandra", Cassandra Summit 2013; see the site's sources page); read as a round
 * trip, that is ~41.5 ms one way.
 */
export const DEFAULT_NETWORK: NetworkSpec = {
  sameZoneMs: { kind: "lognormal", median: 0.25, p99: 1 },
  crossZoneMs: { kind: "lognormal", median: 1, p99: 3 },
  crossRegionMs: { kind: "lognormal", median: 41.5, p99: 60 },
  lossRate: 0,
};

const LOCALITY_SAME_NODE = 0;
const LOCALITY_SAME_ZONE = 1;
const LOCALITY_CROSS_ZONE = 2;
const LOCALITY_CROSS_REGION = 3;
const LOCALITIES: readonly Locality[] = ["sameNode", "sameZone", "crossZone", "crossRegion"];

/**
 * Message delays between nodes of a topology, with loss, partitions and down nodes.
 *
 * @example
 * const net = new Network(standardTopology({}), DEFAULT_NETWORK, createRng(1));
 * net.locality(0, 1) // 'crossZone'
 */
export class Network {
  readonly topology: Topology;
  readonly spec: NetworkSpec;
  private readonly rng: Rng;
  private readonly draws: ((rng: Rng) => number)[];
  private readonly sameZoneDraw: (rng: Rng) => number;
  private readonly crossZoneDraw: (rng: Rng) => number;
  private readonly lossRate: number;
  private readonly zoneOf: Int32Array;
  private readonly regionOf: Int32Array;
  private readonly down: Uint8Array;
  /** Partition groups per node: a message is blocked if the two ends sit on opposite sides. */
  private partitions: { a: Uint8Array; b: Uint8Array }[] = [];

  constructor(topology: Topology, spec: NetworkSpec, rng: Rng) {
    this.topology = topology;
    this.spec = spec;
    this.rng = rng;
    if (spec === null || typeof spec !== "object") throw new SimConfigError("network", spec, "a NetworkSpec object");
    const sameZone = checkNonNegative("network.sameZoneMs", distribution(spec.sameZoneMs, "network.sameZoneMs"));
    const crossZone = checkNonNegative("network.crossZoneMs", distribution(spec.crossZoneMs, "network.crossZoneMs"));
    const crossRegion = checkNonNegative(
      "network.crossRegionMs",
      distribution(spec.crossRegionMs, "network.crossRegionMs"),
    );
    this.sameZoneDraw = fastSampler(sameZone);
    this.crossZoneDraw = fastSampler(crossZone);
    this.draws = [this.sameZoneDraw, this.sameZoneDraw, this.crossZoneDraw, fastSampler(crossRegion)];
    this.lossRate = checkNumber("network.lossRate", spec.lossRate, { min: 0, max: 1 });
    const n = topology.nodes.length;
    this.zoneOf = new Int32Array(n);
    this.regionOf = new Int32Array(n);
    this.down = new Uint8Array(n);
    for (const node of topology.nodes) {
      this.zoneOf[node.id] = node.zoneIndex;
      this.regionOf[node.id] = node.regionIndex;
    }
  }

  /** How far apart two nodes are. */
  locality(from: number, to: number): Locality {
    return LOCALITIES[this.localityCode(from, to)] as Locality;
  }

  private localityCode(from: number, to: number): number {
    if (from === to) return LOCALITY_SAME_NODE;
    if (this.zoneOf[from] === this.zoneOf[to]) return LOCALITY_SAME_ZONE;
    if (this.regionOf[from] === this.regionOf[to]) return LOCALITY_CROSS_ZONE;
    return LOCALITY_CROSS_REGION;
  }

  /**
   * One-way delay in integer µs for a message from `from` to `to`, or -1 if the message is lost
   * (random loss, a partition between them, or either node down). A message to the same node
   * takes no time and is never lost. Draws from the network's stream.
   */
  delayUs(from: number, to: number): number {
    const delay = this.draw(from, to);
    if (this.tap !== null) this.tap(from, to, delay);
    return delay;
  }

  /**
   * Sees every message the network carries (its delay, or -1 if lost), e.g. to record a replay.
   * It must not draw or schedule: the run stays the same with or without it.
   */
  tap: ((from: number, to: number, delayUs: number) => void) | null = null;

  private draw(from: number, to: number): number {
    if (this.down[from] === 1 || this.down[to] === 1) return -1;
    const code = this.localityCode(from, to);
    if (code === LOCALITY_SAME_NODE) return 0;
    if (this.partitions.length > 0 && this.partitioned(from, to)) return -1;
    if (this.lossRate > 0 && this.rng.next() < this.lossRate) return -1;
    // Same zone and cross zone are separate call sites: each stays monomorphic (one closure),
    // which an indexed `draws[code](rng)` is not (measured in bench flow).
    const ms =
      code === LOCALITY_SAME_ZONE
        ? this.sameZoneDraw(this.rng)
        : code === LOCALITY_CROSS_ZONE
          ? this.crossZoneDraw(this.rng)
          : (this.draws[code] as (rng: Rng) => number)(this.rng);
    return msToUs(ms);
  }

  private partitioned(from: number, to: number): boolean {
    for (const p of this.partitions) {
      if ((p.a[from] === 1 && p.b[to] === 1) || (p.b[from] === 1 && p.a[to] === 1)) return true;
    }
    return false;
  }

  /** Blocks every message between the nodes selected by `a` and those selected by `b`, both ways. */
  partition(a: PartitionSide, b: PartitionSide): void {
    this.partitions.push({ a: this.select(a, "partition.a"), b: this.select(b, "partition.b") });
  }

  /** Removes every partition. */
  heal(): void {
    this.partitions = [];
  }

  /** Whether the network treats `node` as up (the cluster keeps this in step). */
  isNodeUp(node: number): boolean {
    return this.down[node] === 0;
  }

  /** Marks a node up or down; a down node neither sends nor receives. */
  setNodeUp(node: number, up: boolean): void {
    this.topology.node(node);
    this.down[node] = up ? 0 : 1;
  }

  private select(side: PartitionSide, path: string): Uint8Array {
    if (side === null || typeof side !== "object" || (side.region === undefined && side.zone === undefined)) {
      throw new SimConfigError(path, side, 'an object naming a region or a zone, e.g. { zone: "us-east-1a" }');
    }
    const mask = new Uint8Array(this.topology.nodes.length);
    let ids: readonly number[];
    if (side.zone !== undefined) {
      if (!this.topology.hasZone(side.zone))
        throw new SimConfigError(`${path}.zone`, side.zone, zoneList(this.topology));
      ids = this.topology.nodesInZone(side.zone);
      const zoneRegion = this.topology.zones.find((z) => z.name === side.zone)?.region;
      if (side.region !== undefined && zoneRegion !== side.region) {
        throw new SimConfigError(`${path}.region`, side.region, `the region of zone "${side.zone}"`);
      }
    } else {
      const region = side.region as string;
      if (!this.topology.hasRegion(region)) {
        throw new SimConfigError(
          `${path}.region`,
          region,
          `one of ${this.topology.regions.map((r) => r.name).join(", ")}`,
        );
      }
      ids = this.topology.nodesInRegion(region);
    }
    for (const id of ids) mask[id] = 1;
    return mask;
  }
}

function zoneList(topology: Topology): string {
  return `one of ${topology.zones.map((z) => z.name).join(", ")}`;
}
