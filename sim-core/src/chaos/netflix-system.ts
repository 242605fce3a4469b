import { standardTopology, type Topology } from "../cluster/index.js";
import { checkNumber, SimConfigError } from "../errors/index.js";
import type { CallSpec, ServiceSpec } from "../rpc/index.js";
import { storeRead, storeService } from "./store.js";
import {
  callOf,
  checkSut,
  edgeTimeoutMs,
  INSTANCES,
  SUT_SERVICES,
  SUT_ZONES,
  type SutOptions,
} from "./system-under-test.js";

/** How many regions the system runs in: one, or the two US regions Netflix ran from. */
export const SUT_REGION_COUNTS = [1, 2] as const;

/**
 * Where the system runs and how much API capacity each region holds besides its own: instances
 * kept warm for another region's traffic (Nimble's ready capacity), and stopped spares an
 * autoscaler can start (they arrive after provisioning and start-up delays).
 */
export interface SutLayout {
  regions: (typeof SUT_REGION_COUNTS)[number];
  /** API instances per region kept running on top of the region's own. */
  readyApiInstances: number;
  /** Stopped API instances per region, started on demand. */
  spareApiInstances: number;
}

/** One region, no extra capacity: the system of ChAP's experiments. */
export const ONE_REGION: Readonly<SutLayout> = { regions: 1, readyApiInstances: 0, spareApiInstances: 0 };

/**
 * Checks a layout; errors name the field (`layout.readyApiInstances`).
 *
 * @example
 * checkLayout({ regions: 2, readyApiInstances: 3, spareApiInstances: 3 }).regions // 2
 */
export function checkLayout(l: SutLayout, path = "layout"): SutLayout {
  if (l === null || typeof l !== "object") throw new SimConfigError(path, l, "an object of SutLayout");
  if (!SUT_REGION_COUNTS.includes(l.regions)) throw new SimConfigError(`${path}.regions`, l.regions, "1 or 2");
  checkNumber(`${path}.readyApiInstances`, l.readyApiInstances, { min: 0, max: 30, integer: true });
  checkNumber(`${path}.spareApiInstances`, l.spareApiInstances, { min: 0, max: 30, integer: true });
  return l;
}

/** Hands out nodes: instance k of a region goes to the region's zone k mod 3, on its next free node. */
function nodePicker(topology: Topology) {
  const used = topology.zones.map(() => 0);
  return (region: number, k: number): number => {
    const zone = region * SUT_ZONES + (k % SUT_ZONES);
    const node = topology.zones[zone]?.nodes[used[zone] ?? 0] as number;
    used[zone] = (used[zone] ?? 0) + 1;
    return node;
  };
}

/**
 * A small Netflix-like system spread over three zones of one region, or of each of two regions,
 * one instance per node: the edge proxy calls the API, which asks personalisation (falling back
 * to an unpersonalised list) and playback at once; a playback failure means no stream start.
 * Playback reads the customer's viewing state (bookmarks, licences) from a store replicated three
 * times in each region, one replica per zone, read at consistency ONE: how Netflix ran Cassandra
 * on AWS (RF 3 over three zones, the Netflix Tech Blog, "Benchmarking Cassandra Scalability on
 * AWS", 2011), so losing a zone loses one replica, and a customer moved to the other region finds
 * their data there ("Global Netflix", HPTS 2011). Instances list region by region; the API's
 * ready instances follow, then its stopped spares.
 *
 * @example
 * netflixSystem(NAIVE_SUT).services.length // 5
 */
export function netflixSystem(
  options: SutOptions,
  layoutIn: SutLayout = ONE_REGION,
): { services: ServiceSpec[]; topology: Topology } {
  const o = checkSut(options);
  const layout = checkLayout(layoutIn);
  const extraApi = layout.readyApiInstances + layout.spareApiInstances;
  // One region keeps its historical node count, so its runs (and fingerprints) stay as they were.
  const nodesPerZone =
    layout.regions === 1 && extraApi === 0
      ? SUT_SERVICES.length * SUT_ZONES
      : SUT_SERVICES.length + Math.ceil(extraApi / SUT_ZONES);
  const topology = standardTopology({ regions: layout.regions, zonesPerRegion: SUT_ZONES, nodesPerZone });
  const pick = nodePicker(topology);
  const regions = Array.from({ length: layout.regions }, (_, r) => r);
  const nodes = (count: number) => regions.flatMap((r) => Array.from({ length: count }, (_, k) => pick(r, k)));
  const extra = (count: number, from: number) =>
    regions.flatMap((r) => Array.from({ length: count }, (_, k) => pick(r, from + k)));
  const apiNodes = [
    ...nodes(INSTANCES.api),
    ...extra(layout.readyApiInstances, INSTANCES.api),
    ...extra(layout.spareApiInstances, INSTANCES.api + layout.readyApiInstances),
  ];
  const recs: Partial<CallSpec> = {
    fallback: o.fallbacks,
    ...(o.bulkheadThreads > 0 ? { bulkhead: { kind: "thread", size: o.bulkheadThreads } } : {}),
  };
  const services: ServiceSpec[] = [
    {
      name: "zuul",
      instances: INSTANCES.zuul * layout.regions,
      nodes: nodes(INSTANCES.zuul),
      serviceTimeMs: { kind: "exponential", mean: 1 },
      calls: [callOf(o, "api", edgeTimeoutMs(o))],
    },
    {
      name: "api",
      instances: apiNodes.length,
      nodes: apiNodes,
      workers: o.apiWorkers,
      queueCapacity: o.apiQueueCapacity ?? o.apiWorkers,
      serviceTimeMs: { kind: "exponential", mean: 2 },
      calls: [[callOf(o, "recs", o.timeoutMs, recs), callOf(o, "playback", o.timeoutMs)]],
      ...(layout.spareApiInstances > 0 ? { stoppedInstances: layout.spareApiInstances * layout.regions } : {}),
    },
    {
      name: "recs",
      instances: INSTANCES.recs * layout.regions,
      nodes: nodes(INSTANCES.recs),
      serviceTimeMs: { kind: "lognormal", median: 20, p99: 80 },
    },
    {
      name: "playback",
      instances: INSTANCES.playback * layout.regions,
      nodes: nodes(INSTANCES.playback),
      serviceTimeMs: { kind: "lognormal", median: 5, p99: 20 },
      calls: [storeRead(o)],
    },
    storeService(nodes(INSTANCES.store)),
  ];
  return { services, topology };
}
