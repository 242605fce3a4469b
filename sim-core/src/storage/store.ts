import type { Cluster } from "../cluster/index.js";
import type { Rng } from "../random/index.js";
import type { ConsistencyLevel } from "./consistency.js";
import { Coordinator } from "./coordinator.js";
import type { HintedHandoff } from "./hinted-handoff.js";
import { ReadPath } from "./read-path.js";
import type { Replication } from "./replication.js";
import type { TokenRing } from "./ring.js";
import type { OpResult, StoreOptions, StoreStats } from "./store-types.js";
import { WritePath } from "./write-path.js";

/**
 * A Cassandra-like store on a simulated cluster: every node keeps the newest write id per key
 * (last write wins: ids are issued in start-time order, the order the coordinator's timestamps
 * give), coordinators send writes to every replica and answer when the consistency level is met,
 * and hinted handoff replays missed writes when a replica comes back. This class is the public
 * face only: the shared coordinator state lives in `coordinator.ts`, and `write-path.ts`,
 * `read-path.ts` and `hinted-handoff.ts` each work on it.
 *
 * @example
 * const sim = new Simulation(); const topo = standardTopology({});
 * const cluster = createCluster(sim, topo, createRng(1));
 * const store = new CassandraStore(cluster, { replication: { class: "SimpleStrategy", replicationFactor: 3 }, keyCount: 1 }, createRng(2));
 * let ok = false; store.write(0, "ONE", 0, (r) => { ok = r.ok; }); sim.run();
 * ok // true
 */
export class CassandraStore {
  readonly cluster: Cluster;
  readonly ring: TokenRing;
  readonly replication: Replication;
  readonly keyCount: number;
  readonly stats: StoreStats;
  /** Hinted handoff: the hints held and their replay. */
  readonly handoff: HintedHandoff;
  private readonly coordinator: Coordinator;
  private readonly writes: WritePath;
  private readonly reads: ReadPath;

  constructor(cluster: Cluster, options: StoreOptions, rng: Rng, path = "store") {
    const coordinator = new Coordinator(cluster, options, rng, path);
    this.coordinator = coordinator;
    this.cluster = cluster;
    this.ring = coordinator.ring;
    this.replication = coordinator.replication;
    this.keyCount = coordinator.keyCount;
    this.stats = coordinator.stats;
    // The write path (with hinted handoff) before the read path: see WritePath's constructor.
    this.writes = new WritePath(coordinator);
    this.handoff = this.writes.handoff;
    this.reads = new ReadPath(coordinator);
  }

  /**
   * Starts a write of `key` at `level` from a client in region `clientRegion`; returns its id.
   * `done` is called once, when the level is met, on timeout, or at once if unavailable.
   */
  write(key: number, level: ConsistencyLevel, clientRegion: number, done: (r: OpResult) => void): number {
    return this.writes.write(key, level, clientRegion, done);
  }

  /**
   * Starts a read of `key` at `level` from a client in region `clientRegion`; returns its id.
   * `done` gets the id of the write the read returned (-1 if none), or an error.
   */
  read(key: number, level: ConsistencyLevel, clientRegion: number, done: (r: OpResult) => void): number {
    return this.reads.read(key, level, clientRegion, done);
  }

  /** The replicas of key `key`, primary first. */
  replicasOf(key: number): number[] {
    return this.coordinator.replicasOf(key);
  }

  /** The newest write id `node` holds for `key`, or -1. */
  valueAt(node: number, key: number): number {
    return this.coordinator.valueAt(node, key);
  }
}
