import {
  createCluster,
  createRng,
  type EdgeRouter,
  type RpcSpec,
  RpcSystem,
  rpcResults,
  SimConfigError,
  Simulation,
  standardTopology,
} from "sim-core";
import { describe, expect, it } from "vitest";

const fast = { kind: "constant", value: 1 } as const;

/** Two regions of one zone and four nodes each: edge and mid on each, spares after. */
function twoRegions(extra: Partial<RpcSpec> = {}, midNodes = [0, 4], stopped = 0) {
  const sim = new Simulation();
  const topology = standardTopology({ regions: 2, zonesPerRegion: 1, nodesPerZone: 4 });
  const cluster = createCluster(sim, topology, createRng(1));
  const rpc = new RpcSystem(
    sim,
    {
      edge: "edge",
      services: [
        { name: "edge", instances: 2, nodes: [1, 5], serviceTimeMs: fast, calls: [{ service: "mid", timeoutMs: 100 }] },
        { name: "mid", instances: midNodes.length, nodes: midNodes, serviceTimeMs: fast, stoppedInstances: stopped },
      ],
      ...extra,
    },
    createRng(1),
    cluster,
  );
  return { sim, rpc, cluster };
}

/** Sends every request to one region and keeps the answers. */
function toRegion(region: number) {
  const answers: string[] = [];
  const router: EdgeRouter = { route: () => region, answered: (_id, outcome) => answers.push(outcome) };
  return { router, answers };
}

const attemptsPerInstance = (rpc: RpcSystem, service: string) =>
  rpc.services.find((s) => s.name === service)?.instances.map((i) => i.attemptsSent) ?? [];

describe("two regions", () => {
  it("an edge router sends requests to its region's edge, and regional discovery keeps calls there", () => {
    const { router, answers } = toRegion(1);
    const { sim, rpc } = twoRegions({ edgeRouter: router, discoveryScope: "region" });
    for (let i = 0; i < 20; i++) rpc.request(i);
    sim.run();
    expect(answers).toEqual(Array(20).fill("ok"));
    expect(attemptsPerInstance(rpc, "mid")).toEqual([0, 20]);
  });

  it("with one registry for all, calls cross regions", () => {
    const { router } = toRegion(1);
    const { sim, rpc } = twoRegions({ edgeRouter: router });
    for (let i = 0; i < 20; i++) rpc.request(i);
    sim.run();
    expect(attemptsPerInstance(rpc, "mid")).toEqual([10, 10]);
  });

  it("a request routed to a region with no edge up fails at once", () => {
    const { router, answers } = toRegion(0);
    const { sim, rpc, cluster } = twoRegions({ edgeRouter: router, discoveryScope: "region" });
    cluster.fail({ region: "us-east-1" });
    rpc.request(0);
    sim.run();
    expect(answers).toEqual(["rejected"]);
    expect(rpcResults(rpc, sim.nowMs).outcomes.rejected).toBe(1);
  });

  it("a stopped instance gets nothing until started, then what discovery's lag allows", () => {
    const { router } = toRegion(0);
    const { sim, rpc, cluster } = twoRegions(
      { edgeRouter: router, discoveryScope: "region", discovery: "eureka" },
      [0, 4, 2],
      1,
    );
    expect(cluster.isUp(2)).toBe(false);
    rpc.startLoad({ ratePerSec: 20, durationMs: 300_000 });
    rpc.startInstance("mid", 2, 60_000);
    sim.run({ untilMs: 60_000 });
    expect(attemptsPerInstance(rpc, "mid")[2]).toBe(0);
    sim.run({ untilMs: 300_000 });
    // Registered at 60 s, it reaches the edge's list within the cache, fetch and list refreshes (≤ 90 s).
    const sent = attemptsPerInstance(rpc, "mid");
    expect(sent[2]).toBeGreaterThan(0);
    expect(sent[1]).toBe(0);
    expect(rpcResults(rpc, sim.nowMs).outcomes.ok).toBe(rpc.edgeRequests);
  });

  it("checks stopped instances and the scope", () => {
    const err = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e instanceof SimConfigError ? e.message : `not a SimConfigError: ${e}`;
      }
      return "no error";
    };
    expect(err(() => twoRegions({}, [0, 4], 2))).toMatch(/stoppedInstances: 2 \(allowed: an integer from 0 to 1\)/);
    expect(err(() => twoRegions({}, [0, 1], 1))).toMatch(/nodes\[1\].*a node of its own/);
    expect(err(() => twoRegions({ discoveryScope: "zone" as never }))).toMatch(/discoveryScope/);
  });
});
