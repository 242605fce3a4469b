import type { Cluster } from "../cluster/index.js";
import { checkBoolean, checkFunction, checkNumber } from "../errors/index.js";
import { type Handler, msToUs, type Simulation } from "../kernel/index.js";
import type { Rng } from "../random/index.js";
import { type ConsistencyLevel, isMet, type Requirement, requirement } from "./consistency.js";
import { HintedHandoff } from "./hinted-handoff.js";
import { tokenOf } from "./murmur3.js";
import { checkPlacement } from "./placement-check.js";
import { ReadPath } from "./read-path.js";
import { type Replication, replication } from "./replication.js";
import { DEFAULT_VNODES, TokenRing } from "./ring.js";
import {
  MAX_HINT_WINDOW_MS,
  type OpResult,
  type PendingOp,
  READ_REQUEST_TIMEOUT_MS,
  type StoreOptions,
  type StoreStats,
  WRITE_REQUEST_TIMEOUT_MS,
} from "./store-types.js";

/**
 * A Cassandra-like store on a simulated cluster: every node keeps the newest write id per key
 * (last write wins: ids are issued in start-time order, the order the coordinator's timestamps
 * give), coordinators send writes to every replica and answer when the consistency level is met,
 * and hinted handoff (`hinted-handoff.ts`) replays missed writes when a replica comes back. The failure detector is
 * perfect and instant, a simplification: coordinators know at once which nodes are down.
 * Reads live in `read-path.ts` and share this state.
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
  readonly sim: Simulation;
  readonly ring: TokenRing;
  readonly replication: Replication;
  readonly keyCount: number;
  readonly hintedHandoff: boolean;
  readonly readRepair: boolean;
  readonly writeTimeoutUs: number;
  readonly readTimeoutUs: number;
  readonly maxHintWindowUs: number;
  readonly stats: StoreStats = { hintsStored: 0, hintsReplayed: 0, hintsSkipped: 0, readRepairs: 0 };
  /** Hinted handoff: the hints held and their replay. */
  readonly handoff: HintedHandoff;
  /** held[node * keyCount + key]: the newest write id the node has for the key, -1 if none. */
  readonly held: Float64Array;
  readonly regionOf: Int32Array;
  readonly rng: Rng;
  private readonly replicaCache: (number[] | undefined)[];
  private readonly placement: ((token: number) => number[]) | undefined;
  private readonly reqCache = new Map<string, Requirement>();
  private nextId = 0;
  private readonly onMutation: Handler<{ op: PendingOp; replica: number }>;
  private readonly onAck: Handler<{ op: PendingOp; replica: number }>;
  private readonly onWriteExpiry: Handler<PendingOp>;
  private readonly reads: ReadPath;

  constructor(cluster: Cluster, options: StoreOptions, rng: Rng, path = "store") {
    this.cluster = cluster;
    this.sim = cluster.sim;
    this.rng = rng;
    const nodes = cluster.topology.nodes.length;
    this.keyCount = checkNumber(`${path}.keyCount`, options.keyCount, { min: 1, max: 1_000_000, integer: true });
    this.ring =
      options.ring ?? TokenRing.random(nodes, options.vnodes ?? DEFAULT_VNODES, rng.fork("ring"), `${path}.ring`);
    this.replication = replication(options.replication, this.ring, cluster.topology, `${path}.replication`);
    this.placement =
      options.placement === undefined ? undefined : checkFunction(`${path}.placement`, options.placement);
    this.hintedHandoff = checkBoolean(`${path}.hintedHandoff`, options.hintedHandoff ?? true);
    this.readRepair = checkBoolean(`${path}.readRepair`, options.readRepair ?? true);
    const timeout = (name: string, value: number | undefined, fallback: number) =>
      msToUs(checkNumber(`${path}.${name}`, value ?? fallback, { min: 0, minExclusive: true }));
    this.writeTimeoutUs = timeout("writeTimeoutMs", options.writeTimeoutMs, WRITE_REQUEST_TIMEOUT_MS);
    this.readTimeoutUs = timeout("readTimeoutMs", options.readTimeoutMs, READ_REQUEST_TIMEOUT_MS);
    this.maxHintWindowUs = msToUs(
      checkNumber(`${path}.maxHintWindowMs`, options.maxHintWindowMs ?? MAX_HINT_WINDOW_MS, { min: 0 }),
    );
    this.held = new Float64Array(nodes * this.keyCount).fill(-1);
    this.regionOf = Int32Array.from(cluster.topology.nodes, (n) => n.regionIndex);
    this.replicaCache = new Array(this.keyCount);
    const sim = this.sim;
    this.onMutation = sim.handler("storage.mutation", ({ op, replica }) => this.mutationArrives(op, replica));
    this.onAck = sim.handler("storage.ack", ({ op, replica }) => this.ackArrives(op, replica));
    this.onWriteExpiry = sim.handler("storage.writeExpiry", (op: PendingOp) => this.writeExpires(op));
    this.handoff = new HintedHandoff(this);
    this.reads = new ReadPath(this);
  }

  /**
   * Starts a read of `key` at `level` from a client in region `clientRegion`; returns its id.
   * `done` gets the id of the write the read returned (-1 if none), or an error.
   */
  read(key: number, level: ConsistencyLevel, clientRegion: number, done: (r: OpResult) => void): number {
    return this.reads.read(key, level, clientRegion, done);
  }

  /** The replicas of key `key`, primary first (cached: the ring does not change during a run). */
  replicasOf(key: number): number[] {
    checkNumber("key", key, { min: 0, max: this.keyCount - 1, integer: true });
    let replicas = this.replicaCache[key];
    if (replicas === undefined) {
      const token = tokenOf(`key:${key}`);
      replicas =
        this.placement === undefined
          ? this.replication.replicas(token)
          : checkPlacement(
              (this.placement as (token: number) => number[])(token),
              token,
              this.regionOf,
              this.replication,
            );
      this.replicaCache[key] = replicas;
    }
    return replicas;
  }

  /** The newest write id `node` holds for `key`, or -1. */
  valueAt(node: number, key: number): number {
    return this.held[node * this.keyCount + key] as number;
  }

  /**
   * Starts a write of `key` at `level` from a client in region `clientRegion`; returns its id.
   * `done` is called once, when the level is met, on timeout, or at once if unavailable.
   */
  write(key: number, level: ConsistencyLevel, clientRegion: number, done: (r: OpResult) => void): number {
    const op = this.begin(key, level, clientRegion, done);
    if (op === null) return -1;
    const { coord, replicas } = op;
    for (let i = 0; i < replicas.length; i++) {
      const replica = replicas[i] as number;
      if (this.cluster.isUp(replica)) {
        const delay = this.cluster.network.delayUs(coord, replica);
        if (delay >= 0) this.sim.schedule(delay, this.onMutation, { op, replica });
      } else {
        // A replica known to be down gets a hint at once, as Cassandra's coordinator does.
        this.handoff.hint(op, i);
      }
    }
    op.expiry = this.sim.schedule(this.writeTimeoutUs, this.onWriteExpiry, op);
    return op.id;
  }

  /**
   * Picks a coordinator and checks that enough replicas are alive; reports "unavailable" and
   * returns null if not. Shared by writes and reads.
   */
  begin(key: number, level: ConsistencyLevel, clientRegion: number, done: (r: OpResult) => void): PendingOp | null {
    const id = this.nextId++;
    const coord = this.pickCoordinator(clientRegion);
    const replicas = this.replicasOf(key);
    const regions = this.replication.rfByRegion.length;
    const fail = (c: number) => {
      this.sim.fold(-1);
      done({ ok: false, error: "unavailable", latencyUs: 0, coordinator: c });
      return null;
    };
    if (coord < 0) return fail(-1);
    const req = this.requirementFor(level, this.regionOf[coord] as number);
    const alive = new Int32Array(regions);
    for (const r of replicas) if (this.cluster.isUp(r)) bump(alive, this.regionOf[r] as number);
    if (!isMet(req, alive)) return fail(coord);
    return {
      id,
      key,
      coord,
      startUs: this.sim.nowUs,
      req,
      replicas,
      counts: new Int32Array(regions),
      replied: new Uint8Array(replicas.length),
      hinted: new Uint8Array(replicas.length),
      values: new Float64Array(replicas.length),
      done: false,
      expiry: -1,
      cb: done,
      best: -1,
      repairsPending: 0,
    };
  }

  /** Applies a write at a replica: last write wins. */
  apply(node: number, key: number, writeId: number): void {
    const i = node * this.keyCount + key;
    if (writeId > (this.held[i] as number)) this.held[i] = writeId;
  }

  /** Ends an operation once and tells the client. */
  finish(op: PendingOp, result: OpResult): void {
    if (op.done) return;
    op.done = true;
    this.sim.fold(result.ok ? 1 : 2);
    op.cb(result);
  }

  private mutationArrives(op: PendingOp, replica: number): void {
    if (!this.cluster.isUp(replica)) return;
    this.apply(replica, op.key, op.id);
    const delay = this.cluster.network.delayUs(replica, op.coord);
    if (delay >= 0) this.sim.schedule(delay, this.onAck, { op, replica });
  }

  private ackArrives(op: PendingOp, replica: number): void {
    if (!this.cluster.isUp(op.coord)) return;
    const i = op.replicas.indexOf(replica);
    if (op.replied[i] === 1) return;
    op.replied[i] = 1;
    bump(op.counts, this.regionOf[replica] as number);
    if (!op.done && isMet(op.req, op.counts)) {
      this.finish(op, { ok: true, value: op.id, latencyUs: this.sim.nowUs - op.startUs, coordinator: op.coord });
    }
    if (op.replied.every((r, j) => r === 1 || op.hinted[j] === 1)) this.sim.cancel(op.expiry);
  }

  private writeExpires(op: PendingOp): void {
    this.finish(op, { ok: false, error: "timeout", latencyUs: this.sim.nowUs - op.startUs, coordinator: op.coord });
    // Replicas that never acknowledged get a hint, as when Cassandra's write callbacks expire.
    for (let i = 0; i < op.replicas.length; i++)
      if (op.replied[i] === 0 && op.hinted[i] === 0) this.handoff.hint(op, i);
  }

  private pickCoordinator(clientRegion: number): number {
    const regions = this.cluster.topology.regions;
    // The client's own region first; if it has no live node, fail over to the next regions in order.
    for (let step = 0; step < regions.length; step++) {
      const region = regions[(clientRegion + step) % regions.length];
      const live = (region?.nodes ?? []).filter((n) => this.cluster.isUp(n));
      if (live.length > 0) return live[this.rng.int(live.length)] as number;
    }
    return -1;
  }

  private requirementFor(level: ConsistencyLevel, region: number): Requirement {
    const k = `${level}/${region}`;
    let req = this.reqCache.get(k);
    if (req === undefined) {
      req = requirement(level, this.replication, region);
      this.reqCache.set(k, req);
    }
    return req;
  }
}

/** Adds one to a typed-array counter (indexing is checked by the caller). */
function bump(counts: Int32Array, i: number): void {
  counts[i] = (counts[i] as number) + 1;
}
