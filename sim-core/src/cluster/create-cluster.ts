import type { Simulation } from "../kernel/index.js";
import type { Rng } from "../random/index.js";
import { Cluster } from "./cluster.js";
import { DEFAULT_NETWORK, Network, type NetworkSpec } from "./network.js";
import type { Topology } from "./topology.js";

/** The name of the stream a cluster's network draws from; scenarios' fingerprints depend on it. */
const NETWORK_STREAM = "network";

/**
 * A cluster on `topology` with its network, the way every scenario builds one: the network draws
 * its delays and losses from `rng.fork("network")`, so a scenario's other streams never shift them.
 *
 * @example
 * const sim = new Simulation(); const cluster = createCluster(sim, standardTopology({}), createRng(1));
 * cluster.network.locality(0, 1) // 'crossZone'
 */
export function createCluster(
  sim: Simulation,
  topology: Topology,
  rng: Rng,
  network: NetworkSpec = DEFAULT_NETWORK,
): Cluster {
  return new Cluster(sim, topology, new Network(topology, network, rng.fork(NETWORK_STREAM)));
}
