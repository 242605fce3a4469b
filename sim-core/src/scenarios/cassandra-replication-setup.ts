import type { Cluster, FaultSpec, Topology } from "../cluster/index.js";
import { SimConfigError } from "../errors/index.js";
import type { OpResult, TokenRing } from "../storage/index.js";
import type {
  CassandraReplicationParams,
  CassandraReplicationResult,
  OpCounts,
  ReplicaPlacement,
} from "./cassandra-replication-types.js";

/** In "hot" mode this share of writes goes to HOT_KEY_SHARE of the keys (a 90/10 skew). */
const HOT_TRAFFIC_SHARE = 0.9;
export const HOT_KEY_SHARE = 0.1;

/**
 * Wraps a learner's placement as the store's `(token) => replicas`. Each call gets fresh copies
 * of the ring and nodes, so a policy that mutates its inputs cannot corrupt the run.
 */
export function customPlacement(
  placement: ReplicaPlacement | undefined,
  ring: TokenRing,
  topology: Topology,
  dataCenters: Record<string, number>,
): ((token: number) => number[]) | undefined {
  if (placement === undefined) return undefined;
  if (typeof placement !== "function") {
    throw new SimConfigError(
      "cassandraReplication.placement",
      placement,
      "a function (ring, nodes, token, rfByRegion) => replicas",
    );
  }
  const entries = ring.entries();
  const nodes = topology.nodes.map((n) => ({ id: n.id, region: n.region, zone: n.zone }));
  return (token) =>
    placement(
      entries.map((e) => ({ ...e })),
      nodes.map((n) => ({ ...n })),
      token,
      { ...dataCenters },
    );
}

export function scheduleFailure(
  cluster: Cluster,
  p: CassandraReplicationParams,
): CassandraReplicationResult["failure"] {
  const topo = cluster.topology;
  const target =
    p.failure === "node"
      ? { target: { node: 0 }, name: topo.nodes[0]?.name ?? "node 0" }
      : p.failure === "zone"
        ? { target: { zone: topo.zones[0]?.name ?? "" }, name: topo.zones[0]?.name ?? "" }
        : p.failure === "region"
          ? { target: { region: topo.regions[0]?.name ?? "" }, name: topo.regions[0]?.name ?? "" }
          : null;
  if (target === null) return { kind: "none", target: null, atMs: 0, untilMs: null };
  const fault: FaultSpec = { target: target.target, atMs: p.failureAtMs };
  if (p.failureRecovers) fault.durationMs = p.failureDurationMs;
  cluster.scheduleFaults([fault]);
  return {
    kind: p.failure,
    target: target.name,
    atMs: p.failureAtMs,
    untilMs: p.failureRecovers ? p.failureAtMs + p.failureDurationMs : null,
  };
}

/** Uniform, or hot: with probability 0.9 one of the first 10% of keys. Two draws either way. */
export function chooseKey(u1: number, u2: number, keys: number, hotKeys: number, hot: boolean): number {
  if (!hot) return Math.floor(u1 * keys);
  return u1 < HOT_TRAFFIC_SHARE ? Math.floor(u2 * hotKeys) : Math.floor(u2 * keys);
}

export function counts(): OpCounts {
  return { attempted: 0, ok: 0, unavailable: 0, timeout: 0, availability: 1 };
}

export function tally(c: OpCounts, r: OpResult): void {
  c.attempted++;
  if (r.ok) c.ok++;
  else if (r.error === "unavailable") c.unavailable++;
  else c.timeout++;
}

export function finishCounts(c: OpCounts): OpCounts {
  return { ...c, availability: c.attempted === 0 ? 1 : c.ok / c.attempted };
}
