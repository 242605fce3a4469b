import { cassandraReplication, getScenario, PROBE_DELAYS_MS, type ReplicaPlacement, SimConfigError } from "sim-core";
import { describe, expect, it } from "vitest";

describe("cassandraReplication", () => {
  it("cassandraReplication.run() reproduces Netflix's Cassandra benchmarks in miniature: writes at ONE, reads 500 ms later, nothing lost", () => {
    // Netflix's 2011 benchmark (RF 3 over three zones) and Adrian Cockcroft's global one (a million writes at CL.ONE, every one read
    // back 500 ms later, no data loss); see the site's sources page. Here 10 000 writes to 10 000 keys, on three seeds.
    for (const seed of [1, 2, 3]) {
      const r = cassandraReplication.run({ ...cassandraReplication.presets.benchmark, seed, durationMs: 10_000 });
      expect(r.writes.attempted).toBeGreaterThan(9000);
      expect(r.writes.availability).toBe(1);
      expect(r.reads.ok).toBe(r.writes.ok);
      expect(r.staleReads).toBe(0);
      expect(r.lostWrites).toBe(0);
    }
  });

  it("cassandraReplication.run() with a permanent zone outage: ALL refuses every later write, other levels lose nothing", () => {
    const base = cassandraReplication.presets.zoneLost;
    for (const level of ["ONE", "QUORUM", "LOCAL_QUORUM", "EACH_QUORUM"] as const) {
      const r = cassandraReplication.run({ ...base, writeLevel: level, readLevel: level });
      expect(r.writes.unavailable, level).toBe(0);
      expect(r.lostWrites, level).toBe(0);
    }
    const all = cassandraReplication.run({ ...base, writeLevel: "ALL", readLevel: "ALL" });
    // With RF 3 over 3 zones every key has a replica in the failed zone, so ALL cannot be met.
    const after = all.series.filter((b) => b.timeMs >= 1500);
    const before = all.series.filter((b) => b.timeMs < 1500);
    expect(after.reduce((n, b) => n + b.writesOk, 0)).toBe(0);
    expect(before.reduce((n, b) => n + b.writesFailed, 0)).toBe(0);
    expect(all.writes.unavailable).toBeGreaterThan(0);
    expect(all.lostWrites).toBe(0);
  });

  it("cassandraReplication.run() at ONE shows stale reads after a zone returns, until hints replay", () => {
    const r = cassandraReplication.run();
    expect(r.failure).toEqual({ kind: "zone", target: "us-east-1a", atMs: 1500, untilMs: 3500 });
    expect(r.staleReads).toBeGreaterThan(0);
    const staleBins = r.series.filter((b) => b.readsStale > 0).map((b) => b.timeMs);
    // Reads of writes missed by the down zone start to go stale when it is back (3.5 s).
    expect(Math.min(...staleBins)).toBeGreaterThanOrEqual(3500);
    expect(r.hints.stored).toBeGreaterThan(0);
    expect(r.hints.replayed).toBe(r.hints.stored);
    expect(r.divergentKeysAtEnd).toBe(0);
    expect(r.lostWrites).toBe(0);
  });

  it("cassandraReplication.run() at QUORUM reads never returns stale data (R + W > N) and read repair fixes replicas", () => {
    const r = cassandraReplication.run({ writeLevel: "QUORUM", readLevel: "QUORUM", hintedHandoff: false });
    expect(r.staleReads).toBe(0);
    expect(r.stalenessCurve.every((c) => c.stale === 0)).toBe(true);
    expect(r.readRepairs).toBeGreaterThan(0);
  });

  it("cassandraReplication.run() without hinted handoff leaves replicas diverged at the end", () => {
    const withHints = cassandraReplication.run();
    const without = cassandraReplication.run({ hintedHandoff: false, readRepair: false });
    expect(withHints.divergentKeysAtEnd).toBe(0);
    expect(without.divergentKeysAtEnd).toBeGreaterThan(0);
    expect(without.hints.stored).toBe(0);
  });

  it("cassandraReplication.run() skips hints once a replica has been down longer than maxHintWindowMs", () => {
    const r = cassandraReplication.run({ maxHintWindowMs: 1000 });
    expect(r.hints.skipped).toBeGreaterThan(0);
    expect(r.divergentKeysAtEnd).toBeGreaterThan(0);
  });

  it("cassandraReplication.run() with RF 1 loses acknowledged writes when their only node is gone for good", () => {
    const r = cassandraReplication.run({ rfPerRegion: 1, failure: "node", failureRecovers: false });
    expect(r.lostWrites).toBeGreaterThan(0);
    expect(r.writes.unavailable).toBeGreaterThan(0);
    const rf3 = cassandraReplication.run({ failure: "node", failureRecovers: false });
    expect(rf3.lostWrites).toBe(0);
  });

  it("cassandraReplication.run() across regions: LOCAL_QUORUM survives a region outage, EACH_QUORUM does not", () => {
    const base = cassandraReplication.presets.regionLost;
    const local = cassandraReplication.run({ ...base, writeLevel: "LOCAL_QUORUM", readLevel: "LOCAL_QUORUM" });
    const each = cassandraReplication.run({ ...base, writeLevel: "EACH_QUORUM", readLevel: "LOCAL_QUORUM" });
    expect(local.writes.availability).toBe(1);
    expect(each.series.filter((b) => b.timeMs >= 1500).reduce((n, b) => n + b.writesOk, 0)).toBe(0);
    expect(local.lostWrites).toBe(0);
  });

  it("cassandraReplication.run() reading from another region is stale until the cross-region copy lands", () => {
    const r = cassandraReplication.run({
      regions: 2,
      readerRegion: "other",
      writeLevel: "LOCAL_QUORUM",
      readLevel: "LOCAL_ONE",
      failure: "none",
    });
    const at = (ms: number) => r.stalenessCurve.find((c) => c.delayMs === ms)?.staleFraction;
    // The network's cross-region one-way delay has median 41.5 ms and p99 60 ms (DEFAULT_NETWORK).
    expect(at(0)).toBe(1);
    expect(at(20)).toBe(1);
    expect(at(200)).toBe(0);
    expect(r.stalenessCurve.map((c) => c.delayMs)).toEqual([...PROBE_DELAYS_MS]);
  });

  it("cassandraReplication.run() is reproducible: same seed, same fingerprint; another seed differs", () => {
    const a = cassandraReplication.run({ seed: 7 });
    const b = cassandraReplication.run({ seed: 7 });
    expect(a.fingerprint).toBe(b.fingerprint);
    expect(a).toEqual(b);
    expect(cassandraReplication.run({ seed: 8 }).fingerprint).not.toBe(a.fingerprint);
  });

  it("cassandraReplication.run() reports the ring and where sample keys' replicas landed, one per zone", () => {
    const r = cassandraReplication.run();
    expect(r.ring).toHaveLength(6 * 16);
    const zoneOf = new Map(
      r.topology.regions.flatMap((reg) => reg.zones.flatMap((z) => z.nodes.map((n) => [n.id, z.name]))),
    );
    for (const k of r.sampleKeys) expect(new Set(k.replicas.map((id) => zoneOf.get(id))).size).toBe(3);
    expect(r.ownership.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
  });

  it("cassandraReplication.run() rejects impossible parameters with the field and the fix", () => {
    expect(() => cassandraReplication.run({ nodesPerZone: 1, rfPerRegion: 4 })).toThrow(
      /rfPerRegion: 4.*add nodes or zones/,
    );
    expect(() => cassandraReplication.run({ writeLevel: "MOST" } as never)).toThrow(SimConfigError);
    expect(() => cassandraReplication.run({ failure: "planet" } as never)).toThrow(/cassandraReplication.failure/);
    expect(() => cassandraReplication.run({ replicationFactor: 3 } as never)).toThrow(/a parameter of this scenario/);
  });

  it("cassandraReplication.run({ placement }) uses a learner's placement: ignoring zones costs QUORUM availability", () => {
    // Zone-blind placement: the next distinct nodes clockwise, as SimpleStrategy would pick them.
    const zoneBlind: ReplicaPlacement = (ring, _nodes, token, rfByRegion) => {
      const rf = Object.values(rfByRegion).reduce((a, b) => a + b, 0);
      let start = ring.findIndex((e) => e.token >= token);
      if (start < 0) start = 0;
      const out: number[] = [];
      for (let i = 0; i < ring.length && out.length < rf; i++) {
        const node = ring[(start + i) % ring.length]?.node as number;
        if (!out.includes(node)) out.push(node);
      }
      return out;
    };
    const base = { ...cassandraReplication.presets.zoneLost, writeLevel: "QUORUM", readLevel: "QUORUM" } as const;
    const blind = cassandraReplication.run({ ...base, placement: zoneBlind });
    const nts = cassandraReplication.run(base);
    expect(nts.writes.availability).toBe(1);
    expect(blind.writes.availability).toBeLessThan(0.95);
  });

  it("cassandraReplication.run({ placement }) rejects an answer the replication could not give", () => {
    expect(() => cassandraReplication.run({ placement: () => [] })).toThrow(/placement\(.*allowed: distinct node ids/);
    expect(() => cassandraReplication.run({ placement: () => [0, 0, 1] })).toThrow(SimConfigError);
    expect(() => cassandraReplication.run({ placement: () => [0, 1, 9] })).toThrow(SimConfigError);
    expect(() => cassandraReplication.run({ placement: 3 as never })).toThrow(/a parameter of this scenario/);
  });

  it("cassandraReplication.run({ keyDistribution: 'hot' }) sends most writes to a tenth of the keys", () => {
    const uniform = cassandraReplication.run({ failure: "none", keys: 1000 });
    const hot = cassandraReplication.run({ failure: "none", keys: 1000, keyDistribution: "hot" });
    // ~480 writes: uniform touches ~380 distinct keys of 1000; hot ~100 hot keys plus ~10% of the rest.
    expect(uniform.distinctKeysWritten).toBeGreaterThan(300);
    expect(hot.distinctKeysWritten).toBeLessThan(200);
  });

  it("getScenario('cassandraReplication') is registered for module 3", () => {
    expect(getScenario("cassandraReplication").module).toBe(3);
  });
});
