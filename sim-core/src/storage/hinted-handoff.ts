import { type Handler, msToUs } from "../kernel/index.js";
import type { Coordinator } from "./coordinator.js";
import { type Hint, HintStore } from "./hints.js";
import type { PendingOp } from "./store-types.js";

/** Cassandra 3.0+ HintsService triggers hint dispatch every 10 s. */
export const HINT_DISPATCH_INTERVAL_MS = 10_000;

/**
 * Hinted handoff: a coordinator keeps the writes a replica missed (it was down, or did not
 * acknowledge before the write timeout) and sends them when the replica is back, on the next
 * dispatch tick. No hint is kept for a replica down longer than max_hint_window: after that only
 * read repair (or a full repair, not modelled) brings it up to date.
 *
 * @example
 * const sim = new Simulation(); const topo = standardTopology({});
 * const cluster = createCluster(sim, topo, createRng(1));
 * const store = new CassandraStore(cluster, { replication: { class: "SimpleStrategy", replicationFactor: 3 }, keyCount: 1 }, createRng(2));
 * cluster.fail({ node: 2 }); store.write(0, "ONE", 0, () => {}); sim.run({ untilMs: 100 });
 * store.handoff.hints.pending // 1
 */
export class HintedHandoff {
  readonly hints: HintStore;
  private readonly coordinator: Coordinator;
  private readonly downSinceUs: Float64Array;
  private readonly onDispatch: Handler<{ holder: number; target: number }>;
  private readonly onHintArrive: Handler<{ holder: number; target: number; hint: Hint }>;
  /** Dispatches already scheduled, by holder * nodes + target, so a burst of hints costs one event. */
  private readonly scheduled = new Set<number>();
  private readonly nodeCount: number;

  constructor(coordinator: Coordinator) {
    this.coordinator = coordinator;
    const nodes = coordinator.cluster.topology.nodes.length;
    this.hints = new HintStore(nodes);
    this.downSinceUs = new Float64Array(nodes);
    const sim = coordinator.sim;
    this.onDispatch = sim.handler("storage.hintDispatch", ({ holder, target }) => this.dispatchHints(holder, target));
    this.nodeCount = nodes;
    this.onHintArrive = sim.handler("storage.hintArrive", ({ holder, target, hint }) => {
      if (!coordinator.cluster.isUp(target)) {
        // The target went down again while the hint was on its way: the holder keeps it.
        if (coordinator.cluster.isUp(holder)) this.hints.add(holder, hint);
        return;
      }
      coordinator.apply(target, hint.key, hint.writeId);
      coordinator.stats.hintsReplayed++;
    });
    coordinator.cluster.onChange((node, up) => this.nodeChanged(node, up));
  }

  /** Stores a hint for replica `i` of a write, unless hints are off or the window has passed. */
  hint(op: PendingOp, i: number): void {
    op.hinted[i] = 1;
    const target = op.replicas[i] as number;
    const downForUs = this.coordinator.cluster.isUp(target)
      ? 0
      : this.coordinator.sim.nowUs - (this.downSinceUs[target] as number);
    if (
      !this.coordinator.hintedHandoff ||
      !this.coordinator.cluster.isUp(op.coord) ||
      downForUs > this.coordinator.maxHintWindowUs
    ) {
      this.coordinator.stats.hintsSkipped++;
      return;
    }
    this.hints.add(op.coord, { target, key: op.key, writeId: op.id, createdUs: this.coordinator.sim.nowUs });
    this.coordinator.stats.hintsStored++;
    if (this.coordinator.cluster.isUp(target)) this.scheduleDispatch(op.coord, target);
  }

  private nodeChanged(node: number, up: boolean): void {
    if (!up) {
      this.downSinceUs[node] = this.coordinator.sim.nowUs;
      return;
    }
    // A returning node receives hints from every holder, and replays the hints it holds itself.
    for (const holder of this.hints.holdersFor(node)) this.scheduleDispatch(holder, node);
    for (const target of this.hints.targetsOf(node)) this.scheduleDispatch(node, target);
  }

  private scheduleDispatch(holder: number, target: number): void {
    const key = holder * this.nodeCount + target;
    if (this.scheduled.has(key)) return;
    this.scheduled.add(key);
    const intervalUs = msToUs(HINT_DISPATCH_INTERVAL_MS);
    const nextTickUs = (Math.floor(this.coordinator.sim.nowUs / intervalUs) + 1) * intervalUs;
    this.coordinator.sim.scheduleAt(nextTickUs, this.onDispatch, { holder, target });
  }

  private dispatchHints(holder: number, target: number): void {
    this.scheduled.delete(holder * this.nodeCount + target);
    if (!this.coordinator.cluster.isUp(holder) || !this.coordinator.cluster.isUp(target)) return;
    let kept = 0;
    for (const hint of this.hints.heldFor(holder, target)) {
      if (this.coordinator.sim.nowUs - hint.createdUs > this.coordinator.maxHintWindowUs) {
        // An undeliverable hint is not retried forever; repair would have to fix the replica.
        this.hints.remove(holder, hint);
        continue;
      }
      const delay = this.coordinator.cluster.network.delayUs(holder, target);
      if (delay < 0) {
        kept++;
        continue;
      }
      this.hints.remove(holder, hint);
      this.coordinator.sim.schedule(delay, this.onHintArrive, { holder, target, hint });
    }
    if (kept > 0) this.scheduleDispatch(holder, target);
  }
}
