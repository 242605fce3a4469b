// Lab 04, part 2: the resilience settings of the system under fire.
//
// The system under test is a small Netflix: a Zuul-like proxy calls the API, which asks
// personalisation (recs) and playback at once; three instances of each, one per zone. Playback
// reads a Cassandra-like store (three replicas, one per zone) that retries on its own. The chaos
// tools hit the experiment group's copy: Chaos Monkey kills a playback instance, Chaos Gorilla a
// whole zone, Latency Monkey adds 600 ms to every personalisation call. The settings below are
// the system with no defence on: they run, and they fail every graded resilience check.
//
// Do not change the exported name or the type: the grader runs the chaosExperiment scenario with
// these settings (their fields only; the API's 20 threads per instance are capacity, not yours).
// A value out of range stops the run with an error that names the field.

import type { SutOptions } from "sim-core";

export const settings: Omit<SutOptions, "apiWorkers"> = {
  // TODO 1: how long may a call wait? Personalisation's p99 is 80 ms, playback's 20 ms. (From 10 ms to 10 s.)
  timeoutMs: 1000,
  // TODO 2: where does a failed call's retry go: "none", "same" or "different"? Eureka keeps a
  //         dead instance listed for a while.
  retryTarget: "none",
  // TODO 3: Ribbon clients skip servers that failed to connect; its zone-aware balancer stops
  //         sending to the zone whose calls pile up.
  ribbon: false,
  zoneAware: false,
  // TODO 4: a Hystrix thread pool in front of personalisation, and its size (0 = none).
  bulkheadThreads: 0,
  // TODO 5: what answers when personalisation fails? A breaker that stops calling a failing dependency?
  fallbacks: true,
  circuitBreaker: false,
};
