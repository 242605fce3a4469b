import { type CassandraStore, tokenOf } from "../storage/index.js";

/** Keys whose replicas the result lists for diagrams. */
const SAMPLE_KEYS = 3;

/** Where things are and what survived: the durability facts and the layout for diagrams. */
export interface ReplicationOutcomes {
  /** Writes acknowledged to a client. */
  ackedWrites: number;
  /** Acknowledged writes that no live replica holds (nor any newer write of the key) at the end. */
  lostWrites: number;
  /** Keys with at least one live replica older than the newest value a live replica holds. */
  divergentKeysAtEnd: number;
  topology: {
    regions: { name: string; zones: { name: string; nodes: { id: number; name: string; up: boolean }[] }[] }[];
  };
  /** Tokens in ring order with their owners. */
  ring: { token: number; node: number }[];
  /** The first keys, their tokens and where their replicas landed (primary first). */
  sampleKeys: { key: string; token: number; replicas: number[] }[];
  /** Share of the token space each node owns as primary. */
  ownership: number[];
}

/**
 * Counts lost acknowledged writes after the run has settled: an acknowledged write is lost when
 * every live replica of its key holds an older value (a newer write of the key supersedes it, as
 * last-write-wins would). Down nodes count as gone: their ephemeral disks left with them.
 */
export function summarise(
  store: CassandraStore,
  acked: readonly { id: number; key: number }[],
  keys: number,
): ReplicationOutcomes {
  const cluster = store.cluster;
  const best = new Float64Array(keys).fill(-1);
  let divergent = 0;
  for (let key = 0; key < keys; key++) {
    let newest = -1;
    let oldest = Infinity;
    for (const r of store.replicasOf(key)) {
      if (!cluster.isUp(r)) continue;
      const v = store.valueAt(r, key);
      if (v > newest) newest = v;
      if (v < oldest) oldest = v;
    }
    best[key] = newest;
    if (oldest < newest) divergent++;
  }
  let lost = 0;
  for (const w of acked) if (w.id > (best[w.key] as number)) lost++;
  const topo = cluster.topology;
  return {
    ackedWrites: acked.length,
    lostWrites: lost,
    divergentKeysAtEnd: divergent,
    topology: {
      regions: topo.regions.map((r) => ({
        name: r.name,
        zones: r.zones.map((z) => ({
          name: z,
          nodes: topo.nodesInZone(z).map((id) => ({ id, name: topo.node(id).name, up: cluster.isUp(id) })),
        })),
      })),
    },
    ring: store.ring.entries(),
    sampleKeys: Array.from({ length: Math.min(SAMPLE_KEYS, keys) }, (_, key) => ({
      key: `key:${key}`,
      token: tokenOf(`key:${key}`),
      replicas: store.replicasOf(key),
    })),
    ownership: store.ring.ownership(),
  };
}
