import { checkNumber, SimConfigError } from "../errors/index.js";
import { US_PER_S } from "../kernel/index.js";

/** Finagle default: ttl = 10 seconds (RetryBudget.scala DefaultTtl, used by RetryBudget.apply()). */
export const RETRY_BUDGET_TTL_S = 10;
/** Finagle default: minRetriesPerSec = 10 (RetryBudget.scala apply(), which passes DefaultTtl, 10, 0.2). */
export const RETRY_BUDGET_MIN_PER_S = 10;
/** Finagle default: percentCanRetry = 0.2 (RetryBudget.scala apply(); Envoy's retry_budget.budget_percent is also 20%). */
export const RETRY_BUDGET_RATIO = 0.2;

/** Retries allowed as a share of recent requests, plus a floor per second (Finagle, Envoy). */
export interface RetryBudgetSpec {
  /** Retries allowed per original request over the window, e.g. 0.2. */
  ratio: number;
  /** Retries always allowed per second, so a quiet client can still retry. */
  minPerSecond: number;
  /** How long a deposit counts, in seconds. */
  ttlSeconds?: number;
}

/** A budget that a client asks before each retry. */
export interface RetryBudget {
  /** Records an original request (not a retry). */
  deposit(nowUs: number): void;
  /** Spends one retry if the budget allows; returns whether it did. */
  tryWithdraw(nowUs: number): boolean;
}

/**
 * Finagle-style budget: over the last `ttlSeconds`, retries may not exceed
 * `minPerSecond · ttlSeconds + ratio · requests`. Counted in one-second buckets (bounded memory).
 *
 * @example
 * const b = new WindowedRetryBudget({ ratio: 0.5, minPerSecond: 0 });
 * b.deposit(0); b.deposit(0); [b.tryWithdraw(0), b.tryWithdraw(0)] // [true, false]
 */
export class WindowedRetryBudget implements RetryBudget {
  private readonly ratio: number;
  private readonly reserve: number;
  private readonly deposits: Float64Array;
  private readonly withdrawals: Float64Array;
  private readonly stamps: Float64Array;
  private readonly ttl: number;

  constructor(spec: RetryBudgetSpec, path = "retryBudget") {
    if (spec === null || typeof spec !== "object") {
      throw new SimConfigError(path, spec, "an object { ratio, minPerSecond, ttlSeconds? }");
    }
    this.ratio = checkNumber(`${path}.ratio`, spec.ratio, { min: 0, max: 10 });
    const minPerSecond = checkNumber(`${path}.minPerSecond`, spec.minPerSecond, { min: 0 });
    this.ttl = checkNumber(`${path}.ttlSeconds`, spec.ttlSeconds ?? RETRY_BUDGET_TTL_S, {
      min: 1,
      max: 3600,
      integer: true,
    });
    this.reserve = minPerSecond * this.ttl;
    this.deposits = new Float64Array(this.ttl);
    this.withdrawals = new Float64Array(this.ttl);
    this.stamps = new Float64Array(this.ttl).fill(-1);
  }

  deposit(nowUs: number): void {
    const i = this.bucket(nowUs);
    this.deposits[i] = (this.deposits[i] as number) + 1;
  }

  tryWithdraw(nowUs: number): boolean {
    const current = this.bucket(nowUs);
    const second = Math.floor(nowUs / US_PER_S);
    let deposits = 0;
    let withdrawals = 0;
    for (let i = 0; i < this.ttl; i++) {
      if ((this.stamps[i] as number) > second - this.ttl) {
        deposits += this.deposits[i] as number;
        withdrawals += this.withdrawals[i] as number;
      }
    }
    if (withdrawals + 1 > this.reserve + this.ratio * deposits) return false;
    this.withdrawals[current] = (this.withdrawals[current] as number) + 1;
    return true;
  }

  private bucket(nowUs: number): number {
    const second = Math.floor(nowUs / US_PER_S);
    const i = second % this.ttl;
    if (this.stamps[i] !== second) {
      this.stamps[i] = second;
      this.deposits[i] = 0;
      this.withdrawals[i] = 0;
    }
    return i;
  }
}
