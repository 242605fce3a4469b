import { checkBoolean, checkNumber, checkOneOf, SimConfigError } from "../errors/index.js";
import type { CallSpec } from "../rpc/index.js";
import { STORE_READ_ATTEMPTS } from "./store.js";

/** Where a failed call's one retry goes: no retry, the instance that failed, or another one. */
export const SUT_RETRY_TARGETS = ["none", "same", "different"] as const;
export type SutRetryTarget = (typeof SUT_RETRY_TARGETS)[number];

/** The defences of the system under test; the lab's resilience settings plug in here. */
export interface SutOptions {
  /** Timeout of every mid-tier call, in ms (Hystrix's default is 1 s); the store's telescopes under it. */
  timeoutMs: number;
  /** Where a failed call's one retry goes. */
  retryTarget: SutRetryTarget;
  /** Ribbon clients: servers that fail to connect are skipped for a while (its availability filter). */
  ribbon: boolean;
  /** Ribbon's ZoneAwareLoadBalancer on every call instead of plain round robin. */
  zoneAware: boolean;
  /** Threads of the Hystrix pool in front of personalisation, per API instance; 0 = no bulkhead. */
  bulkheadThreads: number;
  /** Personalisation falls back to an unpersonalised list (playback has no fallback: no stream, no start). */
  fallbacks: boolean;
  /** A Hystrix circuit breaker (its defaults) on every call. */
  circuitBreaker: boolean;
  /** Worker threads per API instance: capacity the system has, not a defence to choose. */
  apiWorkers: number;
  /** Requests that may wait for an API thread, per instance (default: as many as its threads). */
  apiQueueCapacity?: number;
}

/** The system with no defence on: no retry, no Ribbon, no bulkhead, no breaker; the fallback is on. */
export const NAIVE_SUT: Readonly<SutOptions> = {
  timeoutMs: 1000,
  retryTarget: "none",
  ribbon: false,
  zoneAware: false,
  bulkheadThreads: 0,
  fallbacks: true,
  circuitBreaker: false,
  apiWorkers: 20,
};

/**
 * The services, edge first: a Zuul-like proxy, the API, personalisation (with a fallback),
 * playback, and the Cassandra-like store playback reads viewing state from.
 */
export const SUT_SERVICES = ["zuul", "api", "recs", "playback", "store"] as const;
export const INSTANCES: Record<(typeof SUT_SERVICES)[number], number> = {
  zuul: 3,
  api: 3,
  recs: 3,
  playback: 3,
  store: 3,
};
export const SUT_ZONES = 3;

/**
 * Checks the options; bad input throws SimConfigError naming the field (`sut.bulkheadThreads`).
 *
 * @example
 * checkSut({ ...NAIVE_SUT, bulkheadThreads: 10 }).bulkheadThreads // 10
 */
export function checkSut(o: SutOptions, path = "sut"): SutOptions {
  if (o === null || typeof o !== "object") throw new SimConfigError(path, o, "an object of SutOptions");
  // The store's reads split the timeout into shares (storeTimeoutMs): each must be at least 1 ms.
  checkNumber(`${path}.timeoutMs`, o.timeoutMs, { min: STORE_READ_ATTEMPTS + 1, max: 60_000 });
  checkOneOf(`${path}.retryTarget`, o.retryTarget, SUT_RETRY_TARGETS);
  checkBoolean(`${path}.ribbon`, o.ribbon);
  checkBoolean(`${path}.zoneAware`, o.zoneAware);
  checkNumber(`${path}.bulkheadThreads`, o.bulkheadThreads, { min: 0, max: 1000, integer: true });
  checkBoolean(`${path}.fallbacks`, o.fallbacks);
  checkBoolean(`${path}.circuitBreaker`, o.circuitBreaker);
  checkNumber(`${path}.apiWorkers`, o.apiWorkers, { min: 1, max: 1000, integer: true });
  if (o.apiQueueCapacity !== undefined)
    checkNumber(`${path}.apiQueueCapacity`, o.apiQueueCapacity, { min: 0, max: 10_000, integer: true });
  return o;
}

/** One call of the system with the chosen defences. */
export function callOf(o: SutOptions, service: string, timeoutMs: number, extra: Partial<CallSpec> = {}): CallSpec {
  const retries = o.retryTarget === "none" ? 0 : 1;
  const target = o.retryTarget === "same" ? "same" : "different";
  return {
    service,
    timeoutMs,
    retries,
    retryTarget: target,
    ...(o.ribbon
      ? {
          ribbon: {
            maxAutoRetries: o.retryTarget === "same" ? 1 : 0,
            maxAutoRetriesNextServer: o.retryTarget === "different" ? 1 : 0,
            readTimeoutMs: timeoutMs,
          },
        }
      : {}),
    ...(o.zoneAware ? { loadBalancer: "zoneAware" as const } : {}),
    ...(o.circuitBreaker ? { circuitBreaker: true } : {}),
    ...extra,
  };
}

/**
 * The proxy's timeout on the API: long enough for the API's own calls and their retry (the rule
 * Spring Cloud Netflix states for Zuul: Hystrix's timeout must cover Ribbon's read timeout times
 * its attempts), plus one more timeout for the API's queue and work. A proxy that gave up first
 * would cut the API's retry off and retry the whole request itself.
 *
 * @example
 * edgeTimeoutMs({ ...NAIVE_SUT, retryTarget: "different" }) // 3000
 */
export function edgeTimeoutMs(o: SutOptions): number {
  return (o.retryTarget === "none" ? 2 : 3) * o.timeoutMs;
}
