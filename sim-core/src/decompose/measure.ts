import { Cluster, Network, Topology } from "../cluster/index.js";
import { checkNumber, checkOneOf, SimConfigError } from "../errors/index.js";
import { Fingerprint, Simulation } from "../kernel/index.js";
import { createRng, type Seed } from "../random/index.js";
import { OUTCOMES, RpcSystem } from "../rpc/index.js";
import type { ReplayRecorder } from "../trace/index.js";
import { checkDecomposition, type Decomposition } from "./decomposition.js";
import { type Monolith, requestShares, SHARED_DATABASE } from "./model.js";
import { networkFor, PLACEMENTS, type Placement, placeNodes } from "./placement.js";
import { type CostModel, type PlannedNode, planRequest } from "./plan.js";

/** A time-series bin longer than any run here: the rpc floor's series go unread. */
const SERIES_BIN_MS = 1e9;
/** Index of the "ok" outcome in the rpc floor's outcome counters. */
const OK = OUTCOMES.indexOf("ok");

/** How a decomposition is run: costs, placement, load and an optional failure. */
export interface MeasureOptions extends CostModel {
  seed: Seed;
  /** Instances of every service (and replicas of every owned store); the shared database has one. */
  instances: number;
  placement: Placement;
  /** One-way latency between zones and between regions, median, in ms. */
  crossZoneMs: number;
  crossRegionMs: number;
  /** Client requests of each type, sent at `ratePerSec` (low enough that nothing queues). */
  requestsPerType: number;
  ratePerSec: number;
  /** A service of the decomposition whose instances are all down, `SHARED_DATABASE`, or "none". */
  failure: string;
}

export interface RequestMetrics {
  name: string;
  /** Share of the request mix. */
  share: number;
  requests: number;
  latencyMs: { p50: number; p99: number; mean: number };
  /** Requests answered (fallbacks included), as a share of requests. */
  availability: number;
  /** Calls between services per request (the cut's cost), and queries to stores. */
  remoteCallsPerRequest: number;
  queriesPerRequest: number;
}

export interface DecompositionMetrics {
  requests: RequestMetrics[];
  /** Mix-weighted means over request types. */
  mix: { latencyMsP50: number; latencyMsP99: number; availability: number; remoteCallsPerRequest: number };
  /** Remote calls per request (mix-weighted) between each pair of services, most first. */
  pairs: { from: string; to: string; callsPerRequest: number }[];
  fingerprint: string;
}

/**
 * Runs every request type of the monolith through the decomposition on the rpc floor and
 * measures latency, availability and remote calls. One simulation per request type, each on its
 * own stream `seed/request-<name>`, so adding a request type never shifts another's numbers.
 * A `replay` records the simulation of the most common request type (the first of the largest
 * share): one replay has one clock, and that request shows the cut's fan-out where it costs most.
 *
 * @example
 * const m = { name: "m", tables: ["t"], requests: [{ name: "r", share: 1, entry: "web", calls: [] }], modules: [{ name: "web", workMs: 1, reads: ["t"], writes: ["t"], critical: true, layer: 0 }] };
 * const o = { seed: 1, instances: 1, placement: "one-zone", crossZoneMs: 1, crossRegionMs: 41.5, requestsPerType: 5, ratePerSec: 10, failure: "none", inProcessCallMs: 0, serializationMsPerKb: 0, queryMs: 1, hopErrorRate: 0 };
 * measureDecomposition(m, monolithDecomposition(m), o).requests[0].queriesPerRequest // 1
 */
