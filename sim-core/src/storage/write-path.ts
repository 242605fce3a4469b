import type { Handler } from "../kernel/index.js";
import type { ConsistencyLevel } from "./consistency.js";
import { isMet } from "./consistency.js";
import { bump, type Coordinator } from "./coordinator.js";
import { HintedHandoff } from "./hinted-handoff.js";
import type { OpResult, PendingOp } from "./store-types.js";

/**
 * The write path of a coordinator: send the mutation to every replica, answer when the
 * consistency level's acknowledgements are in (last write wins at each replica), and hand the
 * writes a replica missed to hinted handoff, which this path owns.
 */
export class WritePath {
  /** Hinted handoff: the hints held and their replay. */
  readonly handoff: HintedHandoff;
  private readonly coordinator: Coordinator;
  private readonly onMutation: Handler<{ op: PendingOp; replica: number }>;
  private readonly onAck: Handler<{ op: PendingOp; replica: number }>;
  private readonly onExpiry: Handler<PendingOp>;

  constructor(coordinator: Coordinator) {
    this.coordinator = coordinator;
    const sim = coordinator.sim;
    // Handlers are numbered in the order they are registered and the numbers reach the run's
    // fingerprint: the write path's come first, then hinted handoff's, then the read path's.
    this.onMutation = sim.handler("storage.mutation", ({ op, replica }) => this.mutationArrives(op, replica));
    this.onAck = sim.handler("storage.ack", ({ op, replica }) => this.ackArrives(op, replica));
    this.onExpiry = sim.handler("storage.writeExpiry", (op: PendingOp) => this.expires(op));
    this.handoff = new HintedHandoff(coordinator);
  }

  /**
   * Starts a write of `key` at `level` from a client in region `clientRegion`; returns its id.
   * `done` is called once, when the level is met, on timeout, or at once if unavailable.
   */
  write(key: number, level: ConsistencyLevel, clientRegion: number, done: (r: OpResult) => void): number {
    const c = this.coordinator;
    const op = c.begin(key, level, clientRegion, done);
    if (op === null) return -1;
    const { coord, replicas } = op;
    for (let i = 0; i < replicas.length; i++) {
      const replica = replicas[i] as number;
      if (c.cluster.isUp(replica)) {
        const delay = c.cluster.network.delayUs(coord, replica);
        if (delay >= 0) c.sim.schedule(delay, this.onMutation, { op, replica });
      } else {
        // A replica known to be down gets a hint at once, as Cassandra's coordinator does.
        this.handoff.hint(op, i);
      }
    }
    op.expiry = c.sim.schedule(c.writeTimeoutUs, this.onExpiry, op);
    return op.id;
  }

  private mutationArrives(op: PendingOp, replica: number): void {
    const c = this.coordinator;
    if (!c.cluster.isUp(replica)) return;
    c.apply(replica, op.key, op.id);
    const delay = c.cluster.network.delayUs(replica, op.coord);
    if (delay >= 0) c.sim.schedule(delay, this.onAck, { op, replica });
  }

  private ackArrives(op: PendingOp, replica: number): void {
    const c = this.coordinator;
    if (!c.cluster.isUp(op.coord)) return;
    const i = op.replicas.indexOf(replica);
    if (op.replied[i] === 1) return;
    op.replied[i] = 1;
    bump(op.counts, c.regionOf[replica] as number);
    if (!op.done && isMet(op.req, op.counts)) {
      c.finish(op, { ok: true, value: op.id, latencyUs: c.sim.nowUs - op.startUs, coordinator: op.coord });
    }
    if (op.replied.every((r, j) => r === 1 || op.hinted[j] === 1)) c.sim.cancel(op.expiry);
  }

  private expires(op: PendingOp): void {
    const c = this.coordinator;
    c.finish(op, { ok: false, error: "timeout", latencyUs: c.sim.nowUs - op.startUs, coordinator: op.coord });
    // Replicas that never acknowledged get a hint, as when Cassandra's write callbacks expire.
    for (let i = 0; i < op.replicas.length; i++)
      if (op.replied[i] === 0 && op.hinted[i] === 0) this.handoff.hint(op, i);
  }
}
