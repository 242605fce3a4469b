import type { DistributionSpec } from "../random/index.js";
import type { ReplayRecorder } from "../trace/index.js";
import type { BackoffSpec } from "./backoff.js";
import type { BulkheadKind, BulkheadSpec } from "./bulkhead.js";
import type { CircuitBreaker, CircuitBreakerSpec } from "./circuit-breaker.js";
import type { DiscoveryMode } from "./discovery.js";
import type { DiscoveryScope, EdgeRouter } from "./edge-router.js";
import type { LoadBalancer, LoadBalancerKind } from "./load-balancer.js";
import type { Outcome } from "./outcome.js";
import type { CallPolicy, RetryTarget } from "./policy.js";
import type { RetryBudget, RetryBudgetSpec } from "./retry-budget.js";
import type { RibbonSpec } from "./ribbon.js";

/** Hystrix default: execution.isolation.thread.timeoutInMilliseconds (HystrixCommandProperties.java default_executionTimeoutInMilliseconds = 1000). */
export const DEFAULT_TIMEOUT_MS = 1000;
/** Tomcat default: maxThreads (AbstractEndpoint.java maxThreads = 200), a thread-per-request server's worker pool. */
export const DEFAULT_WORKERS = 200;
/** Tomcat default: acceptCount (AbstractEndpoint.java acceptCount = 100), connections that wait when every thread is busy. */
export const DEFAULT_QUEUE_CAPACITY = 100;

/** How one service calls one dependency. Unset fields take the naive defaults. */
export interface CallSpec {
  /** The callee's service name. */
  service: string;
  timeoutMs?: number;
  retries?: number;
  retryTarget?: RetryTarget;
  retryOn?: readonly Outcome[];
  backoff?: BackoffSpec;
  /** Replaces timeoutMs, retries, retryTarget, retryOn and backoff with a custom policy. */
  policy?: CallPolicy;
  /** Sends a second attempt to another instance if no answer came within this time. */
  hedgeAfterMs?: number;
  /** A retry budget per calling instance (a spec) or a factory for a custom one. */
  retryBudget?: RetryBudgetSpec | (() => RetryBudget);
  /** A circuit breaker per calling instance: `true` for Hystrix defaults, a spec, or a factory. */
  circuitBreaker?: boolean | CircuitBreakerSpec | (() => CircuitBreaker);
  /** When the call fails in the end, answer with a fallback (degraded, but not an error). */
  fallback?: boolean;
  /**
   * Hystrix isolation per calling instance: a thread pool or a semaphore of 10 (Hystrix's
   * defaults), or a spec with another size. A call that finds it full is rejected at once.
   */
  bulkhead?: BulkheadKind | BulkheadSpec;
  /**
   * A Ribbon client: `true` for Ribbon's defaults (one retry on the next server, 2 s connect and
   * 5 s read timeouts, servers skipped after 3 connection failures) or a spec. A `policy` given
   * too replaces Ribbon's retry rule.
   */
  ribbon?: boolean | RibbonSpec;
  loadBalancer?: LoadBalancerKind | (() => LoadBalancer);
}

/** Calls made one after another; an array inside is a group of calls made in parallel. */
export type CallStage = CallSpec | readonly CallSpec[];

export interface ServiceSpec {
  name: string;
  instances: number;
  /** Threads per instance; a thread is held while the request waits on its dependencies. */
  workers?: number;
  /** Requests that may wait for a thread; more are rejected at once. */
  queueCapacity?: number;
  /** The instance's own work per request, before it calls dependencies. */
  serviceTimeMs: DistributionSpec;
  /** Probability that the instance's own work fails. */
  errorRate?: number;
  calls?: readonly CallStage[];
  /** Node of each instance; by default instances are spread over zones in turn. */
  nodes?: readonly number[];
  /**
   * How many of the last instances start stopped: spare capacity an autoscaler may start later
   * (`RpcSystem.startInstance`). Their nodes are down and they are not registered until started,
   * so each must have a node of its own.
   */
  stoppedInstances?: number;
}

export interface RpcSpec {
  services: readonly ServiceSpec[];
  /** The service clients call. */
  edge: string;
  /** Carry a deadline with each request, so callees drop and stop work nobody will read. */
  deadlinePropagation?: boolean;
  /** The deadline set at the edge when propagation is on (default: none, only per-call ones). */
  edgeDeadlineMs?: number;
  discovery?: DiscoveryMode;
  /**
   * `region`: each region has its own registry and a client sees only its region's instances, as
   * Netflix ran Eureka (one cluster per AWS region); `global` (default): one registry for all.
   */
  discoveryScope?: DiscoveryScope;
  /** Sends each client request to one region's edge (default: any edge instance, in turn). */
  edgeRouter?: EdgeRouter;
  /** Which requests to trace: the first `count` arriving at or after `fromMs`. */
  trace?: { fromMs?: number; count?: number };
  /** Bin width of time series, in ms. */
  seriesBinMs?: number;
  /** Records the run for a viewer (topology, queues, messages); reading only, it changes no number. */
  replay?: ReplayRecorder;
}
