import { checkArray, checkNumber, SimConfigError } from "../errors/index.js";

/** Regions hold zones, zones hold a number of nodes; plain data so it travels in JSON. */
export interface TopologySpec {
  regions: { name: string; zones: { name: string; nodes: number }[] }[];
}

/** One node: its id (0..n-1 in spec order) and where it lives. */
export interface NodeInfo {
  id: number;
  name: string;
  zone: string;
  region: string;
  /** Index of its zone in `Topology.zones`. */
  zoneIndex: number;
  /** Index of its region in `Topology.regions`. */
  regionIndex: number;
}

/** AWS region names in the order Netflix adopted them (us-east-1 first, then us-west-2, eu-west-1). */
const REGION_NAMES = ["us-east-1", "us-west-2", "eu-west-1", "ap-southeast-1", "ap-northeast-1", "sa-east-1"];
/** AWS zone suffixes; a region has at most six here, which is more than most AWS regions. */
const ZONE_SUFFIXES = ["a", "b", "c", "d", "e", "f"];
/** A guard against typos such as 1e6 nodes in a browser slider. */
const MAX_NODES = 10_000;

/**
 * A validated cluster layout with lookups by node, zone and region. Order follows the spec, so
 * iteration never depends on hash order.
 *
 * @example
 * Topology.from({ regions: [{ name: "r", zones: [{ name: "z", nodes: 2 }] }] }).nodes.length // 2
 */
export class Topology {
  readonly nodes: readonly NodeInfo[];
  readonly zones: readonly { name: string; region: string; nodes: readonly number[] }[];
  readonly regions: readonly { name: string; zones: readonly string[]; nodes: readonly number[] }[];
  readonly spec: TopologySpec;
  private readonly zoneByName = new Map<string, number>();
  private readonly regionByName = new Map<string, number>();

  private constructor(spec: TopologySpec, path: string) {
    const nodes: NodeInfo[] = [];
    const zones: { name: string; region: string; nodes: number[] }[] = [];
    const regions: { name: string; zones: string[]; nodes: number[] }[] = [];
    if (spec === null || typeof spec !== "object") throw new SimConfigError(path, spec, "an object { regions: [...] }");
    const regionSpecs = checkArray<TopologySpec["regions"][number]>(`${path}.regions`, spec.regions);
    regionSpecs.forEach((r, ri) => {
      const rPath = `${path}.regions[${ri}]`;
      const regionName = checkName(`${rPath}.name`, r?.name);
      if (this.regionByName.has(regionName))
        throw new SimConfigError(`${rPath}.name`, regionName, "a unique region name");
      this.regionByName.set(regionName, ri);
      const region = { name: regionName, zones: [] as string[], nodes: [] as number[] };
      regions.push(region);
      checkArray<TopologySpec["regions"][number]["zones"][number]>(`${rPath}.zones`, r.zones).forEach((z, zi) => {
        const zPath = `${rPath}.zones[${zi}]`;
        const zoneName = checkName(`${zPath}.name`, z?.name);
        if (this.zoneByName.has(zoneName)) throw new SimConfigError(`${zPath}.name`, zoneName, "a unique zone name");
        const count = checkNumber(`${zPath}.nodes`, z.nodes, { min: 0, max: MAX_NODES, integer: true });
        const zoneIndex = zones.length;
        this.zoneByName.set(zoneName, zoneIndex);
        const zone = { name: zoneName, region: regionName, nodes: [] as number[] };
        zones.push(zone);
        region.zones.push(zoneName);
        for (let k = 0; k < count; k++) {
          const id = nodes.length;
          if (id >= MAX_NODES) throw new SimConfigError(`${zPath}.nodes`, count, `at most ${MAX_NODES} nodes in all`);
          nodes.push({ id, name: `${zoneName}-n${k}`, zone: zoneName, region: regionName, zoneIndex, regionIndex: ri });
          zone.nodes.push(id);
          region.nodes.push(id);
        }
      });
    });
    if (nodes.length === 0) throw new SimConfigError(`${path}.regions`, "0 nodes", "at least one node in some zone");
    this.nodes = nodes;
    this.zones = zones;
    this.regions = regions;
    this.spec = spec;
  }

  /** Validates `spec`; `path` names the field in error messages. */
  static from(spec: TopologySpec, path = "topology"): Topology {
    return new Topology(spec, path);
  }

  /** The node with this id; throws on an unknown id. */
  node(id: number): NodeInfo {
    const info = this.nodes[id];
    if (info === undefined) throw new SimConfigError("node", id, `a node id from 0 to ${this.nodes.length - 1}`);
    return info;
  }

  /** Ids of the nodes in `zone`; throws on an unknown zone. */
  nodesInZone(zone: string): readonly number[] {
    const i = this.zoneByName.get(zone);
    if (i === undefined) throw new SimConfigError("zone", zone, `one of ${this.zones.map((z) => z.name).join(", ")}`);
    return (this.zones[i] as Topology["zones"][number]).nodes;
  }

  /** Ids of the nodes in `region`; throws on an unknown region. */
  nodesInRegion(region: string): readonly number[] {
    const i = this.regionByName.get(region);
    if (i === undefined) {
      throw new SimConfigError("region", region, `one of ${this.regions.map((r) => r.name).join(", ")}`);
    }
    return (this.regions[i] as Topology["regions"][number]).nodes;
  }

  /** Whether a zone of this name exists. */
  hasZone(zone: string): boolean {
    return this.zoneByName.has(zone);
  }

  /** Whether a region of this name exists. */
  hasRegion(region: string): boolean {
    return this.regionByName.has(region);
  }
}

function checkName(path: string, value: unknown): string {
  if (typeof value !== "string" || value.length === 0) throw new SimConfigError(path, value, "a non-empty string");
  return value;
}

/**
 * A layout with AWS-like names: regions us-east-1, us-west-2, eu-west-1; zones us-east-1a, -1b ...
 * Defaults: one region, three zones (AWS regions Netflix used had three), one node per zone.
 *
 * @example
 * standardTopology({ regions: 2, zonesPerRegion: 3, nodesPerZone: 1 }).zones.map((z) => z.name)[3] // 'us-west-2a'
 */
export function standardTopology(
  o: { regions?: number; zonesPerRegion?: number; nodesPerZone?: number } = {},
): Topology {
  const regions = checkNumber("standardTopology.regions", o.regions ?? 1, {
    min: 1,
    max: REGION_NAMES.length,
    integer: true,
  });
  const zonesPerRegion = checkNumber("standardTopology.zonesPerRegion", o.zonesPerRegion ?? 3, {
    min: 1,
    max: ZONE_SUFFIXES.length,
    integer: true,
  });
  const nodesPerZone = checkNumber("standardTopology.nodesPerZone", o.nodesPerZone ?? 1, {
    min: 1,
    max: MAX_NODES,
    integer: true,
  });
  const spec: TopologySpec = { regions: [] };
  for (let r = 0; r < regions; r++) {
    const name = REGION_NAMES[r] as string;
    spec.regions.push({
      name,
      zones: ZONE_SUFFIXES.slice(0, zonesPerRegion).map((s) => ({ name: `${name}${s}`, nodes: nodesPerZone })),
    });
  }
  return Topology.from(spec, "standardTopology");
}
