export {
  BULKHEAD_KINDS,
  Bulkhead,
  type BulkheadKind,
  type BulkheadSpec,
  bulkheadFactory,
  HYSTRIX_MAX_QUEUE_SIZE,
  HYSTRIX_SEMAPHORE_MAX_CONCURRENT,
  HYSTRIX_THREAD_POOL_CORE_SIZE,
} from "./bulkhead.js";
export { BACKOFF_KINDS, type BackoffKind, type BackoffSpec, backoffMs, checkBackoff, NO_BACKOFF } from "./backoff.js";
export {
  type BreakerState,
  type CircuitBreaker,
  type CircuitBreakerSpec,
  HYSTRIX_ERROR_THRESHOLD_PERCENTAGE,
  HYSTRIX_HEALTH_SNAPSHOT_MS,
  HYSTRIX_REQUEST_VOLUME_THRESHOLD,
  HYSTRIX_ROLLING_BUCKETS,
  HYSTRIX_ROLLING_WINDOW_MS,
  HYSTRIX_SLEEP_WINDOW_MS,
  HystrixCircuitBreaker,
} from "./circuit-breaker.js";
export {
  DISCOVERY_MODES,
  Discovery,
  type DiscoveryMode,
  EUREKA_REGISTRY_FETCH_S,
  EUREKA_RESPONSE_CACHE_UPDATE_MS,
  RIBBON_SERVER_LIST_REFRESH_MS,
} from "./discovery.js";
export {
  EUREKA_EVICTION_INTERVAL_MS,
  EUREKA_EXPECTED_RENEWAL_INTERVAL_S,
  EUREKA_LEASE_EXPIRATION_S,
  EUREKA_RENEWAL_INTERVAL_S,
  EUREKA_RENEWAL_PERCENT_THRESHOLD,
  evictionLimit,
  firstEvictionRunUs,
  leaseEndUs,
  leaseExpirationEnabled,
  nextTickUs,
  renewalsIn,
  type UpPeriod,
} from "./eureka-lease.js";
export { chooseEvictions, type InstanceRef, isListed } from "./eureka-registry.js";
export { DISCOVERY_SCOPES, type DiscoveryScope, type EdgeRouter } from "./edge-router.js";
export { type FlowOptions, fanOutFlow } from "./flow.js";
export {
  LOAD_BALANCER_KINDS,
  type LoadBalancer,
  type LoadBalancerKind,
  leastOutstanding,
  loadBalancer,
  type PickContext,
  random,
  roundRobin,
  zoneAware,
} from "./load-balancer.js";
export { RIBBON_TRIGGERING_LOAD_PER_SERVER, zoneAwareRule } from "./zone-aware.js";
export { OUTCOMES, type Outcome, outcomeCode } from "./outcome.js";
export {
  type CallContext,
  type CallDecision,
  type CallPolicy,
  checkDecision,
  composeCallPolicy,
  DEFAULT_RETRY_ON,
  type DeadlinePolicy,
  deadlineAwareTimeout,
  type FixedPolicyOptions,
  fixedCallPolicy,
  fixedRetryPolicy,
  fixedTimeout,
  RETRY_TARGETS,
  type RetryPolicy,
  type RetryTarget,
} from "./policy.js";
export {
  type CallResult,
  type FallbackCounts,
  type OutcomeCounts,
  type RpcResults,
  rpcResults,
  type ServiceResult,
} from "./results.js";
export {
  RETRY_BUDGET_MIN_PER_S,
  RETRY_BUDGET_RATIO,
  RETRY_BUDGET_TTL_S,
  type RetryBudget,
  type RetryBudgetSpec,
  WindowedRetryBudget,
} from "./retry-budget.js";
export {
  type CallSpec,
  type CallStage,
  DEFAULT_QUEUE_CAPACITY,
  DEFAULT_TIMEOUT_MS,
  DEFAULT_WORKERS,
  type RpcSpec,
  type ServiceSpec,
} from "./spec.js";
export { Station, type StationOptions } from "./station.js";
export {
  RIBBON_CIRCUIT_TRIP_MAX_TIMEOUT_S,
  RIBBON_CIRCUIT_TRIP_TIMEOUT_FACTOR_S,
  RIBBON_CONNECT_TIMEOUT_MS,
  RIBBON_CONNECTION_FAILURE_COUNT_THRESHOLD,
  RIBBON_MAX_AUTO_RETRIES,
  RIBBON_MAX_AUTO_RETRIES_NEXT_SERVER,
  RIBBON_READ_TIMEOUT_MS,
  type RibbonClient,
  type RibbonSpec,
  ribbonCallPolicy,
  ribbonClient,
  ServerStats,
} from "./ribbon.js";
export { RpcSystem } from "./system.js";
