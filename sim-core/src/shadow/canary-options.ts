import { checkNumber, checkOneOf } from "../errors/index.js";

/** What the canary is compared with: fresh instances of the old code, or the old fleet itself. */
export const CANARY_CONTROLS = ["baseline", "production"] as const;
export type CanaryControl = (typeof CANARY_CONTROLS)[number];

/** One red/black canary run; durations in minutes unless named otherwise. */
export interface CanaryOptions {
  zones: number;
  /** How long the canary runs if nothing fails it. */
  lifetimeMinutes: number;
  /** The judge looks at everything gathered so far this often. */
  analysisEveryMinutes: number;
  /** Requests drawn per instance per minute (a sample of its traffic). */
  requestsPerInstancePerMinute: number;
  /** Real requests per instance per second, for CPU and cache warming. */
  instanceRatePerSec: number;
  /** Share of extra requests tagged for the new version (routed to the canary only). */
  testTrafficPercent: number;
  control: CanaryControl;
  /** How long the old production instances have been up (their caches and JIT are warm). */
  productionUptimeHours: number;
  cacheHitRatioMax: number;
  cacheWarmRequests: number;
  hitMs: number;
  missMs: number;
  baseErrorPercent: number;
  /** Extra CPU a freshly started JVM burns compiling hot code, decaying over `jitWarmMinutes`. */
  jitCpuPercent: number;
  jitWarmMinutes: number;
  cpuCores: number;
  /** The new code: latency and CPU multipliers, and extra errors (1, 1, 0 is a good canary). */
  canaryLatencyFactor: number;
  canaryCpuFactor: number;
  canaryErrorPercent: number;
  /** Red/black: switching traffic back to the kept old instances takes this long. */
  rollbackSeconds: number;
}

/**
 * Checks every field of a canary run.
 *
 * @example
 * checkCanaryOptions(DEFAULT_CANARY).zones // 3
 */
export function checkCanaryOptions(o: CanaryOptions): CanaryOptions {
  const p = "canary";
  const pos = { min: 0, minExclusive: true } as const;
  checkNumber(`${p}.zones`, o.zones, { min: 1, max: 10, integer: true });
  checkNumber(`${p}.lifetimeMinutes`, o.lifetimeMinutes, { min: 1, max: 1440, integer: true });
  checkNumber(`${p}.analysisEveryMinutes`, o.analysisEveryMinutes, { min: 1, max: o.lifetimeMinutes, integer: true });
  checkNumber(`${p}.requestsPerInstancePerMinute`, o.requestsPerInstancePerMinute, { min: 1, max: 1e5, integer: true });
  checkNumber(`${p}.instanceRatePerSec`, o.instanceRatePerSec, { ...pos, max: 1e5 });
  checkNumber(`${p}.testTrafficPercent`, o.testTrafficPercent, { min: 0, max: 100 });
  checkOneOf(`${p}.control`, o.control, CANARY_CONTROLS);
  checkNumber(`${p}.productionUptimeHours`, o.productionUptimeHours, { min: 0, max: 1e5 });
  checkNumber(`${p}.cacheHitRatioMax`, o.cacheHitRatioMax, { min: 0, max: 1 });
  checkNumber(`${p}.cacheWarmRequests`, o.cacheWarmRequests, pos);
  checkNumber(`${p}.hitMs`, o.hitMs, pos);
  checkNumber(`${p}.missMs`, o.missMs, { min: o.hitMs });
  checkNumber(`${p}.baseErrorPercent`, o.baseErrorPercent, { min: 0, max: 100 });
  checkNumber(`${p}.jitCpuPercent`, o.jitCpuPercent, { min: 0, max: 100 });
  checkNumber(`${p}.jitWarmMinutes`, o.jitWarmMinutes, pos);
  checkNumber(`${p}.cpuCores`, o.cpuCores, { min: 1, max: 256, integer: true });
  checkNumber(`${p}.canaryLatencyFactor`, o.canaryLatencyFactor, { ...pos, max: 100 });
  checkNumber(`${p}.canaryCpuFactor`, o.canaryCpuFactor, { ...pos, max: 100 });
  checkNumber(`${p}.canaryErrorPercent`, o.canaryErrorPercent, { min: 0, max: 100 - o.baseErrorPercent });
  checkNumber(`${p}.rollbackSeconds`, o.rollbackSeconds, { min: 0, max: 3600 });
  return o;
}

/**
 * Three zones, a one-hour canary judged every ten minutes, compared with a baseline. Instance
 * figures are our assumptions: the mirroring run's cache model, a per-instance cache that takes
 * about twenty minutes of traffic to warm, and ten minutes of JIT compilation after start.
 */
export const DEFAULT_CANARY: CanaryOptions = {
  zones: 3,
  lifetimeMinutes: 60,
  analysisEveryMinutes: 10,
  requestsPerInstancePerMinute: 60,
  instanceRatePerSec: 40,
  testTrafficPercent: 0,
  control: "baseline",
  productionUptimeHours: 72,
  cacheHitRatioMax: 0.9,
  cacheWarmRequests: 50_000,
  hitMs: 10,
  missMs: 80,
  baseErrorPercent: 0.1,
  jitCpuPercent: 20,
  jitWarmMinutes: 10,
  cpuCores: 4,
  canaryLatencyFactor: 1,
  canaryCpuFactor: 1,
  canaryErrorPercent: 0,
  rollbackSeconds: 5,
};
