import {
  Bulkhead,
  type CallSpec,
  Cluster,
  createRng,
  HYSTRIX_SEMAPHORE_MAX_CONCURRENT,
  HYSTRIX_THREAD_POOL_CORE_SIZE,
  Network,
  RpcSystem,
  rpcResults,
  Simulation,
  Topology,
} from "sim-core";
import { describe, expect, it } from "vitest";

const zero = { kind: "constant", value: 0 } as const;

/** edge → mid on one node (messages take no time); `mid` hangs from 0 for `hangMs` (or for ever). */
function run(call: Omit<CallSpec, "service">, requestsAt: number[], hangMs?: number) {
  const sim = new Simulation();
  const topology = Topology.from({ regions: [{ name: "r", zones: [{ name: "z", nodes: 1 }] }] });
  const net = { sameZoneMs: zero, crossZoneMs: zero, crossRegionMs: zero, lossRate: 0 };
  const cluster = new Cluster(sim, topology, new Network(topology, net, createRng(1).fork("net")));
  const rpc = new RpcSystem(
    sim,
    {
      edge: "edge",
      services: [
        { name: "edge", instances: 1, serviceTimeMs: zero, calls: [{ service: "mid", ...call }] },
        { name: "mid", instances: 1, serviceTimeMs: { kind: "constant", value: 5 } },
      ],
    },
    createRng(1),
    cluster,
  );
  rpc.hang("mid", 0, 0, hangMs);
  for (const t of requestsAt) rpc.request(t);
  sim.run({ untilMs: 60_000 });
  return rpcResults(rpc, 60_000);
}

describe("bulkheads", () => {
  it("use Hystrix's defaults: a pool of 10 threads with no queue, or a semaphore of 10", () => {
    expect(new Bulkhead({ kind: "thread" }).size).toBe(HYSTRIX_THREAD_POOL_CORE_SIZE);
    expect(new Bulkhead({ kind: "semaphore" }).size).toBe(HYSTRIX_SEMAPHORE_MAX_CONCURRENT);
    expect([HYSTRIX_THREAD_POOL_CORE_SIZE, HYSTRIX_SEMAPHORE_MAX_CONCURRENT]).toEqual([10, 10]);
  });

  it("a full thread-pool bulkhead rejects at once and the fallback answers", () => {
    const r = run({ timeoutMs: 1000, bulkhead: "thread", fallback: true }, Array(15).fill(0));
    const call = r.calls[0];
    // 10 calls take the pool's threads and wait on the hung mid; 5 find it full.
    expect(call?.attempts).toBe(10);
    expect(call?.bulkheadRejected).toBe(5);
    expect(call?.fallbacks).toEqual({ error: 0, timeout: 10, rejected: 0, shortCircuited: 0, bulkheadRejected: 5 });
    expect(r.outcomes.ok).toBe(15);
    // The rejected ones answer at once; the others after their 1 s timeout.
    expect(r.latencyMs.min).toBe(0);
    expect(r.latencyMs.max).toBe(1000);
  });

  it("a semaphore bulkhead frees its permits when calls end", () => {
    const r = run({ timeoutMs: 100, bulkhead: { kind: "semaphore", size: 2 }, fallback: true }, [0, 0, 0, 200, 200]);
    expect(r.calls[0]?.attempts).toBe(4);
    expect(r.calls[0]?.bulkheadRejected).toBe(1);
  });

  it("without a fallback a rejected call is an error at the edge", () => {
    const r = run({ timeoutMs: 100, bulkhead: { kind: "semaphore", size: 1 } }, [0, 0]);
    expect(r.calls[0]?.outcomes).toMatchObject({ timeout: 1, rejected: 1, fallback: 0 });
    expect(r.outcomes.error).toBe(2);
  });

  it("bulkhead rejections count as failures for the breaker, which then short-circuits to the fallback", () => {
    // 30 simultaneous calls: 1 passes, 29 rejected (29 of 30 failed), so the snapshot at 500 ms
    // opens the breaker and the calls at 600 ms are short-circuited before the bulkhead.
    const requests = [...Array(30).fill(0), ...Array(5).fill(600)];
    const r = run(
      { timeoutMs: 10_000, bulkhead: { kind: "thread", size: 1 }, circuitBreaker: true, fallback: true },
      requests,
    );
    expect(r.calls[0]?.bulkheadRejected).toBe(29);
    expect(r.calls[0]?.shortCircuited).toBe(5);
    expect(r.calls[0]?.fallbacks.shortCircuited).toBe(5);
  });

  it("new RpcSystem(spec) checks a bulkhead's kind and size", () => {
    expect(() => run({ bulkhead: "pool" as "thread" }, [])).toThrow(
      'invalid rpc.services[0].calls[0].bulkhead.kind: "pool"',
    );
    expect(() => run({ bulkhead: { kind: "thread", size: 0 } }, [])).toThrow(
      "invalid rpc.services[0].calls[0].bulkhead.size: 0",
    );
  });
});
