import { US_PER_MS, usToMs } from "../kernel/index.js";
import type { LatencySummary } from "../metrics/index.js";
import { OUTCOMES, type Outcome } from "./outcome.js";
import { FALLBACK_CAUSES } from "./runtime.js";
import type { RpcSystem } from "./system.js";

/** Fallbacks of a dependency by what failed. */
export type FallbackCounts = Record<(typeof FALLBACK_CAUSES)[number], number>;

/** Per-outcome counts, in OUTCOMES order. */
export type OutcomeCounts = Record<Outcome, number>;

export interface ServiceResult {
  name: string;
  instances: number;
  /** Attempts that reached the service (retries and hedges included). */
  arrivals: number;
  /** Arrivals per client request: how much the edge's traffic is amplified on its way here. */
  amplification: number;
  ok: number;
  errors: number;
  rejected: number;
  droppedExpired: number;
  /** Mean share of worker time busy. */
  utilisation: number;
  /** Worker time spent on requests whose caller had already given up. */
  wastedMs: number;
  wastedRequests: number;
  /** Most requests inside the service at once (queued, served, or parked in a hang). */
  peakInFlight: number;
  peakQueueLength: number;
  inFlight: { timeMs: number; mean: number; max: number }[];
}

export interface CallResult {
  from: string;
  to: string;
  attempts: number;
  /** Attempts on this edge per client request. */
  attemptsPerRequest: number;
  retries: number;
  hedges: number;
  budgetDenied: number;
  shortCircuited: number;
  /** Calls rejected at once by the caller's full bulkhead (Hystrix isolation). */
  bulkheadRejected: number;
  /** Calls the fallback answered, by what failed; their sum is `outcomes.fallback`. */
  fallbacks: FallbackCounts;
  /** How the logical calls (all attempts together) ended. */
  outcomes: OutcomeCounts;
}

export interface RpcResults {
  requests: number;
  /** Latency of every answered client request. */
  latencyMs: LatencySummary;
  /** Client requests by outcome; `unfinished` ones had no answer when the run stopped. */
  outcomes: OutcomeCounts & { unfinished: number };
  goodputPerSec: { timeMs: number; value: number }[];
  inFlight: { timeMs: number; mean: number; max: number }[];
  services: ServiceResult[];
  calls: CallResult[];
  wastedMs: number;
  fingerprint: string;
}

function counts(values: Float64Array): OutcomeCounts {
  return Object.fromEntries(OUTCOMES.map((o, i) => [o, values[i] ?? 0])) as OutcomeCounts;
}

/**
 * Everything a run measured, as plain data, with series up to `untilMs`.
 *
 * @example
 * const sim = new Simulation();
 * const rpc = new RpcSystem(sim, { edge: "api", services: [{ name: "api", instances: 1, serviceTimeMs: { kind: "constant", value: 5 } }] }, createRng(1));
 * rpc.request(0); sim.run(); rpcResults(rpc, 10).outcomes.ok // 1
 */
export function rpcResults(rpc: RpcSystem, untilMs: number): RpcResults {
  const requests = rpc.edgeRequests;
  const per = (n: number) => (requests === 0 ? 0 : n / requests);
  const durationUs = Math.max(1, untilMs * US_PER_MS);
  const outcomes = counts(rpc.edgeOutcomes);
  const answered = OUTCOMES.reduce((sum, o) => sum + outcomes[o], 0);
  const services = rpc.services.map((s): ServiceResult => {
    let busyUs = 0;
    let peakQueue = 0;
    let workers = 0;
    for (const inst of s.instances) {
      busyUs += inst.station.busyUs;
      workers += inst.station.servers;
      peakQueue = Math.max(peakQueue, inst.station.queueLength.peak);
    }
    return {
      name: s.name,
      instances: s.instances.length,
      arrivals: s.stats.arrivals,
      amplification: per(s.stats.arrivals),
      ok: s.stats.ok,
      errors: s.stats.errors,
      rejected: s.stats.rejected,
      droppedExpired: s.stats.droppedExpired,
      utilisation: busyUs / (workers * durationUs),
      wastedMs: usToMs(s.stats.wastedUs),
      wastedRequests: s.stats.wastedRequests,
      peakInFlight: s.stats.inFlight.peak,
      peakQueueLength: peakQueue,
      inFlight: s.stats.inFlight.points(untilMs),
    };
  });
  return {
    requests,
    latencyMs: rpc.edgeLatency.summary(),
    outcomes: { ...outcomes, unfinished: requests - answered },
    goodputPerSec: rpc.goodput.points(untilMs),
    inFlight: rpc.edgeInFlight.points(untilMs),
    services,
    calls: rpc.calls.map((c) => ({
      from: c.from.name,
      to: c.to.name,
      attempts: c.stats.attempts,
      attemptsPerRequest: per(c.stats.attempts),
      retries: c.stats.retries,
      hedges: c.stats.hedges,
      budgetDenied: c.stats.budgetDenied,
      shortCircuited: c.stats.shortCircuited,
      bulkheadRejected: c.stats.bulkheadRejected,
      fallbacks: Object.fromEntries(FALLBACK_CAUSES.map((k, i) => [k, c.stats.fallbacks[i] ?? 0])) as FallbackCounts,
      outcomes: counts(c.stats.outcomes),
    })),
    wastedMs: services.reduce((sum, s) => sum + s.wastedMs, 0),
    fingerprint: rpc.sim.fingerprint,
  };
}
