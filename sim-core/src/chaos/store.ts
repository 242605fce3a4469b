import type { CallSpec, ServiceSpec } from "../rpc/index.js";
import type { SutOptions } from "./system-under-test.js";

/**
 * Attempts of a store read: at consistency ONE any of the three replicas can answer, so the client
 * (Astyanax's token-aware pool, or the coordinator) tries another replica when one fails. This is
 * the store's own rule, whatever retry the learner sets for the mid tier.
 */
export const STORE_READ_ATTEMPTS = 2;

/**
 * Playback's timeout on one store read. It telescopes under the timeout on playback (module 5):
 * every attempt of the read fits in it with one share left over for playback's own work and
 * queue, so a dead replica never makes playback time out.
 *
 * @example
 * storeTimeoutMs(NAIVE_SUT) // 333
 */
export function storeTimeoutMs(o: SutOptions): number {
  return Math.floor(o.timeoutMs / (STORE_READ_ATTEMPTS + 1));
}

/**
 * Playback's read of the store, the same whatever defences the learner picks. Astyanax's pool
 * marks a host down after 3 timeouts within 10 s (ConnectionPoolConfigurationImpl's
 * DEFAULT_MAX_TIMEOUT_COUNT and DEFAULT_TIMEOUT_WINDOW) and tries another replica; Ribbon's
 * client model does the same (3 failures, then skipped for 10 s), so it stands in for it.
 *
 * @example
 * storeRead({ ...NAIVE_SUT, retryTarget: "none" }).ribbon // { maxAutoRetries: 0, maxAutoRetriesNextServer: 1, connectTimeoutMs: 333, readTimeoutMs: 333 }
 */
export function storeRead(o: SutOptions): CallSpec {
  const timeoutMs = storeTimeoutMs(o);
  return {
    service: "store",
    timeoutMs,
    ribbon: {
      maxAutoRetries: 0,
      maxAutoRetriesNextServer: STORE_READ_ATTEMPTS - 1,
      connectTimeoutMs: timeoutMs,
      readTimeoutMs: timeoutMs,
    },
  };
}

/**
 * The store: three replicas of the customers' viewing state, one per node given (one per zone).
 *
 * @example
 * storeService([0, 1, 2]).serviceTimeMs // { kind: 'lognormal', median: 2, p99: 10 }
 */
export function storeService(nodes: readonly number[]): ServiceSpec {
  return {
    name: "store",
    instances: nodes.length,
    nodes,
    // An illustrative SSD-era read of one row: a couple of ms, rarely ten.
    serviceTimeMs: { kind: "lognormal", median: 2, p99: 10 },
  };
}
