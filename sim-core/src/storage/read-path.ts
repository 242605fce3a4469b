import type { Handler } from "../kernel/index.js";
import type { ConsistencyLevel } from "./consistency.js";
import { isMet } from "./consistency.js";
import { bump, type Coordinator } from "./coordinator.js";
import type { OpResult, PendingOp } from "./store-types.js";

/** Locality rank of a replica as seen from the coordinator: itself, its zone, its region, afar. */
function proximity(coordinator: Coordinator, coord: number, replica: number): number {
  if (coord === replica) return 0;
  const a = coordinator.cluster.topology.nodes[coord];
  const b = coordinator.cluster.topology.nodes[replica];
  if (a?.zone === b?.zone) return 1;
  return a?.region === b?.region ? 2 : 3;
}

/**
 * The read path of a coordinator: ask the closest live replicas the level needs, return the
 * newest value once enough have answered (last write wins), and, if replies disagree, repair the
 * stale replicas before answering (Cassandra 4's blocking read repair). No speculative retry: a
 * reply lost in flight makes the read time out, which is what a learner should see.
 */
export class ReadPath {
  private readonly coordinator: Coordinator;
  private readonly onRequest: Handler<{ op: PendingOp; replica: number }>;
  private readonly onResponse: Handler<{ op: PendingOp; replica: number; value: number }>;
  private readonly onRepair: Handler<{ op: PendingOp; replica: number }>;
  private readonly onRepairAck: Handler<PendingOp>;
  private readonly onExpiry: Handler<PendingOp>;

  constructor(coordinator: Coordinator) {
    this.coordinator = coordinator;
    const sim = coordinator.sim;
    this.onRequest = sim.handler("storage.readRequest", ({ op, replica }) => this.requestArrives(op, replica));
    this.onResponse = sim.handler("storage.readResponse", (m) => this.responseArrives(m.op, m.replica, m.value));
    this.onRepair = sim.handler("storage.repair", ({ op, replica }) => this.repairArrives(op, replica));
    this.onRepairAck = sim.handler("storage.repairAck", (op: PendingOp) => this.repairAcked(op));
    this.onExpiry = sim.handler("storage.readExpiry", (op: PendingOp) =>
      this.coordinator.finish(op, {
        ok: false,
        error: "timeout",
        latencyUs: sim.nowUs - op.startUs,
        coordinator: op.coord,
      }),
    );
  }

  read(key: number, level: ConsistencyLevel, clientRegion: number, done: (r: OpResult) => void): number {
    const coordinator = this.coordinator;
    const op = coordinator.begin(key, level, clientRegion, done);
    if (op === null) return -1;
    // Closest first; a random draw breaks ties, as the dynamic snitch spreads load among equals.
    const ranked = op.replicas
      .filter((r) => coordinator.cluster.isUp(r))
      .map((replica) => ({ replica, rank: proximity(coordinator, op.coord, replica) + coordinator.rng.next() }))
      .sort((a, b) => a.rank - b.rank)
      .map((x) => x.replica);
    const targets: number[] = [];
    op.req.perRegion.forEach((need, region) => {
      for (const r of ranked) {
        if (targets.filter((t) => coordinator.regionOf[t] === region).length >= need) break;
        if (coordinator.regionOf[r] === region) targets.push(r);
      }
    });
    for (const r of ranked) if (targets.length < op.req.blockFor && !targets.includes(r)) targets.push(r);
    for (const replica of targets) {
      const delay = coordinator.cluster.network.delayUs(op.coord, replica);
      if (delay >= 0) coordinator.sim.schedule(delay, this.onRequest, { op, replica });
    }
    op.expiry = coordinator.sim.schedule(coordinator.readTimeoutUs, this.onExpiry, op);
    return op.id;
  }

  private requestArrives(op: PendingOp, replica: number): void {
    const coordinator = this.coordinator;
    if (!coordinator.cluster.isUp(replica)) return;
    const value = coordinator.valueAt(replica, op.key);
    const delay = coordinator.cluster.network.delayUs(replica, op.coord);
    if (delay >= 0) coordinator.sim.schedule(delay, this.onResponse, { op, replica, value });
  }

  private responseArrives(op: PendingOp, replica: number, value: number): void {
    const coordinator = this.coordinator;
    if (op.done || op.repairsPending > 0 || !coordinator.cluster.isUp(op.coord)) return;
    const i = op.replicas.indexOf(replica);
    op.replied[i] = 1;
    op.values[i] = value;
    bump(op.counts, coordinator.regionOf[replica] as number);
    if (value > op.best) op.best = value;
    if (!isMet(op.req, op.counts)) return;
    const stale = op.replicas.filter((_, j) => op.replied[j] === 1 && (op.values[j] as number) < op.best);
    if (!coordinator.readRepair || stale.length === 0) {
      this.answer(op);
      return;
    }
    op.repairsPending = stale.length;
    coordinator.stats.readRepairs += stale.length;
    for (const r of stale) {
      const delay = coordinator.cluster.network.delayUs(op.coord, r);
      if (delay >= 0) coordinator.sim.schedule(delay, this.onRepair, { op, replica: r });
    }
  }

  private repairArrives(op: PendingOp, replica: number): void {
    const coordinator = this.coordinator;
    if (!coordinator.cluster.isUp(replica)) return;
    coordinator.apply(replica, op.key, op.best);
    const delay = coordinator.cluster.network.delayUs(replica, op.coord);
    if (delay >= 0) coordinator.sim.schedule(delay, this.onRepairAck, op);
  }

  private repairAcked(op: PendingOp): void {
    if (op.done || !this.coordinator.cluster.isUp(op.coord)) return;
    op.repairsPending--;
    if (op.repairsPending === 0) this.answer(op);
  }

  private answer(op: PendingOp): void {
    const coordinator = this.coordinator;
    coordinator.sim.cancel(op.expiry);
    coordinator.finish(op, {
      ok: true,
      value: op.best,
      latencyUs: coordinator.sim.nowUs - op.startUs,
      coordinator: op.coord,
    });
  }
}
