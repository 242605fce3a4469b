import type { ReplayRecorder } from "../trace/index.js";
import type { Cluster } from "./cluster.js";

/**
 * Puts a whole cluster on a replay: one box per node, grouped by zone, every message the network
 * carries (node to node, or lost), and nodes going down and up. A model built on the cluster's
 * network (the Cassandra store, hinted handoff) is then replayed without a line of its own.
 * Returns the replay's node id of each cluster node.
 *
 * @example
 * const sim = new Simulation(); const topo = standardTopology({ nodesPerZone: 1 });
 * const cluster = new Cluster(sim, topo, new Network(topo, DEFAULT_NETWORK, createRng(1)));
 * replayCluster(new ReplayRecorder().attach(sim), cluster) // ['us-east-1a-n0', 'us-east-1b-n0', 'us-east-1c-n0']
 */
export function replayCluster(replay: ReplayRecorder, cluster: Cluster): string[] {
  const ids = cluster.topology.nodes.map((n) => {
    // The zone is the group's title; the box needs only the node's own part of the name.
    replay.node(n.name, {
      group: n.zone,
      label: n.name.startsWith(`${n.zone}-`) ? n.name.slice(n.zone.length + 1) : n.name,
    });
    return n.name;
  });
  cluster.network.tap = (from, to, delayUs) => {
    replay.move(ids[from] as string, ids[to] as string, delayUs, delayUs >= 0 ? "request" : "lost");
  };
  cluster.onChange((node, up) => replay.health(ids[node] as string, up ? "up" : "down"));
  return ids;
}
