export { Cluster, type FaultSpec, type FaultTarget } from "./cluster.js";
export { createCluster } from "./create-cluster.js";
export { fastSampler } from "./fast-sampler.js";
export { DEFAULT_NETWORK, type Locality, Network, type NetworkSpec, type PartitionSide } from "./network.js";
export { type NodeInfo, standardTopology, Topology, type TopologySpec } from "./topology.js";
export { replayCluster } from "./replay-wiring.js";
