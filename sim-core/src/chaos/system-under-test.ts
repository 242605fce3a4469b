import { standardTopology, type Topology } from "../cluster/index.js";
import { checkBoolean, checkNumber } from "../errors/index.js";
import type { CallSpec, ServiceSpec } from "../rpc/index.js";

/** The defences of the system under test; the lab's resilience settings plug in here. */
export interface SutOptions {
  /** Retry a failed call once on another instance (else: no retry). */
  retryElsewhere: boolean;
  /** Ribbon clients that skip servers after connection failures (its availability filter). */
  ribbon: boolean;
  /** A Hystrix thread pool (10 threads) in front of the personalisation call. */
  bulkhead: boolean;
  /** Timeout of every call, in ms. */
  timeoutMs: number;
  /** Worker threads per api instance (the caller a slow dependency can starve). */
  apiWorkers: number;
}

/** The services, edge first: a Zuul-like proxy, the API, personalisation (with a fallback) and playback. */
export const SUT_SERVICES = ["zuul", "api", "recs", "playback"] as const;
const INSTANCES: Record<(typeof SUT_SERVICES)[number], number> = { zuul: 3, api: 3, recs: 3, playback: 3 };
export const SUT_ZONES = 3;

/**
 * A small Netflix-like system spread over three zones of one region, one instance per node: the
 * edge proxy calls the API, which asks personalisation (falling back to an unpersonalised list)
 * and playback at once; a playback failure means no stream start.
 *
 * @example
 * netflixSystem({ retryElsewhere: true, ribbon: false, bulkhead: false, timeoutMs: 1000, apiWorkers: 20 }).services.length // 4
 */
export function netflixSystem(o: SutOptions): { services: ServiceSpec[]; topology: Topology } {
  checkBoolean("sut.retryElsewhere", o.retryElsewhere);
  checkBoolean("sut.ribbon", o.ribbon);
  checkBoolean("sut.bulkhead", o.bulkhead);
  const timeoutMs = checkNumber("sut.timeoutMs", o.timeoutMs, { min: 1, max: 60_000 });
  const apiWorkers = checkNumber("sut.apiWorkers", o.apiWorkers, { min: 1, max: 1000, integer: true });
  const perZone = Math.max(...Object.values(INSTANCES));
  const topology = standardTopology({ zonesPerRegion: SUT_ZONES, nodesPerZone: SUT_SERVICES.length * perZone });
  const used = new Array<number>(SUT_ZONES).fill(0);
  // Instance i of each service goes to zone i mod 3, on the zone's next free node.
  const nodes = (count: number) =>
    Array.from({ length: count }, (_, i) => {
      const zone = i % SUT_ZONES;
      const node = (topology.zones[zone]?.nodes[used[zone] ?? 0] ?? 0) as number;
      used[zone] = (used[zone] ?? 0) + 1;
      return node;
    });
  const call = (service: string, extra: Partial<CallSpec> = {}): CallSpec => ({
    service,
    timeoutMs,
    retries: o.retryElsewhere ? 1 : 0,
    retryTarget: "different",
    ...(o.ribbon
      ? { ribbon: { maxAutoRetries: 0, maxAutoRetriesNextServer: o.retryElsewhere ? 1 : 0, readTimeoutMs: timeoutMs } }
      : {}),
    ...extra,
  });
  const services: ServiceSpec[] = [
    {
      name: "zuul",
      instances: INSTANCES.zuul,
      nodes: nodes(INSTANCES.zuul),
      serviceTimeMs: { kind: "exponential", mean: 1 },
      calls: [call("api")],
    },
    {
      name: "api",
      instances: INSTANCES.api,
      nodes: nodes(INSTANCES.api),
      workers: apiWorkers,
      queueCapacity: apiWorkers,
      serviceTimeMs: { kind: "exponential", mean: 2 },
      calls: [
        [call("recs", { fallback: true, ...(o.bulkhead ? { bulkhead: "thread" as const } : {}) }), call("playback")],
      ],
    },
    {
      name: "recs",
      instances: INSTANCES.recs,
      nodes: nodes(INSTANCES.recs),
      serviceTimeMs: { kind: "lognormal", median: 20, p99: 80 },
    },
    {
      name: "playback",
      instances: INSTANCES.playback,
      nodes: nodes(INSTANCES.playback),
      serviceTimeMs: { kind: "lognormal", median: 5, p99: 20 },
    },
  ];
  return { services, topology };
}
