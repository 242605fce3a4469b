import { checkNumber, SimConfigError } from "../errors/index.js";
import { US_PER_MS } from "../kernel/index.js";

// Defaults from Netflix/Hystrix, hystrix-core/src/main/java/com/netflix/hystrix/HystrixCommandProperties.java.
/** Hystrix default: circuitBreaker.requestVolumeThreshold (HystrixCommandProperties.java default_circuitBreakerRequestVolumeThreshold = 20). */
export const HYSTRIX_REQUEST_VOLUME_THRESHOLD = 20;
/** Hystrix default: circuitBreaker.errorThresholdPercentage (HystrixCommandProperties.java default_circuitBreakerErrorThresholdPercentage = 50). */
export const HYSTRIX_ERROR_THRESHOLD_PERCENTAGE = 50;
/** Hystrix default: circuitBreaker.sleepWindowInMilliseconds (HystrixCommandProperties.java default_circuitBreakerSleepWindowInMilliseconds = 5000). */
export const HYSTRIX_SLEEP_WINDOW_MS = 5000;
/** Hystrix default: metrics.rollingStats.timeInMilliseconds (HystrixCommandProperties.java default_metricsRollingStatisticalWindow = 10000). */
export const HYSTRIX_ROLLING_WINDOW_MS = 10_000;
/** Hystrix default: metrics.rollingStats.numBuckets (HystrixCommandProperties.java default_metricsRollingStatisticalWindowBuckets = 10). */
export const HYSTRIX_ROLLING_BUCKETS = 10;
/** Hystrix default: metrics.healthSnapshot.intervalInMilliseconds (HystrixCommandProperties.java default_metricsHealthSnapshotIntervalInMilliseconds = 500). */
export const HYSTRIX_HEALTH_SNAPSHOT_MS = 500;

/** The state a breaker reports, for charts and tests. */
export type BreakerState = "closed" | "open" | "halfOpen";

/** Guards calls to one dependency; a lab may implement its own. */
export interface CircuitBreaker {
  /** Whether a request may go out now; false short-circuits it (to the fallback). */
  allowRequest(nowUs: number): boolean;
  /** Reports how an allowed request ended. */
  record(nowUs: number, success: boolean): void;
  readonly state: BreakerState;
}

export interface CircuitBreakerSpec {
  requestVolumeThreshold?: number;
  errorThresholdPercentage?: number;
  sleepWindowMs?: number;
  rollingWindowMs?: number;
  healthSnapshotIntervalMs?: number;
}

/**
 * Hystrix's breaker as `HystrixCircuitBreaker.java` (1.5) runs it. Health counts are sums of
 * `healthSnapshotIntervalMs` buckets over `rollingWindowMs` (HealthCountsStream: 10 000 / 500 =
 * 20 buckets; the 10 one-second rollingStats buckets feed only the dashboards), published when
 * each bucket ends, so the breaker sees failures up to 500 ms late. On a published snapshot with
 * at least `requestVolumeThreshold` requests and an error percentage (truncated to an integer)
 * of at least `errorThresholdPercentage`, a closed breaker opens. The first request strictly
 * after the sleep window goes through (half-open); its success closes the breaker and restarts
 * the health counts from zero (`metrics.resetStream()`), its failure reopens it from now.
 *
 * @example
 * const b = new HystrixCircuitBreaker({ requestVolumeThreshold: 2 });
 * b.record(0, false); b.record(0, false); [b.allowRequest(499_999), b.allowRequest(500_000)] // [true, false]
 */
export class HystrixCircuitBreaker implements CircuitBreaker {
  state: BreakerState = "closed";
  private readonly volume: number;
  private readonly errorPercent: number;
  private readonly sleepUs: number;
  private readonly snapshotUs: number;
  private readonly buckets: number;
  private readonly total: Float64Array;
  private readonly failed: Float64Array;
  private readonly stamps: Float64Array;
  /** Start of the health stream: the first use, then each close. -1 before the first use. */
  private streamStartUs = -1;
  /** The last bucket whose snapshot was published, and the last that holds a request. */
  private published = -1;
  private lastFilled = -Infinity;
  private openedUs = -1;

