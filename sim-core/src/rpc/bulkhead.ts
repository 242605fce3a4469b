import { checkNumber, checkOneOf, SimConfigError } from "../errors/index.js";

/** Hystrix default: coreSize (HystrixThreadPoolProperties.java default_coreSize = 10), threads per dependency's pool. */
export const HYSTRIX_THREAD_POOL_CORE_SIZE = 10;
/**
 * Hystrix default: maxQueueSize (HystrixThreadPoolProperties.java default_maxQueueSize = -1): a
 * SynchronousQueue, so a call that finds every thread busy is rejected at once. Queued pools are
 * not modelled.
 */
export const HYSTRIX_MAX_QUEUE_SIZE = -1;
/**
 * Hystrix default: execution.isolation.semaphore.maxConcurrentRequests (HystrixCommandProperties.java
 * default_executionIsolationSemaphoreMaxConcurrentRequests = 10).
 */
export const HYSTRIX_SEMAPHORE_MAX_CONCURRENT = 10;

/** Hystrix's two isolation strategies (execution.isolation.strategy: THREAD or SEMAPHORE). */
export type BulkheadKind = "thread" | "semaphore";
export const BULKHEAD_KINDS: readonly BulkheadKind[] = ["thread", "semaphore"];

/** A bulkhead's kind and size: threads in the pool, or permits of the semaphore. */
export interface BulkheadSpec {
  kind: BulkheadKind;
  /** coreSize of the pool, or maxConcurrentRequests of the semaphore (default 10 either way). */
  size?: number;
}

/**
 * One calling instance's isolation for one dependency: at most `size` calls at once, and a call
 * that finds it full is rejected at once (Hystrix's THREAD_POOL_REJECTED or SEMAPHORE_REJECTED),
 * so a hung dependency holds `size` of the caller's threads, not all of them. In this model both
 * kinds hold their slot for the whole logical call (every attempt); they differ in defaults and
 * in what Hystrix calls the rejection.
 *
 * @example
 * const b = new Bulkhead({ kind: "semaphore", size: 1 }); [b.tryAcquire(), b.tryAcquire()] // [true, false]
 */
export class Bulkhead {
  readonly kind: BulkheadKind;
  readonly size: number;
  inUse = 0;

  constructor(spec: BulkheadSpec, path = "bulkhead") {
    if (spec === null || typeof spec !== "object")
      throw new SimConfigError(path, spec, 'an object such as { kind: "thread" }');
    this.kind = checkOneOf(`${path}.kind`, spec.kind, BULKHEAD_KINDS);
    const fallback = this.kind === "thread" ? HYSTRIX_THREAD_POOL_CORE_SIZE : HYSTRIX_SEMAPHORE_MAX_CONCURRENT;
    this.size = checkNumber(`${path}.size`, spec.size ?? fallback, { min: 1, max: 100_000, integer: true });
  }

  /** Takes a slot if one is free. */
  tryAcquire(): boolean {
    if (this.inUse >= this.size) return false;
    this.inUse++;
    return true;
  }

  release(): void {
    this.inUse--;
  }
}

/**
 * A factory of bulkheads from a call's `bulkhead` option (checked once here), or null without one.
 *
 * @example
 * bulkheadFactory("thread", "call.bulkhead")?.().size // 10
 */
export function bulkheadFactory(
  option: BulkheadKind | BulkheadSpec | undefined,
  path: string,
): (() => Bulkhead) | null {
  if (option === undefined) return null;
  const spec: BulkheadSpec = typeof option === "string" ? { kind: option } : option;
  new Bulkhead(spec, path);
  return () => new Bulkhead(spec, path);
}
