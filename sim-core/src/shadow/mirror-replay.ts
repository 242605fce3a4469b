import type { MoveKind, ReplayRecorder } from "../trace/index.js";
import type { CloudState } from "./mirror-options.js";

/** The customers' box on a mirroring run's replay; the stations declare "primary" and "cloud". */
export const MIRROR_CUSTOMERS = "customers";

/**
 * What a mirroring run shows on a replay: customers call the primary, the primary copies the
 * sampled requests to the cloud, answers come back. The stations report their own queues; this
 * draws the messages between them. It only reads the clock, so a run keeps its fingerprint.
 *
 * @example
 * const sim = new Simulation(); const rec = new ReplayRecorder().attach(sim);
 * rec.node("primary"); rec.node("cloud");
 * new MirrorReplay(rec, "down"); replayStateAt(rec.finish(), 0).nodes.map((n) => n.status) // ['up', 'hung', 'up']
 */
export class MirrorReplay {
  constructor(
    private readonly replay: ReplayRecorder,
    cloud: CloudState,
  ) {
    replay.node(MIRROR_CUSTOMERS);
    // Arrows run caller to callee only, as on the rpc floor: answers travel them backwards.
    replay.edge(MIRROR_CUSTOMERS, "primary");
    replay.edge("primary", "cloud");
    // A hanging cloud accepts connections and never answers: drawn hung for the whole run.
    if (cloud === "down") replay.health("cloud", "hung");
  }

  /** A customer's request reaches the primary (`refused` when its queue is full or the heap is gone). */
  arrive(refused: "rejected" | "error" | null): void {
    if (refused === null) this.replay.move(MIRROR_CUSTOMERS, "primary", 0, "request");
    else this.replay.move("primary", MIRROR_CUSTOMERS, 0, refused);
  }

  /** The primary answers a customer, in time or too late for the website. */
  answer(inTime: boolean): void {
    this.replay.move("primary", MIRROR_CUSTOMERS, 0, inTime ? "ok" : "error");
  }

  /** A copy leaves for the cloud, or is dropped at the primary because the mirror's pool is full. */
  copy(dropped: boolean): void {
    this.replay.move("primary", "cloud", 0, dropped ? "rejected" : "request");
  }

  /** The cloud's answer to a copy, reaching the primary after `delayUs`. */
  reply(delayUs: number, kind: MoveKind): void {
    this.replay.move("cloud", "primary", delayUs, kind);
  }
}
