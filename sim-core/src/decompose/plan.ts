import type { DistributionSpec } from "../random/index.js";
import { type CallSpec, type CallStage, DEFAULT_TIMEOUT_MS, type ServiceSpec } from "../rpc/index.js";
import type { Cut } from "./decomposition.js";
import { type Monolith, moduleByName, type RequestType, SHARED_DATABASE } from "./model.js";

/** What one request costs outside the modules' own work. */
export interface CostModel {
  /** One method call inside a process, in ms. */
  inProcessCallMs: number;
  /** Encoding and decoding one kB of payload when a call crosses the network, in ms. */
  serializationMsPerKb: number;
  /** One query or key lookup in a store, median, in ms. */
  queryMs: number;
  /**
   * Probability that one service visit fails (a GC pause, a restart, a bad
   * instance): every hop a request takes is one more chance to fail.
   */
  hopErrorRate: number;
}

/** A service's work per visit spreads like a lognormal with this p99 / median (a common tail). */
const WORK_P99_OVER_MEDIAN = 3;
/** Answering a read of a table on another service's behalf: parse, look up, serialize. */
const DATA_API_MS = 0.2;
/** One row set handed to another service, in kB. */
const ROWS_KB = 2;

/** The rpc nodes of one request type: a service visit or a store, named uniquely. */
export interface PlannedNode {
  spec: ServiceSpec;
  /** The decomposition service this node belongs to, or the store (`oracle`, `billing_db`). */
  owner: string;
  kind: "service" | "store";
}

/**
 * Unrolls one request type into rpc services for one decomposition: each visit of a service in
 * the request's call tree becomes an rpc service whose own work is the in-process work of the
 * modules it runs, and whose calls are the remote calls: to other services (one stage per call
 * in a loop, a parallel group otherwise) and to the stores holding the tables it touches.
 *
 * @example
 * const m = { name: "m", tables: [], requests: [{ name: "r", share: 1, entry: "a", calls: [{ from: "a", to: "b", count: 2, payloadKb: 1, loop: true }] }],
 *   modules: [{ name: "a", workMs: 1, reads: [], writes: [], critical: true, layer: 0 }, { name: "b", workMs: 1, reads: [], writes: [], critical: true, layer: 1 }] };
 * const cut = { services: ["a", "b"], serviceOf: new Map([["a", "a"], ["b", "b"]]), storeOf: new Map() };
 * planRequest(m, cut, m.requests[0], { inProcessCallMs: 0, serializationMsPerKb: 0, queryMs: 1, hopErrorRate: 0 }, 1).map((n) => n.spec.calls?.length ?? 0)
 * // [2, 0]
 */
export function planRequest(
  monolith: Monolith,
  cut: Cut,
  request: RequestType,
  cost: CostModel,
  instances: number,
): PlannedNode[] {
  const nodes: PlannedNode[] = [];
  const stores = new Map<string, string>();
  const work = (ms: number): DistributionSpec =>
    ms > 0 ? { kind: "lognormal", median: ms, p99: ms * WORK_P99_OVER_MEDIAN } : { kind: "constant", value: 0 };
  const add = (owner: string, kind: PlannedNode["kind"], count: number): PlannedNode => {
    const name = kind === "store" ? `${owner}_db` : `${owner}_${nodes.filter((n) => n.owner === owner).length + 1}`;
    const node: PlannedNode = {
      owner,
      kind,
      spec: { name, instances: count, serviceTimeMs: work(0), errorRate: cost.hopErrorRate, calls: [] },
    };
    nodes.push(node);
    return node;
  };
  const store = (owner: string): string => {
    let name = stores.get(owner);
    if (name === undefined) {
      // The shared database is one Oracle server; an owned store has one replica per instance.
      const node = add(owner, "store", owner === SHARED_DATABASE ? 1 : instances);
      // Hop errors are a process's (a GC pause, a restart); a store fails only as a whole.
      node.spec = {
        ...node.spec,
        errorRate: 0,
        serviceTimeMs: { kind: "lognormal", median: cost.queryMs, p99: cost.queryMs * 4 },
      };
      name = node.spec.name;
      stores.set(owner, name);
    }
    return name;
  };
  const remote = (service: string): CallSpec => ({ service, timeoutMs: DEFAULT_TIMEOUT_MS });
  // One visit of `service` entered at module `root`, with `inKb` crossing the wire to reach it.
  const visit = (service: string, root: string, inKb: number): string => {
    const node = add(service, "service", instances);
    let ms = inKb * cost.serializationMsPerKb;
    const stages: CallStage[] = [];
    const walk = (module: string): void => {
      const spec = moduleByName(monolith, module);
      ms += spec?.workMs ?? 0;
      for (const t of new Set([...(spec?.reads ?? []), ...(spec?.writes ?? [])])) {
        const owner = cut.storeOf.get(t) as string;
        if (owner === SHARED_DATABASE || owner === service) stages.push(remote(store(owner)));
        else stages.push(remote(dataVisit(owner)));
      }
      for (const c of request.calls) {
        if (c.from !== module) continue;
        const to = cut.serviceOf.get(c.to) as string;
        if (to === service) {
          for (let k = 0; k < c.count; k++) {
            ms += cost.inProcessCallMs;
            walk(c.to);
          }
          continue;
        }
        const call = { ...remote(visit(to, c.to, c.payloadKb)), fallback: !moduleByName(monolith, c.to)?.critical };
        if (c.loop || c.count === 1) for (let k = 0; k < c.count; k++) stages.push(call);
        else stages.push(Array.from({ length: c.count }, () => call));
      }
    };
    walk(root);
    node.spec = { ...node.spec, serviceTimeMs: work(ms), calls: stages };
    return node.spec.name;
  };
  // A read of a table another service owns goes through that service's API to its store.
  const dataVisit = (owner: string): string => {
    const node = add(owner, "service", instances);
    node.spec = {
      ...node.spec,
      serviceTimeMs: work(DATA_API_MS + ROWS_KB * cost.serializationMsPerKb),
      calls: [remote(store(owner))],
    };
    return node.spec.name;
  };
  visit(cut.serviceOf.get(request.entry) as string, request.entry, 0);
  return nodes;
}
