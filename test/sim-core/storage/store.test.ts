import {
  CassandraStore,
  type ConsistencyLevel,
  createCluster,
  createRng,
  DEFAULT_NETWORK,
  type NetworkSpec,
  type OpResult,
  SimConfigError,
  Simulation,
  type StoreOptions,
  standardTopology,
} from "sim-core";
import { describe, expect, it } from "vitest";

/** One region, three zones of two nodes; NetworkTopologyStrategy RF 3 unless overridden. */
function setup(options: Partial<StoreOptions> = {}, network: NetworkSpec = DEFAULT_NETWORK, regions = 1) {
  const sim = new Simulation();
  const topology = standardTopology({ regions, zonesPerRegion: 3, nodesPerZone: 2 });
  const rng = createRng(11);
  const cluster = createCluster(sim, topology, rng, network);
  const dataCenters = Object.fromEntries(topology.regions.map((r) => [r.name, 3]));
  const store = new CassandraStore(
    cluster,
    { replication: { class: "NetworkTopologyStrategy", dataCenters }, keyCount: 20, ...options },
    rng.fork("store"),
  );
  const results: OpResult[] = [];
  const op = (kind: "write" | "read", key: number, level: ConsistencyLevel, region = 0) =>
    kind === "write"
      ? store.write(key, level, region, (r) => results.push(r))
      : store.read(key, level, region, (r) => results.push(r));
  return { sim, cluster, store, results, op, topology };
}

