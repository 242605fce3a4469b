import { US_PER_MS, US_PER_S } from "../kernel/index.js";

// Defaults of Netflix/eureka (eureka-client and eureka-core), in the units the code uses.
/** Eureka default: lease renewal interval (LeaseInfo.java DEFAULT_LEASE_RENEWAL_INTERVAL = 30 s). */
export const EUREKA_RENEWAL_INTERVAL_S = 30;
/** Eureka default: lease duration (LeaseInfo.java DEFAULT_LEASE_DURATION = 90 s; Lease.java DEFAULT_DURATION_IN_SECS). */
export const EUREKA_LEASE_EXPIRATION_S = 90;
/** Eureka default: evictionIntervalTimerInMs (DefaultEurekaServerConfig.java getEvictionIntervalTimerInMs, 60 * 1000). */
export const EUREKA_EVICTION_INTERVAL_MS = 60_000;
/** Eureka default: renewalPercentThreshold (DefaultEurekaServerConfig.java getRenewalPercentThreshold, 0.85). */
export const EUREKA_RENEWAL_PERCENT_THRESHOLD = 0.85;
/** Eureka default: expectedClientRenewalIntervalSeconds (DefaultEurekaServerConfig.java getExpectedClientRenewalIntervalSeconds, 30). */
export const EUREKA_EXPECTED_RENEWAL_INTERVAL_S = 30;

/** One stretch of time in which an instance was up and renewing, from its (re)registration. */
export interface UpPeriod {
  fromUs: number;
  toUs: number;
  /** Renewals happen at phaseUs + k · interval, strictly after fromUs and before toUs. */
  phaseUs: number;
}

const RENEW_US = EUREKA_RENEWAL_INTERVAL_S * US_PER_S;
const LEASE_US = EUREKA_LEASE_EXPIRATION_S * US_PER_S;

/**
 * Renewals an up period sends in [fromUs, toUs).
 *
 * @example
 * renewalsIn({ fromUs: 0, toUs: Infinity, phaseUs: 10e6 }, 0, 60e6) // 2
 */
export function renewalsIn(p: UpPeriod, fromUs: number, toUs: number): number {
  const lo = Math.max(fromUs, p.fromUs + 1);
  const hi = Math.min(toUs, p.toUs);
  if (hi <= lo) return 0;
  return Math.ceil((hi - p.phaseUs) / RENEW_US) - Math.ceil((lo - p.phaseUs) / RENEW_US);
}

/**
 * The last instant at which the server still counts a dead instance's lease as live. Lease.java
 * `renew()` sets lastUpdateTimestamp to now + duration, and `isExpired()` adds the duration
 * again (a quirk its comment documents and keeps), so a renewed lease lives 2 × 90 s after its
 * last renewal; a lease never renewed lives 90 s after registration.
 *
 * @example
 * leaseEndUs({ fromUs: 0, toUs: 45e6, phaseUs: 10e6 }) // 220000000
 */
export function leaseEndUs(p: UpPeriod): number {
  const k = Math.ceil((p.toUs - p.phaseUs) / RENEW_US) - 1;
  const lastRenewUs = p.phaseUs + k * RENEW_US;
  return lastRenewUs > p.fromUs ? lastRenewUs + 2 * LEASE_US : p.fromUs + LEASE_US;
}

/**
 * The first eviction run (every 60 s from the server's start at 0) that finds a lease ending at
 * `leaseEndUs` expired: `isExpired` compares with a strict `>`.
 *
 * @example
 * firstEvictionRunUs(220e6) // 240000000
 */
export function firstEvictionRunUs(leaseEnd: number): number {
  const periodUs = EUREKA_EVICTION_INTERVAL_MS * US_PER_MS;
  return (Math.floor(leaseEnd / periodUs) + 1) * periodUs;
}

/**
 * Self-preservation (PeerAwareInstanceRegistryImpl.isLeaseExpirationEnabled): leases may expire
 * only while the renewals of the last minute exceed 85% of those expected, where
 * numberOfRenewsPerMinThreshold = (int) (expected clients × 60 / 30 × 0.85).
 *
 * @example
 * [leaseExpirationEnabled(16, 9), leaseExpirationEnabled(15, 9)] // [true, false]
 */
export function leaseExpirationEnabled(renewsLastMin: number, expectedClients: number): boolean {
  const threshold = Math.trunc(
    expectedClients * (60 / EUREKA_EXPECTED_RENEWAL_INTERVAL_S) * EUREKA_RENEWAL_PERCENT_THRESHOLD,
  );
  return threshold > 0 && renewsLastMin > threshold;
}

/**
 * How many expired leases one eviction run may remove (AbstractInstanceRegistry.evict): at most
 * registrySize − (int) (registrySize × 0.85), so a run never empties the registry.
 *
 * @example
 * evictionLimit(9) // 2
 */
export function evictionLimit(registrySize: number): number {
  return registrySize - Math.trunc(registrySize * EUREKA_RENEWAL_PERCENT_THRESHOLD);
}

/**
 * The first time at or after `atUs` of a timer firing at `phaseUs` + k · `periodUs`.
 *
 * @example
 * nextTickUs(5, 30, 31) // 35
 */
export function nextTickUs(phaseUs: number, periodUs: number, atUs: number): number {
  return phaseUs + Math.ceil((atUs - phaseUs) / periodUs) * periodUs;
}
