import {
  type CallSpec,
  createCluster,
  createRng,
  type NetworkSpec,
  type RpcSpec,
  RpcSystem,
  rpcResults,
  type ServiceSpec,
  Simulation,
  Topology,
  traceToMermaidSequence,
} from "sim-core";
import { describe, expect, it } from "vitest";

const zero = { kind: "constant", value: 0 } as const;
const net: NetworkSpec = {
  sameZoneMs: { kind: "constant", value: 0.5 },
  crossZoneMs: { kind: "constant", value: 1 },
  crossRegionMs: { kind: "constant", value: 40 },
  lossRate: 0,
};

/** One node: every message takes 0 µs, so event times are exactly the timeouts and service times. */
function system(services: ServiceSpec[], extra: Partial<RpcSpec> = {}, nodes = 1) {
  const sim = new Simulation();
  const topology = Topology.from({ regions: [{ name: "r", zones: [{ name: "z", nodes }] }] });
  const cluster = createCluster(sim, topology, createRng(1), net);
  const rpc = new RpcSystem(sim, { edge: "edge", services, trace: { count: 1 }, ...extra }, createRng(1), cluster);
  return { sim, rpc, cluster };
}

function chain(
  edgeCall: Omit<CallSpec, "service">,
  midCall: Omit<CallSpec, "service">,
  deepInstances = 1,
): ServiceSpec[] {
  return [
    { name: "edge", instances: 1, serviceTimeMs: zero, calls: [{ service: "mid", ...edgeCall }] },
    { name: "mid", instances: 1, serviceTimeMs: zero, calls: [{ service: "deep", ...midCall }] },
    { name: "deep", instances: deepInstances, serviceTimeMs: { kind: "constant", value: 10 } },
  ];
}

