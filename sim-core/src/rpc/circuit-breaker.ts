import { checkNumber, SimConfigError } from "../errors/index.js";

/** Hystrix default: circuitBreaker.requestVolumeThreshold = 20. */
export const HYSTRIX_REQUEST_VOLUME_THRESHOLD = 20;
/** Hystrix default: circuitBreaker.errorThresholdPercentage = 50. */
export const HYSTRIX_ERROR_THRESHOLD_PERCENTAGE = 50;
/** Hystrix default: circuitBreaker.sleepWindowInMilliseconds = 5000. */
export const HYSTRIX_SLEEP_WINDOW_MS = 5000;
/** Hystrix default: metrics.rollingStats.timeInMilliseconds = 10000, in 10 buckets. */
export const HYSTRIX_ROLLING_WINDOW_MS = 10_000;
const HYSTRIX_BUCKETS = 10;

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
}

/**
 * Hystrix's breaker: over a rolling window, once at least `requestVolumeThreshold` requests were
 * seen and at least `errorThresholdPercentage` of them failed, it opens; after `sleepWindowMs`
 * one trial request goes through (half-open); its success closes the breaker, its failure
 * reopens it.
 *
 * @example
 * const b = new HystrixCircuitBreaker({ requestVolumeThreshold: 2 });
 * b.record(0, false); b.record(0, false); b.allowRequest(0) // false
 */
export class HystrixCircuitBreaker implements CircuitBreaker {
  state: BreakerState = "closed";
  private readonly volume: number;
  private readonly errorPercent: number;
  private readonly sleepUs: number;
  private readonly bucketUs: number;
  private readonly total = new Float64Array(HYSTRIX_BUCKETS);
  private readonly failed = new Float64Array(HYSTRIX_BUCKETS);
  private readonly stamps = new Float64Array(HYSTRIX_BUCKETS).fill(-1);
  private openedUs = 0;
  private trialOut = false;

  constructor(spec: CircuitBreakerSpec = {}, path = "circuitBreaker") {
    if (spec === null || typeof spec !== "object") throw new SimConfigError(path, spec, "an object");
    this.volume = checkNumber(
      `${path}.requestVolumeThreshold`,
      spec.requestVolumeThreshold ?? HYSTRIX_REQUEST_VOLUME_THRESHOLD,
      {
        min: 1,
        integer: true,
      },
    );
    this.errorPercent = checkNumber(
      `${path}.errorThresholdPercentage`,
      spec.errorThresholdPercentage ?? HYSTRIX_ERROR_THRESHOLD_PERCENTAGE,
      { min: 0, max: 100 },
    );
    this.sleepUs =
      checkNumber(`${path}.sleepWindowMs`, spec.sleepWindowMs ?? HYSTRIX_SLEEP_WINDOW_MS, { min: 0 }) * 1000;
    const windowMs = checkNumber(`${path}.rollingWindowMs`, spec.rollingWindowMs ?? HYSTRIX_ROLLING_WINDOW_MS, {
      min: HYSTRIX_BUCKETS,
    });
    this.bucketUs = (windowMs * 1000) / HYSTRIX_BUCKETS;
  }

  allowRequest(nowUs: number): boolean {
    if (this.state === "closed") return true;
    if (this.state === "open" && nowUs - this.openedUs >= this.sleepUs) {
      this.state = "halfOpen";
      this.trialOut = false;
    }
    if (this.state === "halfOpen" && !this.trialOut) {
      this.trialOut = true;
      return true;
    }
    return false;
  }

  record(nowUs: number, success: boolean): void {
    if (this.state === "halfOpen") {
      if (success) {
        this.state = "closed";
        this.stamps.fill(-1);
      } else {
        this.state = "open";
        this.openedUs = nowUs;
      }
      this.trialOut = false;
      return;
    }
    if (this.state === "open") return;
    const b = Math.floor(nowUs / this.bucketUs);
    const i = b % HYSTRIX_BUCKETS;
    if (this.stamps[i] !== b) {
      this.stamps[i] = b;
      this.total[i] = 0;
      this.failed[i] = 0;
    }
    this.total[i] = (this.total[i] as number) + 1;
    if (!success) this.failed[i] = (this.failed[i] as number) + 1;
    if (success) return;
    let total = 0;
    let failed = 0;
    for (let k = 0; k < HYSTRIX_BUCKETS; k++) {
      if ((this.stamps[k] as number) > b - HYSTRIX_BUCKETS) {
        total += this.total[k] as number;
        failed += this.failed[k] as number;
      }
    }
    if (total >= this.volume && (failed * 100) / total >= this.errorPercent) {
      this.state = "open";
      this.openedUs = nowUs;
    }
  }
}
