import type { Cluster } from "../cluster/index.js";
import type { MoveKind, ReplayRecorder } from "../trace/index.js";
import type { Outcome } from "./outcome.js";
import type { CallRt, ServiceRt } from "./runtime.js";

/** The external callers of the edge, as the replay names them. */
export const REPLAY_CLIENT = "client";

/**
 * Declares an RPC system's topology on a replay: the clients, every instance (its station is
 * declared by the station itself), one arrow per caller and callee instance, and instances that
 * go down and up with their machine. Returns the instance name on each cluster node, so an
 * answer (which knows only its caller's node) can be drawn back to the right box.
 *
 * @example
 * REPLAY_CLIENT // 'client'
 */
export function wireReplay(
  replay: ReplayRecorder,
  services: readonly ServiceRt[],
  calls: readonly CallRt[],
  edge: ServiceRt,
  cluster: Cluster,
): Map<number, string> {
  const byNode = new Map<number, string>();
  for (const s of services)
    for (const inst of s.instances) if (!byNode.has(inst.node)) byNode.set(inst.node, inst.name);
  for (const inst of edge.instances) replay.edge(REPLAY_CLIENT, inst.name);
  for (const rt of calls) {
    for (const a of rt.from.instances) for (const b of rt.to.instances) replay.edge(a.name, b.name);
  }
  cluster.onChange((node, up) => {
    for (const s of services) {
      for (const inst of s.instances) if (inst.node === node) replay.health(inst.name, up ? "up" : "down");
    }
  });
  return byNode;
}

/**
 * How an answer travels on the replay: its outcome, or `lost` when the network dropped it.
 *
 * @example
 * answerKind("fallback", 5) // 'ok'
 */
export function answerKind(outcome: Outcome, delayUs: number): MoveKind {
  if (delayUs < 0) return "lost";
  if (outcome === "ok" || outcome === "fallback") return "ok";
  return outcome === "timeout" || outcome === "rejected" ? outcome : "error";
}
