import { createCluster, createRng, RpcSystem, SimConfigError, Simulation, standardTopology } from "sim-core";
import { describe, expect, it } from "vitest";
import {
  isBuiltInBalancer,
  leastOutstanding,
  loadBalancer,
  random,
  roundRobin,
} from "../../../sim-core/src/rpc/load-balancer.js";

describe("isBuiltInBalancer", () => {
  it("isBuiltInBalancer(lb) is true for the module's balancers and false for a custom one", () => {
    const custom = { pick: () => 0 };
    expect(
      [roundRobin(), random(), leastOutstanding(), loadBalancer("random"), custom, loadBalancer(custom)].map(
        isBuiltInBalancer,
      ),
    ).toEqual([true, true, true, true, false, false]);
  });
});

describe("custom balancer picks", () => {
  it("RpcSystem rejects a custom balancer's pick outside the candidates with SimConfigError", () => {
    const sim = new Simulation();
    const topology = standardTopology({ nodesPerZone: 1 });
    const cluster = createCluster(sim, topology, createRng(3));
    const constant = { kind: "constant" as const, value: 1 };
    const rpc = new RpcSystem(
      sim,
      {
        edge: "api",
        services: [
          {
            name: "api",
            instances: 1,
            serviceTimeMs: constant,
            calls: [{ service: "db", loadBalancer: () => ({ pick: () => 7 }) }],
          },
          { name: "db", instances: 2, serviceTimeMs: constant },
        ],
      },
      createRng(1),
      cluster,
    );
    rpc.request(0);
    expect(() => sim.run()).toThrow(SimConfigError);
  });
});