describe("RpcSystem", () => {
  it("2 s timeouts and 2 retries at every layer over a hung deep service: edge answers at 6 s after 9 deep calls", () => {
    const { sim, rpc } = system(chain({ timeoutMs: 2000, retries: 2 }, { timeoutMs: 2000, retries: 2 }));
    rpc.hang("deep", 0, 0);
    rpc.request(0);
    sim.run({ untilMs: 20_000 });
    const r = rpcResults(rpc, 20_000);
    expect(r.latencyMs.max).toBe(6000);
    expect(r.outcomes.error).toBe(1);
    expect(r.calls.map((c) => [c.from, c.to, c.attempts])).toEqual([
      ["edge", "mid", 3],
      ["mid", "deep", 9],
    ]);
    // Each of the 3 mid requests holds its thread for 6 s, all after the edge gave up on it at +2 s.
    const mid = r.services.find((s) => s.name === "mid");
    expect(mid?.wastedMs).toBe(18_000);
    expect(mid?.wastedRequests).toBe(3);
    expect(r.services.find((s) => s.name === "deep")?.amplification).toBe(9);
  });

  it("telescoping 3 s / 1 s with one retry answers a failing call at 2 s", () => {
    const { sim, rpc } = system(chain({ timeoutMs: 3000, retries: 1 }, { timeoutMs: 1000, retries: 1 }));
    rpc.hang("deep", 0, 0);
    rpc.request(0);
    sim.run({ untilMs: 20_000 });
    const r = rpcResults(rpc, 20_000);
    expect(r.latencyMs.max).toBe(2000);
    expect(r.calls.map((c) => c.attempts)).toEqual([1, 2]);
    expect(r.wastedMs).toBe(0);
  });

  it("a retry to a different instance avoids the hung one; to the same instance it fails", () => {
    const run = (retryTarget: "same" | "different") => {
      const { sim, rpc } = system(chain({ timeoutMs: 3000 }, { timeoutMs: 1000, retries: 1, retryTarget }, 3));
      rpc.hang("deep", 0, 0);
      rpc.request(0);
      sim.run({ untilMs: 10_000 });
      return rpcResults(rpc, 10_000);
    };
    const different = run("different");
    expect(different.outcomes.ok).toBe(1);
    // 1000 ms timeout on deep-1, then 10 ms of work on deep-2.
    expect(different.latencyMs.max).toBe(1010);
    const same = run("same");
    expect(same.outcomes.error).toBe(1);
    expect(same.latencyMs.max).toBe(2000);
  });

  it("exponential backoff delays each retry by base·2^retry", () => {
    const { sim, rpc } = system(
      chain(
        { timeoutMs: 10_000 },
        { timeoutMs: 100, retries: 3, backoff: { kind: "exponential", baseMs: 50, capMs: 300 } },
      ),
    );
    rpc.hang("deep", 0, 0);
    rpc.request(0);
    sim.run({ untilMs: 20_000 });
    const spans = rpc.tracer?.spans.filter((s) => s.callee === "deep") ?? [];
    // Attempts at 0; 100 + 100; 300 + 200; 600 + 300 (capped): timeouts of 100 ms in between.
    expect(spans.map((s) => s.startUs / 1000)).toEqual([0, 200, 500, 900]);
    expect(rpcResults(rpc, 20_000).latencyMs.max).toBe(1000);
  });

  it("a hedge after 50 ms answers from the healthy instance and cancels the slow one", () => {
    const { sim, rpc } = system(chain({ timeoutMs: 3000 }, { timeoutMs: 1000, hedgeAfterMs: 50 }, 2));
    rpc.hang("deep", 0, 0, 500);
    rpc.request(0);
    sim.run({ untilMs: 5000 });
    const r = rpcResults(rpc, 5000);
    expect(r.latencyMs.max).toBe(60);
    expect(r.calls[1]?.hedges).toBe(1);
    // The hung instance finishes the cancelled request at 510 ms: 10 ms of wasted work plus the wait.
    expect(r.services.find((s) => s.name === "deep")?.wastedRequests).toBe(1);
    const deepSpans = rpc.tracer?.spans.filter((s) => s.callee === "deep") ?? [];
    expect(deepSpans.map((s) => [s.instance, s.outcome, s.endUs / 1000])).toEqual([
      ["deep-1", "cancelled", 60],
      ["deep-2", "ok", 60],
    ]);
  });

  it("deadline propagation makes the deep service drop work nobody will read", () => {
    const services: ServiceSpec[] = [
      { name: "edge", instances: 1, serviceTimeMs: zero, calls: [{ service: "mid", timeoutMs: 100 }] },
      { name: "mid", instances: 1, workers: 1, serviceTimeMs: { kind: "constant", value: 80 }, queueCapacity: 10 },
    ];
    const run = (deadlinePropagation: boolean) => {
      const { sim, rpc } = system(services, { deadlinePropagation });
      for (let i = 0; i < 3; i++) rpc.request(0);
      sim.run({ untilMs: 1000 });
      return rpcResults(rpc, 1000);
    };
    const without = run(false);
    // One worker, 80 ms each: the second runs 80-160 ms and the third 160-240 ms, both after
    // their callers gave up at 100 ms: 2 × 80 ms of worker time wasted.
    expect(without.outcomes).toMatchObject({ ok: 1, error: 2 });
    expect(without.services[1]?.wastedMs).toBe(160);
    const withDeadlines = run(true);
    expect(withDeadlines.outcomes).toMatchObject({ ok: 1, error: 2 });
    // The second request starts at 80 ms (still 20 ms left) and is wasted; the third is dropped.
    expect(withDeadlines.services[1]?.droppedExpired).toBe(1);
    expect(withDeadlines.services[1]?.wastedMs).toBe(80);
  });

  it("a full queue rejects at once, and rejections are retried", () => {
    const { sim, rpc } = system([
      { name: "edge", instances: 1, serviceTimeMs: zero, calls: [{ service: "mid", timeoutMs: 1000, retries: 1 }] },
      { name: "mid", instances: 1, workers: 1, queueCapacity: 0, serviceTimeMs: { kind: "constant", value: 5 } },
    ]);
    rpc.request(0);
    rpc.request(0);
    sim.run();
    const r = rpcResults(rpc, 100);
    expect(r.services[1]?.rejected).toBe(2);
    expect(r.calls[0]?.outcomes).toMatchObject({ ok: 1, rejected: 1 });
  });

  it("a circuit breaker opens at the health snapshot after 20 failures and short-circuits to the fallback", () => {
    const { sim, rpc } = system([
      {
        name: "edge",
        instances: 1,
        serviceTimeMs: zero,
        calls: [{ service: "mid", timeoutMs: 100, circuitBreaker: true, fallback: true }],
      },
      { name: "mid", instances: 1, serviceTimeMs: zero, errorRate: 1 },
    ]);
    // The breaker reads health snapshots published every 500 ms (Hystrix's HealthCountsStream):
    // the first 30 failures all go out, and only requests after the first snapshot are stopped.
    for (let i = 0; i < 30; i++) rpc.request(i);
    for (let i = 0; i < 10; i++) rpc.request(600 + i);
    sim.run();
    const r = rpcResults(rpc, 1000);
    expect(r.calls[0]?.attempts).toBe(30);
    expect(r.calls[0]?.shortCircuited).toBe(10);
    expect(r.outcomes.ok).toBe(40);
    expect(r.calls[0]?.outcomes.fallback).toBe(40);
  });

  it("a retry budget caps retries at ratio · requests + minimum", () => {
    const { sim, rpc } = system([
      {
        name: "edge",
        instances: 1,
        serviceTimeMs: zero,
        calls: [{ service: "mid", timeoutMs: 10, retries: 3, retryBudget: { ratio: 0.1, minPerSecond: 0 } }],
      },
      { name: "mid", instances: 1, serviceTimeMs: zero },
    ]);
    rpc.hang("mid", 0, 0);
    for (let i = 0; i < 100; i++) rpc.request(i);
    sim.run({ untilMs: 1000 });
    const r = rpcResults(rpc, 1000);
    expect(r.calls[0]?.retries).toBe(10);
    expect(r.calls[0]?.attempts).toBe(110);
  });

  it("instant discovery stops using a dead instance at once", () => {
    const { sim, rpc, cluster } = system(
      [
        { name: "edge", instances: 1, serviceTimeMs: zero, nodes: [0], calls: [{ service: "mid", timeoutMs: 100 }] },
        { name: "mid", instances: 2, serviceTimeMs: zero, nodes: [1, 2] },
      ],
      { discovery: "instant" },
      3,
    );
    cluster.scheduleFaults([{ target: { node: 1 }, atMs: 1000 }]);
    for (let t = 0; t < 10_000; t += 100) rpc.request(t);
    sim.run({ untilMs: 11_000 });
    expect(rpcResults(rpc, 11_000).outcomes.error).toBe(0);
  });

  it("a policy returning NaN raises a SimConfigError naming the field", () => {
    const { sim, rpc } = system([
      {
        name: "edge",
        instances: 1,
        serviceTimeMs: zero,
        calls: [
          {
            service: "mid",
            policy: { decide: () => ({ timeoutMs: Number.NaN, retry: false, target: "same", backoffMs: 0 }) },
          },
        ],
      },
      { name: "mid", instances: 1, serviceTimeMs: zero },
    ]);
    rpc.request(0);
    expect(() => sim.run()).toThrow("invalid policy.timeoutMs: NaN (allowed: a number > 0)");
  });

  it("a policy returning garbage names each bad field", () => {
    const bad = (decision: unknown) => {
      const { sim, rpc } = system([
        {
          name: "edge",
          instances: 1,
          serviceTimeMs: zero,
          calls: [{ service: "mid", policy: { decide: () => decision as never } }],
        },
        { name: "mid", instances: 1, serviceTimeMs: zero },
      ]);
      rpc.request(0);
      return () => sim.run();
    };
    expect(bad(undefined)).toThrow("invalid policy.decide(): undefined");
    expect(bad({ timeoutMs: -5, retry: true, target: "same", backoffMs: 0 })).toThrow("invalid policy.timeoutMs: -5");
    expect(bad({ timeoutMs: 5, retry: "yes", target: "same", backoffMs: 0 })).toThrow('invalid policy.retry: "yes"');
    expect(bad({ timeoutMs: 5, retry: true, target: "other", backoffMs: 0 })).toThrow('invalid policy.target: "other"');
    expect(bad({ timeoutMs: 5, retry: true, target: "same", backoffMs: Number.NaN })).toThrow(
      "invalid policy.backoffMs: NaN",
    );
  });

  it("new RpcSystem(spec) validates the spec", () => {
    const make = (spec: Partial<RpcSpec>) => () =>
      new RpcSystem(new Simulation(), { edge: "edge", services: [], ...spec } as RpcSpec, createRng(1));
    const svc = (o: Partial<ServiceSpec>): ServiceSpec => ({ name: "edge", instances: 1, serviceTimeMs: zero, ...o });
    expect(make({})).toThrow("invalid rpc.services: []");
    expect(make({ services: [svc({ instances: 0 })] })).toThrow("invalid rpc.services[0].instances: 0");
    expect(make({ services: [svc({ name: "a b" })] })).toThrow('invalid rpc.services[0].name: "a b"');
    expect(make({ services: [svc({}), svc({})] })).toThrow(
      'invalid rpc.services[1].name: "edge" (allowed: a unique service name)',
    );
    expect(make({ services: [svc({ workers: 0 })] })).toThrow("invalid rpc.services[0].workers: 0");
    expect(make({ services: [svc({ queueCapacity: -1 })] })).toThrow("invalid rpc.services[0].queueCapacity: -1");
    expect(make({ services: [svc({ errorRate: 2 })] })).toThrow("invalid rpc.services[0].errorRate: 2");
    expect(make({ services: [svc({ serviceTimeMs: { kind: "normal", mean: 1, sd: 1 } })] })).toThrow(
      "invalid rpc.services[0].serviceTimeMs",
    );
    expect(make({ services: [svc({})], edge: "nope" })).toThrow('invalid rpc.edge: "nope"');
    expect(make({ services: [svc({ calls: [{ service: "x" }] })] })).toThrow(
      'invalid rpc.services[0].calls[0].service: "x"',
    );
    expect(make({ services: [svc({ calls: [{ service: "edge" }] })] })).toThrow(
      'invalid rpc.services: "edge -> edge" (allowed: a call graph without cycles)',
    );
    expect(make({ services: [svc({ calls: [{ service: "edge", timeoutMs: 0 }] })] })).toThrow(
      "invalid rpc.services[0].calls[0].timeoutMs: 0 (allowed: a number > 0)",
    );
    expect(make({ services: [svc({ calls: [[{ service: "edge", retries: -1 }]] })] })).toThrow(
      "invalid rpc.services[0].calls[0][0].retries: -1",
    );
    expect(make({ services: [svc({ calls: [{ service: "edge", hedgeAfterMs: -1 }] })] })).toThrow(
      "invalid rpc.services[0].calls[0].hedgeAfterMs: -1",
    );
    expect(make({ services: [svc({ calls: [{ service: "edge", loadBalancer: "best" as never }] })] })).toThrow(
      'invalid rpc.services[0].calls[0].loadBalancer: "best"',
    );
    expect(
      make({ services: [svc({ calls: [{ service: "edge", retryBudget: { ratio: -1, minPerSecond: 0 } }] })] }),
    ).toThrow("invalid rpc.services[0].calls[0].retryBudget.ratio: -1");
    expect(
      make({ services: [svc({ calls: [{ service: "edge", circuitBreaker: { errorThresholdPercentage: 101 } }] })] }),
    ).toThrow("invalid rpc.services[0].calls[0].circuitBreaker.errorThresholdPercentage: 101");
    expect(make({ services: [svc({ nodes: [7] })] })).toThrow("invalid rpc.services[0].nodes[0]: 7");
    expect(make({ services: [svc({})], edgeDeadlineMs: 0 })).toThrow("invalid rpc.edgeDeadlineMs: 0");
    expect(make({ services: [svc({})], discovery: "dns" as never })).toThrow('invalid discovery: "dns"');
  });

  it("the trace of one request renders as a Mermaid sequence diagram", () => {
    const { sim, rpc } = system(chain({ timeoutMs: 3000, retries: 1 }, { timeoutMs: 1000, retries: 1 }));
    rpc.hang("deep", 0, 0);
    rpc.request(0);
    sim.run({ untilMs: 5000 });
    expect(traceToMermaidSequence(rpc.tracer?.spans ?? [])).toBe(
      [
        "sequenceDiagram",
        "  participant client as client",
        "  participant edge_1 as edge-1",
        "  participant mid_1 as mid-1",
        "  participant deep_1 as deep-1",
        "  client->>edge_1: attempt 1 @ 0 ms",
        "  edge_1->>mid_1: attempt 1 @ 0 ms",
        "  mid_1->>deep_1: attempt 1 @ 0 ms",
        "  deep_1--xmid_1: timeout @ 1000 ms",
        "  Note over deep_1: never answered",
        "  mid_1->>deep_1: attempt 2 @ 1000 ms",
        "  deep_1--xmid_1: timeout @ 2000 ms",
        "  Note over deep_1: never answered",
        "  mid_1-->>edge_1: error @ 2000 ms",
        "  edge_1-->>client: error @ 2000 ms",
      ].join("\n"),
    );
  });
});
