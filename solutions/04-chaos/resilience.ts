// Lab 04, part 2: the resilience settings of the system under fire (solution).
//
// Each fault is answered by the defence Netflix describes for it ("The Netflix Simian Army",
// Netflix Tech Blog, 2011; "Fault Tolerance in a High Volume, Distributed System", 2012, on
// Hystrix; the Ribbon and Eureka wikis): a retry on another instance
// hides Chaos Monkey's kill while Eureka still lists the dead instance; Ribbon's clients skip
// servers that do not connect and its zone-aware balancer drops the zone whose calls pile up, so
// Chaos Gorilla's lost zone costs only the first few calls; a Hystrix thread pool caps how many
// API threads may wait on a slow personalisation service, and the fallback (an unpersonalised
// list) answers the rest at once, so Latency Monkey degrades starts instead of failing them.

import type { SutOptions } from "sim-core";

export const settings: Omit<SutOptions, "apiWorkers"> = {
  // Well above the healthy p99s (personalisation 80 ms, playback 20 ms), so a healthy call never
  // times out, yet short enough that a call to a dead instance fails fast and is retried. The
  // store's tries get a third of it each (83 ms), still far above its 10 ms p99.
  timeoutMs: 250,
  // The instance that timed out is most likely dead (Eureka lags behind): try another one.
  retryTarget: "different",
  // Ribbon's availability filter and ZoneAwareLoadBalancer: stop calling what does not answer.
  ribbon: true,
  zoneAware: true,
  // Hystrix's default pool size: at most 10 of an API instance's 20 threads wait on personalisation.
  bulkheadThreads: 10,
  // The unpersonalised list answers when personalisation fails or the pool is full: a degraded
  // start is still a start. Playback has no fallback: no stream, no start.
  fallbacks: true,
  // Once most calls fail, stop making them for a while (Hystrix's breaker) and fall back at once.
  circuitBreaker: true,
};
