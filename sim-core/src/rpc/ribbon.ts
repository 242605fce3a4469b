import { checkBoolean, checkNumber, SimConfigError } from "../errors/index.js";
import { msToUs, US_PER_S } from "../kernel/index.js";
import type { CallPolicy } from "./policy.js";
import { DEFAULT_RETRY_ON } from "./policy.js";

// Defaults of Netflix/ribbon: ribbon-core CommonClientConfigKey.java and ribbon-loadbalancer LoadBalancerStats.java.
/** Ribbon default: MaxAutoRetries (CommonClientConfigKey.java MaxAutoRetries = 0), retries on the same server. */
export const RIBBON_MAX_AUTO_RETRIES = 0;
/** Ribbon default: MaxAutoRetriesNextServer (CommonClientConfigKey.java MaxAutoRetriesNextServer = 1). */
export const RIBBON_MAX_AUTO_RETRIES_NEXT_SERVER = 1;
/** Ribbon default: ConnectTimeout (CommonClientConfigKey.java ConnectTimeout = 2000; DefaultClientConfigImpl DEFAULT_CONNECT_TIMEOUT). */
export const RIBBON_CONNECT_TIMEOUT_MS = 2000;
/** Ribbon default: ReadTimeout (CommonClientConfigKey.java ReadTimeout = 5000; DefaultClientConfigImpl DEFAULT_READ_TIMEOUT). */
export const RIBBON_READ_TIMEOUT_MS = 5000;
/** Ribbon default: connectionFailureCountThreshold (LoadBalancerStats.java CONNECTION_FAILURE_COUNT_THRESHOLD = 3). */
export const RIBBON_CONNECTION_FAILURE_COUNT_THRESHOLD = 3;
/** Ribbon default: circuitTripTimeoutFactorSeconds (LoadBalancerStats.java CIRCUIT_TRIP_TIMEOUT_FACTOR_SECONDS = 10). */
export const RIBBON_CIRCUIT_TRIP_TIMEOUT_FACTOR_S = 10;
/** Ribbon default: circuitTripMaxTimeoutSeconds (LoadBalancerStats.java CIRCUIT_TRIP_MAX_TIMEOUT_SECONDS = 30). */
export const RIBBON_CIRCUIT_TRIP_MAX_TIMEOUT_S = 30;

/** A Ribbon client's settings; every field defaults to Ribbon's. */
export interface RibbonSpec {
  maxAutoRetries?: number;
  maxAutoRetriesNextServer?: number;
  connectTimeoutMs?: number;
  readTimeoutMs?: number;
  /** Skip a server after repeated connection failures (ServerStats' circuit), as the AvailabilityPredicate does. */
  serverBlackout?: boolean;
}

/**
 * Ribbon's retry rule (LoadBalancerCommand with DefaultLoadBalancerRetryHandler): each server
 * gets 1 + MaxAutoRetries tries, and up to MaxAutoRetriesNextServer more servers are tried, on a
 * timeout or a refused connection; every attempt waits ReadTimeout for its answer.
 *
 * @example
 * const p = ribbonCallPolicy(); p.decide({ attempt: 2, lastOutcome: "timeout" } as CallContext) // { timeoutMs: 5000, retry: true, target: 'different', backoffMs: 0 }
 */
export function ribbonCallPolicy(spec: RibbonSpec = {}, path = "ribbon"): CallPolicy {
  const same = checkNumber(`${path}.maxAutoRetries`, spec.maxAutoRetries ?? RIBBON_MAX_AUTO_RETRIES, {
    min: 0,
    max: 10,
    integer: true,
  });
  const next = checkNumber(
    `${path}.maxAutoRetriesNextServer`,
    spec.maxAutoRetriesNextServer ?? RIBBON_MAX_AUTO_RETRIES_NEXT_SERVER,
    { min: 0, max: 10, integer: true },
  );
  const timeoutMs = checkNumber(`${path}.readTimeoutMs`, spec.readTimeoutMs ?? RIBBON_READ_TIMEOUT_MS, {
    min: 0,
    minExclusive: true,
  });
  const attempts = (1 + same) * (1 + next);
  return {
    decide(c) {
      const done = c.attempt - 1;
      const retry =
        done >= 1 && c.attempt <= attempts && c.lastOutcome !== null && DEFAULT_RETRY_ON.includes(c.lastOutcome);
      return { timeoutMs, retry, target: done % (1 + same) === 0 ? "different" : "same", backoffMs: 0 };
    },
  };
}