export function measureDecomposition(
  monolith: Monolith,
  d: Decomposition,
  o: MeasureOptions,
  replay?: ReplayRecorder,
): DecompositionMetrics {
  const cut = checkDecomposition(monolith, d);
  const path = "measure";
  const instances = checkNumber(`${path}.instances`, o.instances, { min: 1, max: 20, integer: true });
  const placement = checkOneOf(`${path}.placement`, o.placement, PLACEMENTS);
  checkNumber(`${path}.crossZoneMs`, o.crossZoneMs, { min: 0, minExclusive: true, max: 1000 });
  checkNumber(`${path}.crossRegionMs`, o.crossRegionMs, { min: 0, minExclusive: true, max: 1000 });
  const count = checkNumber(`${path}.requestsPerType`, o.requestsPerType, { min: 1, max: 100_000, integer: true });
  const rate = checkNumber(`${path}.ratePerSec`, o.ratePerSec, { min: 0, minExclusive: true, max: 10_000 });
  checkNumber(`${path}.inProcessCallMs`, o.inProcessCallMs, { min: 0, max: 1000 });
  checkNumber(`${path}.serializationMsPerKb`, o.serializationMsPerKb, { min: 0, max: 1000 });
  checkNumber(`${path}.hopErrorRate`, o.hopErrorRate, { min: 0, max: 1 });
  checkNumber(`${path}.queryMs`, o.queryMs, { min: 0, minExclusive: true, max: 10_000 });
  if (o.failure !== "none" && o.failure !== SHARED_DATABASE && !cut.services.includes(o.failure)) {
    throw new SimConfigError(
      `${path}.failure`,
      o.failure,
      `"none", "${SHARED_DATABASE}" or a service: ${cut.services.join(", ")}`,
    );
  }
  const root = createRng(o.seed);
  const network = networkFor(o.crossZoneMs, o.crossRegionMs);
  const shares = requestShares(monolith);
  const print = new Fingerprint();
  const pairs = new Map<string, number>();
  const watched = shares.indexOf(Math.max(...shares));
  const requests = monolith.requests.map((request, i): RequestMetrics => {
    const planned = planRequest(monolith, cut, request, o, instances);
    const placed = placeNodes(planned, cut.serviceOf.get(request.entry) as string, placement);
    const topology = Topology.from(placed.topology);
    const sim = new Simulation();
    const rng = root.fork(`request-${request.name}`);
    const cluster = new Cluster(sim, topology, new Network(topology, network, rng.fork("network")));
    const services = planned.map((p, k) => ({ ...p.spec, nodes: placed.nodes[k] as number[] }));
    // Nothing here reads the time series: one bin for the whole run keeps them cheap.
    const rpc = new RpcSystem(
      sim,
      {
        edge: services[0]?.name as string,
        services,
        discovery: "instant",
        seriesBinMs: SERIES_BIN_MS,
        ...(i === watched && replay !== undefined ? { replay } : {}),
      },
      rng,
      cluster,
    );
    planned.forEach((p, k) => {
      const down =
        o.failure === SHARED_DATABASE
          ? p.kind === "store" && p.owner === SHARED_DATABASE
          : p.kind === "service" && p.owner === o.failure;
      if (down) for (const node of placed.nodes[k] as number[]) cluster.fail({ node });
    });
    rpc.startLoad({ ratePerSec: rate, durationMs: ((count + 1) / rate) * 1000 * 100, count });
    sim.run();
    // The counters are read directly: rpcResults would also build every series and summary.
    const sent = rpc.edgeRequests;
    let remote = 0;
    let queries = 0;
    for (const c of rpc.calls) {
      const to = planned[c.to.id] as PlannedNode;
      const from = planned[c.from.id] as PlannedNode;
      if (to.kind === "store") queries += c.stats.attempts;
      else {
        remote += c.stats.attempts;
        const key = `${from.owner}\u0000${to.owner}`;
        pairs.set(key, (pairs.get(key) ?? 0) + (shares[i] as number) * (c.stats.attempts / sent));
      }
    }
    const fingerprint = sim.fingerprint;
    print.foldNumber(Number.parseInt(fingerprint.slice(0, 8), 16));
    print.foldNumber(Number.parseInt(fingerprint.slice(8), 16));
    return {
      name: request.name,
      share: shares[i] as number,
      requests: sent,
      latencyMs: {
        p50: rpc.edgeLatency.percentile(50),
        p99: rpc.edgeLatency.percentile(99),
        mean: rpc.edgeLatency.mean,
      },
      availability: (rpc.edgeOutcomes[OK] as number) / sent,
      remoteCallsPerRequest: remote / sent,
      queriesPerRequest: queries / sent,
    };
  });
  const mixOf = (f: (m: RequestMetrics) => number) => requests.reduce((sum, m) => sum + m.share * f(m), 0);
  return {
    requests,
    mix: {
      latencyMsP50: mixOf((m) => m.latencyMs.p50),
      latencyMsP99: mixOf((m) => m.latencyMs.p99),
      availability: mixOf((m) => m.availability),
      remoteCallsPerRequest: mixOf((m) => m.remoteCallsPerRequest),
    },
    pairs: [...pairs]
      .map(([key, callsPerRequest]) => {
        const [from, to] = key.split("\u0000") as [string, string];
        return { from, to, callsPerRequest };
      })
      .sort((a, b) => b.callsPerRequest - a.callsPerRequest || byName(a.from, b.from) || byName(a.to, b.to)),
    fingerprint: print.hex(),
  };
}

/** Code-unit order: the same in every runtime, unlike localeCompare. */
function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
