import { Cluster, DEFAULT_NETWORK, Network, standardTopology, type TopologySpec } from "../cluster/index.js";
import { Simulation } from "../kernel/index.js";
import type { LatencySummary } from "../metrics/index.js";
import { createRng, type Seed } from "../random/index.js";
import { type CallPolicy, type DiscoveryMode, type OutcomeCounts, RpcSystem, rpcResults } from "../rpc/index.js";
import type { Span } from "../trace/index.js";
import { defineScenario } from "./scenario.js";
import { buildServices, layerNames } from "./timeout-budgets-build.js";
import { TIMEOUT_BUDGETS_PARAMS, type TimeoutBudgetsParams } from "./timeout-budgets-params.js";

/** The learner's plug-in: one call policy used on every hop (module 5 lab). */
export interface TimeoutBudgetsExtras {
  policy: CallPolicy;
}

export interface TimeoutBudgetsResult {
  seed: Seed;
  fingerprint: string;
  params: TimeoutBudgetsParams;
  edge: {
    requests: number;
    latencyMs: LatencySummary;
    /** Client requests by outcome; `unfinished` had no answer when the run stopped. */
    outcomes: OutcomeCounts & { unfinished: number };
    /** Answered ok, as a share of requests. */
    successRate: number;
    histogram: { lowerMs: number; upperMs: number; count: number }[];
  };
  /** Attempts per client request on each edge of the call graph. */
  callsPerHop: { from: string; to: string; hop: number; perRequest: number; attempts: number; retries: number }[];
  /** Attempts reaching the deep layer per client request (all deep services together). */
  amplification: number;
  wastedWork: { ms: number; requests: number; byService: { service: string; ms: number; requests: number }[] };
  services: {
    name: string;
    arrivals: number;
    utilisation: number;
    peakInFlight: number;
    rejected: number;
    droppedExpired: number;
  }[];
  series: {
    /** Successful client answers per second, per bin. */
    goodput: { timeMs: number; value: number }[];
    /** Requests inside each service, per bin (time-weighted mean and max). */
    inFlight: { timeMs: number; service: string; mean: number; max: number }[];
  };
  /** The services' layout, for the topology diagram. */
  topology: {
    spec: TopologySpec;
    services: { name: string; instances: { name: string; zone: string }[]; calls: string[] }[];
    faulty: string[];
  };
  /** Spans of one request sent just after the fault starts (or at 0 without a fault). */
  sampleTrace: Span[];
  simulatedMs: number;
}

/**
 * Module 5: how equal timeouts and retries at every layer amplify work when a deep service
 * hangs, and how telescoping budgets, deadlines, retrying elsewhere, budgets, backoff and
 * breakers fix it.
 *
 * @example
 * timeoutBudgets.run({ durationMs: 1000, ratePerSec: 5, faultAtMs: 0, faultDurationMs: 0 }).amplification // 9
 */