describe("CassandraStore", () => {
  it("store.write at ONE then store.read at ONE 500 ms later returns the write", () => {
    const { sim, store, results, op } = setup();
    const id = op("write", 3, "ONE");
    sim.run({ untilMs: 500 });
    op("read", 3, "ONE");
    sim.run();
    expect(results.map((r) => r.ok)).toEqual([true, true]);
    expect(results[1]).toMatchObject({ value: id });
    for (const replica of store.replicasOf(3)) expect(store.valueAt(replica, 3)).toBe(id);
  });

  it("store.write during a zone outage: QUORUM succeeds, ALL is unavailable", () => {
    const { sim, cluster, results, op } = setup();
    cluster.fail({ zone: "us-east-1a" });
    op("write", 1, "QUORUM");
    op("write", 1, "ALL");
    sim.run();
    // Results arrive in completion order: "unavailable" is answered at once, before any replica.
    expect(results.map((r) => (r.ok ? "ok" : r.error))).toEqual(["unavailable", "ok"]);
  });

  it("store.write hints a down replica and replays the hint when it recovers", () => {
    const { sim, cluster, store, results, op } = setup();
    const down = store.replicasOf(5)[0] as number;
    cluster.fail({ node: down });
    const id = op("write", 5, "ONE");
    sim.run({ untilMs: 100 });
    expect(results[0]?.ok).toBe(true);
    expect(store.stats.hintsStored).toBe(1);
    expect(store.valueAt(down, 5)).toBe(-1);
    cluster.recover({ node: down });
    sim.run();
    expect(store.stats.hintsReplayed).toBe(1);
    expect(store.valueAt(down, 5)).toBe(id);
    expect(store.handoff.hints.pending).toBe(0);
  });

  it("store hint replay: a hint whose target falls again on the way stays with its holder and is replayed later", () => {
    const { sim, cluster, store, op } = setup();
    const target = store.replicasOf(5)[0] as number;
    cluster.fail({ node: target });
    const id = op("write", 5, "ONE");
    sim.run({ untilMs: 100 });
    cluster.recover({ node: target });
    // Dispatch runs at the 10 s tick; the hint needs about a millisecond to arrive, so a failure
    // 1 µs after the tick catches it in flight. The node returns at 20 s; the next tick is 30 s.
    cluster.scheduleFaults([{ target: { node: target }, atMs: 10_000.001, durationMs: 10_000 }]);
    sim.run({ untilMs: 25_000 });
    expect(store.valueAt(target, 5)).toBe(-1);
    expect(store.handoff.hints.pending).toBe(1);
    sim.run();
    expect(store.valueAt(target, 5)).toBe(id);
    expect(store.stats.hintsReplayed).toBe(1);
  });

  it("store.write skips the hint when the replica has been down longer than max_hint_window", () => {
    const { sim, cluster, store, op } = setup({ maxHintWindowMs: 1000 });
    const down = store.replicasOf(5)[0] as number;
    cluster.fail({ node: down });
    sim.run({ untilMs: 1500 });
    op("write", 5, "ONE");
    cluster.recover({ node: down });
    sim.run();
    expect(store.stats.hintsStored).toBe(0);
    expect(store.stats.hintsSkipped).toBe(1);
    expect(store.valueAt(down, 5)).toBe(-1);
  });

  it("store.read at ALL repairs a stale replica before answering (blocking read repair)", () => {
    const { sim, cluster, store, results, op } = setup({ hintedHandoff: false });
    const stale = store.replicasOf(7)[1] as number;
    cluster.fail({ node: stale });
    const id = op("write", 7, "ONE");
    sim.run();
    cluster.recover({ node: stale });
    expect(store.valueAt(stale, 7)).toBe(-1);
    op("read", 7, "ALL");
    sim.run();
    expect(results[1]).toMatchObject({ ok: true, value: id });
    expect(store.stats.readRepairs).toBe(1);
    expect(store.valueAt(stale, 7)).toBe(id);
  });

  it("store.read without read repair leaves the stale replica stale", () => {
    const { sim, cluster, store, op } = setup({ hintedHandoff: false, readRepair: false });
    const stale = store.replicasOf(7)[1] as number;
    cluster.fail({ node: stale });
    op("write", 7, "ONE");
    sim.run();
    cluster.recover({ node: stale });
    op("read", 7, "ALL");
    sim.run();
    expect(store.stats.readRepairs).toBe(0);
    expect(store.valueAt(stale, 7)).toBe(-1);
  });

  it("store.write times out after write_request_timeout when every message is lost", () => {
    const { sim, results, op } = setup({}, { ...DEFAULT_NETWORK, lossRate: 1 });
    op("write", 2, "QUORUM");
    op("read", 2, "QUORUM");
    sim.run({ untilMs: 60_000 });
    const [write, read] = results.slice().sort((a, b) => a.latencyUs - b.latencyUs);
    expect(write).toMatchObject({ ok: false, error: "timeout", latencyUs: 2_000_000 });
    expect(read).toMatchObject({ ok: false, error: "timeout", latencyUs: 5_000_000 });
  });

  it("store.read at LOCAL_QUORUM in another region can miss a write that EACH_QUORUM would wait for", () => {
    const { sim, results, op } = setup({}, DEFAULT_NETWORK, 2);
    const id = op("write", 4, "LOCAL_QUORUM", 0);
    sim.run({ untilMs: 5 });
    op("read", 4, "LOCAL_ONE", 1);
    sim.run();
    // Cross-region one-way delay is ~41 ms, so 5 ms after a local commit the remote copies are empty.
    expect(results.map((r) => (r.ok ? r.value : r.error))).toEqual([id, -1]);
  });

  it("store.read with a region down fails over to another region's coordinator", () => {
    const { sim, cluster, results, op } = setup({}, DEFAULT_NETWORK, 2);
    cluster.fail({ region: "us-east-1" });
    op("write", 4, "LOCAL_QUORUM", 0);
    op("write", 4, "EACH_QUORUM", 0);
    sim.run();
    expect(results.map((r) => (r.ok ? "ok" : r.error))).toEqual(["unavailable", "ok"]);
    // Nodes 0-5 are us-east-1; the surviving coordinator is in us-west-2.
    expect(results[1]?.coordinator).toBeGreaterThanOrEqual(6);
  });

  it("CassandraStore runs are reproducible from the seed", () => {
    const run = () => {
      const { sim, cluster, op } = setup();
      cluster.scheduleFaults([{ target: { zone: "us-east-1b" }, atMs: 10, durationMs: 20_000 }]);
      for (let i = 0; i < 50; i++) op(i % 2 === 0 ? "write" : "read", i % 20, i % 3 === 0 ? "QUORUM" : "ONE");
      sim.run();
      return sim.fingerprint;
    };
    expect(run()).toBe(run());
  });

  it("CassandraStore rejects bad options", () => {
    expect(() => setup({ keyCount: 0 })).toThrow(SimConfigError);
    expect(() => setup({ writeTimeoutMs: 0 })).toThrow(/store.writeTimeoutMs/);
    expect(() => setup({ replication: { class: "SimpleStrategy", replicationFactor: 7 } })).toThrow(
      /store.replication.replicationFactor/,
    );
    const { store } = setup();
    expect(() => store.replicasOf(20)).toThrow(/key/);
  });
});
