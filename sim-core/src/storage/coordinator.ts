import type { Cluster } from "../cluster/index.js";
import { checkBoolean, checkFunction, checkNumber } from "../errors/index.js";
import { msToUs, type Simulation } from "../kernel/index.js";
import type { Rng } from "../random/index.js";
import { type ConsistencyLevel, isMet, type Requirement, requirement } from "./consistency.js";
import { tokenOf } from "./murmur3.js";
import { checkPlacement } from "./placement-check.js";
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
 * The coordinator role every node of the store plays, and the state all of them share: the
 * newest write id each node holds per key, the ring and its replicas, the settings and counters.
 * The write path, the read path and hinted handoff each take this one object, so none of them
 * imports another and `CassandraStore` keeps only the public API. The failure detector is perfect
 * and instant, a simplification: coordinators know at once which nodes are down.
 */
export class Coordinator {
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
  readonly regionOf: Int32Array;
  /** Picks coordinators and breaks ties between equally close replicas. */
  readonly rng: Rng;
  /** held[node * keyCount + key]: the newest write id the node has for the key, -1 if none. */
  private readonly held: Float64Array;
  private readonly replicaCache: (number[] | undefined)[];
  private readonly placement: ((token: number) => number[]) | undefined;
  private readonly reqCache = new Map<string, Requirement>();
  private nextId = 0;

  constructor(cluster: Cluster, options: StoreOptions, rng: Rng, path: string) {
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
export function bump(counts: Int32Array, i: number): void {
  counts[i] = (counts[i] as number) + 1;
}