  constructor(spec: CircuitBreakerSpec = {}, path = "circuitBreaker") {
    if (spec === null || typeof spec !== "object") throw new SimConfigError(path, spec, "an object");
    const int = { min: 1, integer: true };
    this.volume = checkNumber(
      `${path}.requestVolumeThreshold`,
      spec.requestVolumeThreshold ?? HYSTRIX_REQUEST_VOLUME_THRESHOLD,
      int,
    );
    this.errorPercent = checkNumber(
      `${path}.errorThresholdPercentage`,
      spec.errorThresholdPercentage ?? HYSTRIX_ERROR_THRESHOLD_PERCENTAGE,
      { min: 0, max: 100 },
    );
    this.sleepUs = checkNumber(`${path}.sleepWindowMs`, spec.sleepWindowMs ?? HYSTRIX_SLEEP_WINDOW_MS, int) * US_PER_MS;
    const snapshotMs = checkNumber(
      `${path}.healthSnapshotIntervalMs`,
      spec.healthSnapshotIntervalMs ?? HYSTRIX_HEALTH_SNAPSHOT_MS,
      int,
    );
    const windowMs = checkNumber(`${path}.rollingWindowMs`, spec.rollingWindowMs ?? HYSTRIX_ROLLING_WINDOW_MS, int);
    if (windowMs % snapshotMs !== 0)
      throw new SimConfigError(
        `${path}.rollingWindowMs`,
        windowMs,
        `a multiple of healthSnapshotIntervalMs (${snapshotMs})`,
      );
    this.snapshotUs = snapshotMs * US_PER_MS;
    this.buckets = windowMs / snapshotMs;
    this.total = new Float64Array(this.buckets);
    this.failed = new Float64Array(this.buckets);
    this.stamps = new Float64Array(this.buckets).fill(-1);
  }

  /** Hystrix's `attemptExecution()`: closed lets all through, open lets one trial through after the sleep window. */
  allowRequest(nowUs: number): boolean {
    this.publishUntil(nowUs);
    if (this.openedUs < 0) return true;
    if (this.state === "open" && nowUs > this.openedUs + this.sleepUs) {
      this.state = "halfOpen";
      return true;
    }
    return false;
  }

  /** The health counts' event and `markSuccess()` / `markNonSuccess()`. */
  record(nowUs: number, success: boolean): void {
    this.publishUntil(nowUs);
    const k = Math.floor((nowUs - this.streamStartUs) / this.snapshotUs);
    const i = k % this.buckets;
    if (this.stamps[i] !== k) {
      this.stamps[i] = k;
      this.total[i] = 0;
      this.failed[i] = 0;
    }
    this.total[i] = (this.total[i] as number) + 1;
    if (!success) this.failed[i] = (this.failed[i] as number) + 1;
    this.lastFilled = k;
    if (this.state !== "halfOpen") return;
    if (success) {
      this.state = "closed";
      this.openedUs = -1;
      this.resetStream(nowUs);
    } else {
      this.state = "open";
      this.openedUs = nowUs;
    }
  }

  /** The state after every snapshot published up to `nowUs`. */
  stateAt(nowUs: number): BreakerState {
    this.publishUntil(nowUs);
    return this.state;
  }

  private resetStream(nowUs: number): void {
    this.streamStartUs = nowUs;
    this.published = -1;
    this.lastFilled = -Infinity;
    this.stamps.fill(-1);
  }

  /** Publishes the snapshots of every bucket that ended by `nowUs`, in order (HealthCountsStream). */
  private publishUntil(nowUs: number): void {
    if (this.streamStartUs < 0) this.resetStream(nowUs);
    const ended = Math.floor((nowUs - this.streamStartUs) / this.snapshotUs) - 1;
    if (ended <= this.published) return;
    // A snapshot can only trip while its window holds a request: later ones are all empty.
    const last = Math.min(ended, this.lastFilled + this.buckets - 1);
    for (let k = this.published + 1; k <= last && this.state === "closed"; k++) {
      if (this.trips(k)) {
        this.state = "open";
        this.openedUs = this.streamStartUs + (k + 1) * this.snapshotUs;
      }
    }
    this.published = ended;
  }

  private trips(k: number): boolean {
    let total = 0;
    let failed = 0;
    for (let j = 0; j < this.buckets; j++) {
      const stamp = this.stamps[j] as number;
      if (stamp <= k && stamp > k - this.buckets) {
        total += this.total[j] as number;
        failed += this.failed[j] as number;
      }
    }
    // HystrixCommandMetrics.HealthCounts: errorPercentage = (int) (errors / total * 100).
    return total >= this.volume && Math.trunc((failed / total) * 100) >= this.errorPercent;
  }
}
