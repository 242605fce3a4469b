import { createCluster, standardTopology } from "../cluster/index.js";
import { checkNumber } from "../errors/index.js";
import { Simulation } from "../kernel/index.js";
import { createRng, type Seed } from "../random/index.js";
import { type RpcResults, rpcResults } from "./results.js";
import type { CallSpec } from "./spec.js";
import { RpcSystem } from "./system.js";

/** The benchmark's flow: client → edge → mid → `leaves` parallel leaf services. */
export interface FlowOptions {
  seed?: Seed;
  /** Client requests to send (Poisson arrivals at `ratePerSec`). */
  requests: number;
  ratePerSec?: number;
  leaves?: number;
  instances?: number;
  timeoutMs?: number;
  retries?: number;
}

/**
 * Builds and runs edge → mid → N parallel leaves with a per-call timeout and retries, and
 * returns the run's results. The benchmark calls this; memory stays flat in `requests`.
 *
 * @example
 * fanOutFlow({ requests: 100, seed: 1 }).outcomes.ok // 100
 */
export function fanOutFlow(o: FlowOptions): RpcResults & { events: number; simulatedMs: number } {
  const requests = checkNumber("flow.requests", o.requests, { min: 1, integer: true });
  const rate = checkNumber("flow.ratePerSec", o.ratePerSec ?? 1000, { min: 0, minExclusive: true });
  const leaves = checkNumber("flow.leaves", o.leaves ?? 3, { min: 1, max: 50, integer: true });
  const instances = o.instances ?? 3;
  const call = (service: string): CallSpec => ({
    service,
    timeoutMs: o.timeoutMs ?? 100,
    retries: o.retries ?? 1,
    retryTarget: "different",
  });
  const leafNames = Array.from({ length: leaves }, (_, i) => `leaf${i + 1}`);
  const sim = new Simulation();
  const rng = createRng(o.seed ?? 1);
  const topology = standardTopology({ nodesPerZone: 2 });
  const cluster = createCluster(sim, topology, rng);
  const rpc = new RpcSystem(
    sim,
    {
      edge: "edge",
      services: [
        { name: "edge", instances, serviceTimeMs: { kind: "exponential", mean: 0.5 }, calls: [call("mid")] },
        { name: "mid", instances, serviceTimeMs: { kind: "exponential", mean: 1 }, calls: [leafNames.map(call)] },
        ...leafNames.map((name) => ({
          name,
          instances,
          serviceTimeMs: { kind: "lognormal" as const, median: 2, p99: 20 },
        })),
      ],
    },
    rng,
    cluster,
  );
  // Arrivals stop after exactly `requests`; the duration is only an upper bound.
  rpc.startLoad({ ratePerSec: rate, durationMs: Number.MAX_SAFE_INTEGER / 1e4, count: requests });
  sim.run();
  const durationMs = sim.nowMs;
  return { ...rpcResults(rpc, durationMs), events: sim.eventsProcessed, simulatedMs: sim.nowMs };
}