export const timeoutBudgets = defineScenario({
  id: "timeoutBudgets",
  title: "Timeout budgets and retry storms",
  module: 5,
  summary:
    "A hung deep service, equal timeouts and retries at every layer: 9 deep calls per request and 6 s at the edge. Telescoping budgets, deadlines and retry budgets fix it.",
  defaultSeed: 5,
  params: TIMEOUT_BUDGETS_PARAMS,
  presets: {
    // The metastable storm: a short fault (3 s) in a 20 s run, deep services with only two
    // threads each working 50 ms, so 60 req/s already uses most of them and retries tip the
    // queue over; the storm then outlives the fault. Page, notebook, lab and test all use it.
    storm: {
      faultAtMs: 2000,
      faultDurationMs: 3000,
      durationMs: 20_000,
      deepWorkers: 2,
      deepServiceMs: 50,
      ratePerSec: 60,
      queueCapacity: 200,
    },
  },
  body(p, extras: Partial<TimeoutBudgetsExtras>): TimeoutBudgetsResult {
    const { seed, ...params } = p;
    const services = buildServices(params, extras.policy);
    const totalInstances = services.length * params.instances;
    const topology = standardTopology({ zonesPerRegion: 3, nodesPerZone: Math.ceil(totalInstances / 3) });
    const sim = new Simulation();
    const rng = createRng(seed);
    const cluster = new Cluster(sim, topology, new Network(topology, DEFAULT_NETWORK, rng.fork("network")));
    const binMs = Math.max(100, params.durationMs / 100);
    const faultFromMs = params.faultKind === "none" || params.faultInstances === 0 ? 0 : params.faultAtMs;
    const rpc = new RpcSystem(
      sim,
      {
        edge: "edge",
        services,
        deadlinePropagation: params.deadlinePropagation,
        discovery: params.discovery as DiscoveryMode,
        trace: { fromMs: faultFromMs, count: 1 },
        seriesBinMs: binMs,
      },
      rng,
      cluster,
    );
    const { deep } = layerNames(params);
    const faulty: string[] = [];
    if (params.faultKind !== "none") {
      for (const name of deep) {
        const service = rpc.services.find((s) => s.name === name);
        for (const inst of service?.instances.slice(0, params.faultInstances) ?? []) {
          faulty.push(inst.name);
          const duration = params.faultDurationMs > 0 ? params.faultDurationMs : undefined;
          if (params.faultKind === "hang") rpc.hang(name, inst.index, params.faultAtMs, duration);
          else
            cluster.scheduleFaults([
              { target: { node: inst.node }, atMs: params.faultAtMs, ...(duration ? { durationMs: duration } : {}) },
            ]);
        }
      }
    }
    rpc.startLoad({ ratePerSec: params.ratePerSec, durationMs: params.durationMs });
    // Leave time for the last requests to finish every attempt on every hop, so wasted work done
    // after the edge gave up is counted too.
    const capMs = params.backoff === "none" ? 0 : params.backoffBaseMs * 20;
    const hopMs = (timeoutMs: number) => (params.retries + 1) * (timeoutMs + capMs);
    const drainMs = hopMs(params.edgeTimeoutMs) + (params.depth - 2) * hopMs(params.innerTimeoutMs);
    const untilMs = params.durationMs + drainMs;
    sim.run({ untilMs });
    const r = rpcResults(rpc, untilMs);
    const deepSet = new Set(deep);
    const deepArrivals = r.services.filter((s) => deepSet.has(s.name)).reduce((sum, s) => sum + s.arrivals, 0);
    const requests = Math.max(1, r.requests);
    const sample = rpc.tracer?.spans ?? [];
    return {
      seed,
      fingerprint: r.fingerprint,
      params,
      edge: {
        requests: r.requests,
        latencyMs: r.latencyMs,
        outcomes: r.outcomes,
        successRate: r.outcomes.ok / requests,
        histogram: rpc.edgeLatency.buckets().map((b) => ({ lowerMs: b.lower, upperMs: b.upper, count: b.count })),
      },
      callsPerHop: rpc.calls.map((c, i) => ({
        from: c.from.name,
        to: c.to.name,
        hop: c.hop,
        perRequest: (r.calls[i]?.attempts ?? 0) / requests,
        attempts: r.calls[i]?.attempts ?? 0,
        retries: r.calls[i]?.retries ?? 0,
      })),
      amplification: deepArrivals / requests,
      wastedWork: {
        ms: r.wastedMs,
        requests: r.services.reduce((sum, s) => sum + s.wastedRequests, 0),
        byService: r.services.map((s) => ({ service: s.name, ms: s.wastedMs, requests: s.wastedRequests })),
      },
      services: r.services.map((s) => ({
        name: s.name,
        arrivals: s.arrivals,
        utilisation: s.utilisation,
        peakInFlight: s.peakInFlight,
        peakQueueLength: s.peakQueueLength,
        rejected: s.rejected,
        droppedExpired: s.droppedExpired,
      })),
      series: {
        // Goodput only while clients send: after that it falls to zero whatever the policy.
        goodput: r.goodputPerSec.filter((g) => g.timeMs < params.durationMs),
        inFlight: r.services.flatMap((s) =>
          s.inFlight.map((pt) => ({ timeMs: pt.timeMs, service: s.name, mean: pt.mean, max: pt.max })),
        ),
      },
      topology: {
        spec: topology.spec,
        services: rpc.services.map((s) => ({
          name: s.name,
          instances: s.instances.map((i) => ({ name: i.name, zone: topology.node(i.node).zone })),
          calls: s.stages.flatMap((stage) => stage.map((c) => c.to.name)),
        })),
        faulty,
      },
      sampleTrace: sample.map((s) => ({ ...s })),
      simulatedMs: sim.nowMs,
    };
  },
});
