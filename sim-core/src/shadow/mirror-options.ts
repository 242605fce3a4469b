import { checkNumber, checkOneOf } from "../errors/index.js";

/** How the primary copies a request to the shadow stack. */
export const MIRROR_MODES = ["none", "sync", "async-bounded", "async-unbounded"] as const;
export type MirrorMode = (typeof MIRROR_MODES)[number];
/** The cloud stack's state: answering, slow (every service time multiplied), or hanging. */
export const CLOUD_STATES = ["healthy", "slow", "down"] as const;
export type CloudState = (typeof CLOUD_STATES)[number];

/** Tomcat's HTTP connector default `maxThreads`: the monolith's request threads. */
export const TOMCAT_MAX_THREADS = 200;
/** Tomcat's HTTP connector default `acceptCount`: connections queued when every thread is busy. */
export const TOMCAT_ACCEPT_COUNT = 100;
/** Hystrix default `execution.isolation.thread.timeoutInMilliseconds`: the shadow call's timeout. */
export const HYSTRIX_TIMEOUT_MS = 1000;
/** Hystrix default thread pool `coreSize` (with `maxQueueSize` -1, no queue): the bounded mirror's limit. */
export const HYSTRIX_CORE_SIZE = 10;

/**
 * One mirroring run, every field required (the scenario fills its defaults). Durations in ms.
 * The primary is the data-centre monolith; the shadow path goes to the cloud stack.
 */
export interface MirrorOptions {
  mode: MirrorMode;
  cloud: CloudState;
  ratePerSec: number;
  durationMs: number;
  /** Length of one observation window (and of one ramp step). */
  windowMs: number;
  primaryThreads: number;
  primaryQueue: number;
  /** The primary's own work: lognormal with this median and p99. */
  primaryMedianMs: number;
  primaryP99Ms: number;
  /** The website gives up after this long; a slower answer counts as an error. */
  clientTimeoutMs: number;
  cloudWorkers: number;
  cloudQueue: number;
  /** Service time in the cloud on a cache hit and on a miss (exponential, these means). */
  cloudHitMs: number;
  cloudMissMs: number;
  /** Hit ratio of a fully warm cache, and the requests served for it to warm by 1 − 1/e. */
  cacheHitRatioMax: number;
  cacheWarmRequests: number;
  /** Share of shadow calls the cloud fails outright. */
  cloudErrorRate: number;
  /** Service-time multiplier when the cloud is slow. */
  slowFactor: number;
  /** One-way network latency from the data centre to the cloud. */
  networkMs: number;
  /** Timeout of a shadow call in the sync and bounded modes (the unbounded mode has none). */
  shadowTimeoutMs: number;
  /** Shadow calls in flight at most in the bounded mode; more are dropped. */
  maxInFlight: number;
  /** Memory one pending shadow call holds (request copy, buffers, future). */
  requestKb: number;
  /** Heap the monolith can spare before it fails with OutOfMemoryError. */
  heapHeadroomMb: number;
}

/**
 * Checks every field of a mirroring run and returns it, naming the field and its range on error.
 *
 * @example
 * checkMirrorOptions({ ...DEFAULT_MIRROR, mode: "sync" }).mode // 'sync'
 */
export function checkMirrorOptions(o: MirrorOptions): MirrorOptions {
  const p = "mirror";
  const pos = { min: 0, minExclusive: true } as const;
  checkOneOf(`${p}.mode`, o.mode, MIRROR_MODES);
  checkOneOf(`${p}.cloud`, o.cloud, CLOUD_STATES);
  checkNumber(`${p}.ratePerSec`, o.ratePerSec, { ...pos, max: 1e5 });
  checkNumber(`${p}.durationMs`, o.durationMs, { ...pos, max: 3.6e6 });
  checkNumber(`${p}.windowMs`, o.windowMs, { ...pos, max: o.durationMs });
  checkNumber(`${p}.primaryThreads`, o.primaryThreads, { min: 1, max: 1e4, integer: true });
  checkNumber(`${p}.primaryQueue`, o.primaryQueue, { min: 0, max: 1e6, integer: true });
  checkNumber(`${p}.primaryMedianMs`, o.primaryMedianMs, pos);
  checkNumber(`${p}.primaryP99Ms`, o.primaryP99Ms, { min: o.primaryMedianMs });
  checkNumber(`${p}.clientTimeoutMs`, o.clientTimeoutMs, pos);
  checkNumber(`${p}.cloudWorkers`, o.cloudWorkers, { min: 1, max: 1e4, integer: true });
  checkNumber(`${p}.cloudQueue`, o.cloudQueue, { min: 0, max: 1e6, integer: true });
  checkNumber(`${p}.cloudHitMs`, o.cloudHitMs, pos);
  checkNumber(`${p}.cloudMissMs`, o.cloudMissMs, { min: o.cloudHitMs });
  checkNumber(`${p}.cacheHitRatioMax`, o.cacheHitRatioMax, { min: 0, max: 1 });
  checkNumber(`${p}.cacheWarmRequests`, o.cacheWarmRequests, pos);
  checkNumber(`${p}.cloudErrorRate`, o.cloudErrorRate, { min: 0, max: 1 });
  checkNumber(`${p}.slowFactor`, o.slowFactor, { min: 1, max: 1000 });
  checkNumber(`${p}.networkMs`, o.networkMs, { min: 0, max: 1000 });
  checkNumber(`${p}.shadowTimeoutMs`, o.shadowTimeoutMs, pos);
  checkNumber(`${p}.maxInFlight`, o.maxInFlight, { min: 1, max: 1e6, integer: true });
  checkNumber(`${p}.requestKb`, o.requestKb, pos);
  checkNumber(`${p}.heapHeadroomMb`, o.heapHeadroomMb, pos);
  return o;
}

/**
 * A healthy cloud stack behind send-and-forget with the timeout and limit above. The cloud figures are our
 * assumptions: eight workers, 10 ms on a cache hit, 80 ms on a miss, a 90% warm hit ratio.
 */
export const DEFAULT_MIRROR: MirrorOptions = {
  mode: "async-bounded",
  cloud: "healthy",
  ratePerSec: 200,
  durationMs: 30_000,
  windowMs: 1000,
  primaryThreads: TOMCAT_MAX_THREADS,
  primaryQueue: TOMCAT_ACCEPT_COUNT,
  primaryMedianMs: 20,
  primaryP99Ms: 100,
  clientTimeoutMs: 2000,
  cloudWorkers: 8,
  cloudQueue: 100,
  cloudHitMs: 10,
  cloudMissMs: 80,
  cacheHitRatioMax: 0.9,
  cacheWarmRequests: 2000,
  cloudErrorRate: 0.001,
  slowFactor: 20,
  networkMs: 5,
  shadowTimeoutMs: HYSTRIX_TIMEOUT_MS,
  maxInFlight: HYSTRIX_CORE_SIZE,
  requestKb: 64,
  heapHeadroomMb: 256,
};
