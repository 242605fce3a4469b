import { SimConfigError } from "../errors/index.js";
import {
  type BackoffKind,
  type BulkheadKind,
  type CallPolicy,
  type CallSpec,
  DEFAULT_WORKERS,
  type RetryTarget,
  type ServiceSpec,
} from "../rpc/index.js";
import type { TimeoutBudgetsParams } from "./timeout-budgets-params.js";

/** The backoff cap as a multiple of its base, as in the AWS blog's examples. */
const BACKOFF_CAP_FACTOR = 20;
/**
 * Finagle's floor (minRetriesPerSec = 10) is per client process; here every instance has its own
 * budget, and ten per second per instance would let a three-instance tier retry 30 times a
 * second whatever the ratio says. One per second keeps the floor a floor.
 */
const BUDGET_MIN_PER_S_PER_INSTANCE = 1;
/** Upper tiers do little work of their own: a few ms of parsing and routing. */
const TIER_SERVICE_MS = { kind: "lognormal", median: 2, p99: 6 } as const;

/** Names of the layers: edge, mid (or mid1, mid2), and the deep services. */
export function layerNames(p: TimeoutBudgetsParams): { tiers: string[]; deep: string[] } {
  const mids = p.depth - 2;
  const tiers = ["edge", ...Array.from({ length: mids }, (_, i) => (mids === 1 ? "mid" : `mid${i + 1}`))];
  const deep = Array.from({ length: p.fanOut }, (_, i) => (p.fanOut === 1 ? "deep" : `deep${i + 1}`));
  return { tiers, deep };
}

/** The services of the run: a chain of tiers, the last one calling every deep service in parallel. */
export function buildServices(p: TimeoutBudgetsParams, policy: CallPolicy | undefined): ServiceSpec[] {
  if (p.faultInstances > p.instances) {
    throw new SimConfigError("timeoutBudgets.faultInstances", p.faultInstances, `at most instances (${p.instances})`);
  }
  const { tiers, deep } = layerNames(p);
  const call = (service: string, hop: number): CallSpec => ({
    service,
    timeoutMs: hop === 1 ? p.edgeTimeoutMs : p.innerTimeoutMs,
    retries: p.retries,
    retryTarget: p.retryTarget as RetryTarget,
    backoff: {
      kind: p.backoff as BackoffKind,
      baseMs: p.backoff === "none" ? 0 : p.backoffBaseMs,
      capMs: p.backoff === "none" ? 0 : p.backoffBaseMs * BACKOFF_CAP_FACTOR,
    },
    ...(policy !== undefined ? { policy } : {}),
    ...(p.retryBudgetPercent > 0
      ? { retryBudget: { ratio: p.retryBudgetPercent / 100, minPerSecond: BUDGET_MIN_PER_S_PER_INSTANCE } }
      : {}),
    ...(p.circuitBreaker ? { circuitBreaker: true, fallback: true } : {}),
    ...(p.bulkhead !== "none"
      ? { bulkhead: { kind: p.bulkhead as BulkheadKind, size: p.bulkheadSize }, fallback: true }
      : {}),
    ...(p.hedgeAfterMs > 0 ? { hedgeAfterMs: p.hedgeAfterMs } : {}),
  });
  const pool = { instances: p.instances, queueCapacity: p.queueCapacity };
  const services: ServiceSpec[] = tiers.map((name, i) => ({
    name,
    ...pool,
    workers: DEFAULT_WORKERS,
    serviceTimeMs: TIER_SERVICE_MS,
    calls:
      i < tiers.length - 1
        ? [call(tiers[i + 1] as string, i + 1)]
        : [deep.length === 1 ? call(deep[0] as string, i + 1) : deep.map((d) => call(d, i + 1))],
  }));
  for (const name of deep) {
    services.push({
      name,
      ...pool,
      workers: p.deepWorkers,
      serviceTimeMs: { kind: "lognormal", median: p.deepServiceMs, p99: 3 * p.deepServiceMs },
    });
  }
  return services;
}
