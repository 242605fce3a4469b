import { createRng, RpcSystem, type ServiceSpec, Simulation } from "sim-core";
import { describe, expect, it } from "vitest";

const fast = { kind: "constant", value: 1 } as const;

/** edge → mid → two leaves in parallel, each leaf failing with `leafErrorRate`; fallbacks on both. */
function run(leafErrorRate: number, requests: number) {
  const sim = new Simulation();
  const services: ServiceSpec[] = [
    { name: "edge", instances: 1, serviceTimeMs: fast, calls: [{ service: "mid" }] },
    {
      name: "mid",
      instances: 1,
      serviceTimeMs: fast,
      calls: [
        [
          { service: "a", fallback: true },
          { service: "b", fallback: true },
        ],
      ],
    },
    { name: "a", instances: 1, serviceTimeMs: fast, errorRate: leafErrorRate },
    { name: "b", instances: 1, serviceTimeMs: fast, errorRate: leafErrorRate },
  ];
  const rpc = new RpcSystem(sim, { edge: "edge", services }, createRng(1));
  for (let i = 0; i < requests; i++) rpc.request(i * 100);
  sim.run();
  const fallbacks = rpc.calls.reduce((n, c) => n + c.stats.fallbacks.reduce((a, b) => a + b, 0), 0);
  return { degraded: rpc.edgeDegraded, ok: rpc.edgeOutcomes[0], fallbacks };
}

describe("degraded requests at the edge", () => {
  it("counts a request that got two fallbacks once, and the fallback one hop down reaches the edge", () => {
    const r = run(1, 3);
    expect(r.fallbacks).toBe(6);
    expect(r.degraded).toBe(3);
    expect(r.ok).toBe(3);
  });

  it("counts no request degraded when no fallback answered", () => {
    expect(run(0, 3)).toEqual({ degraded: 0, ok: 3, fallbacks: 0 });
  });
});