/**
 * Ribbon's ServerStats circuit, per client and server: after 3 successive connection failures
 * (a refused or timed-out connection, or a read timeout) the server is skipped for 10 s, doubling
 * with each further failure up to 30 s (`getCircuitBreakerBlackoutPeriod`); any answer clears the
 * count. When every server is blacked out, all are used (CompositePredicate's fallback).
 *
 * @example
 * const s = new ServerStats(2); for (let i = 0; i < 3; i++) s.onFailure(0, 0); s.available([0, 1], 9_999_999) // [1]
 */
export class ServerStats {
  private readonly failures: Int32Array;
  private readonly lastFailureUs: Float64Array;

  constructor(servers: number) {
    this.failures = new Int32Array(servers);
    this.lastFailureUs = new Float64Array(servers);
  }

  /** Whether server `i` is blacked out at `nowUs`. */
  tripped(i: number, nowUs: number): boolean {
    const count = this.failures[i] as number;
    if (count < RIBBON_CONNECTION_FAILURE_COUNT_THRESHOLD) return false;
    const factor = 2 ** Math.min(count - RIBBON_CONNECTION_FAILURE_COUNT_THRESHOLD, 16);
    const blackoutS = Math.min(factor * RIBBON_CIRCUIT_TRIP_TIMEOUT_FACTOR_S, RIBBON_CIRCUIT_TRIP_MAX_TIMEOUT_S);
    return (this.lastFailureUs[i] as number) + blackoutS * US_PER_S > nowUs;
  }

  onFailure(i: number, nowUs: number): void {
    this.lastFailureUs[i] = nowUs;
    this.failures[i] = (this.failures[i] as number) + 1;
  }

  onAnswer(i: number): void {
    this.failures[i] = 0;
  }

  /** The candidates not blacked out, or all of them if none is left. */
  available(candidates: readonly number[], nowUs: number): readonly number[] {
    const open = candidates.filter((i) => !this.tripped(i, nowUs));
    return open.length > 0 ? open : candidates;
  }
}

/** What a call's `ribbon` option turns into: its policy, its connect timeout and its server stats. */
export interface RibbonClient {
  policy: CallPolicy;
  connectTimeoutUs: number;
  serverBlackout: boolean;
}

/**
 * Reads a call's `ribbon` option (`true` for Ribbon's defaults, or a spec), or null without one.
 *
 * @example
 * ribbonClient(true, "call.ribbon")?.connectTimeoutUs // 2000000
 */
export function ribbonClient(option: boolean | RibbonSpec | undefined, path: string): RibbonClient | null {
  if (option === undefined || option === false) return null;
  if (option !== true && (option === null || typeof option !== "object"))
    throw new SimConfigError(path, option, "true, false or a RibbonSpec object");
  const spec = option === true ? {} : option;
  const connectMs = checkNumber(`${path}.connectTimeoutMs`, spec.connectTimeoutMs ?? RIBBON_CONNECT_TIMEOUT_MS, {
    min: 0,
    minExclusive: true,
  });
  return {
    policy: ribbonCallPolicy(spec, path),
    connectTimeoutUs: Math.max(1, msToUs(connectMs)),
    serverBlackout: checkBoolean(`${path}.serverBlackout`, spec.serverBlackout ?? true),
  };
}
