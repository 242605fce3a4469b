import {
  createRng,
  type Fault,
  injectFaults,
  monkeySchedule,
  NAIVE_SUT,
  naiveGuard,
  RpcSystem,
  runExperiment,
  SIMIAN_CLOSE_HOUR,
  SIMIAN_OPEN_HOUR,
  Simulation,
} from "sim-core";
import { describe, expect, it } from "vitest";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

describe("Chaos Monkey's schedule", () => {
  const groups = [
    { service: "api", instances: 3 },
    { service: "recs", instances: 2 },
    { service: "playback", instances: 4 },
  ];

  it("kills one instance of every group per day, in working hours", () => {
    const kills = monkeySchedule({ groups, days: 3 }, createRng(7));
    expect(kills).toHaveLength(9);
    for (let day = 0; day < 3; day++) {
      const today = kills.filter((k) => Math.floor(k.atMs / DAY_MS) === day);
      expect(today.map((k) => (k as { service: string }).service).sort()).toEqual(["api", "playback", "recs"]);
      for (const k of today) {
        const hour = (k.atMs - day * DAY_MS) / HOUR_MS;
        expect(hour).toBeGreaterThanOrEqual(SIMIAN_OPEN_HOUR);
        expect(hour).toBeLessThan(SIMIAN_CLOSE_HOUR);
        const g = groups.find((x) => x.service === (k as { service: string }).service);
        expect((k as { instance: number }).instance).toBeLessThan(g?.instances ?? 0);
      }
    }
    expect(kills.map((k) => k.atMs)).toEqual([...kills.map((k) => k.atMs)].sort((a, b) => a - b));
  });

  it("keeps to other working hours when told", () => {
    const kills = monkeySchedule({ groups, days: 2, openHour: 13, closeHour: 14 }, createRng(7));
    for (const k of kills) expect(Math.floor((k.atMs % DAY_MS) / HOUR_MS)).toBe(13);
  });

  it("never shifts another group's kill when a group opts out", () => {
    const all = monkeySchedule({ groups, days: 4 }, createRng(3));
    const optedOut = monkeySchedule(
      { groups: groups.map((g, i) => (i === 1 ? { ...g, optOut: true } : g)), days: 4 },
      createRng(3),
    );
    expect(optedOut).toEqual(all.filter((k) => (k as { service: string }).service !== "recs"));
    expect(optedOut).toHaveLength(8);
  });

  it("replays the same kills from the same stream and others from another", () => {
    const a = monkeySchedule({ groups, days: 2 }, createRng(1));
    expect(monkeySchedule({ groups, days: 2 }, createRng(1))).toEqual(a);
    expect(monkeySchedule({ groups, days: 2 }, createRng(2))).not.toEqual(a);
  });
});

/** A client-facing `api` calling `db`, constant work, so any added time is the fault's. */
function twoServices(faults: Fault[]): RpcSystem {
  const sim = new Simulation();
  const constant = (value: number) => ({ kind: "constant" as const, value });
  const rpc = new RpcSystem(
    sim,
    {
      edge: "api",
      services: [
        { name: "api", instances: 1, serviceTimeMs: constant(5), calls: [{ service: "db", timeoutMs: 10_000 }] },
        { name: "db", instances: 1, serviceTimeMs: constant(5) },
      ],
    },
    createRng(1),
  );
  injectFaults(rpc, faults);
  return rpc;
}

/** The latency and outcome of one request sent at `atMs`. */
function oneRequest(faults: Fault[], atMs: number): { latencyMs: number; ok: number } {
  const rpc = twoServices(faults);
  rpc.request(atMs);
  rpc.sim.run({ untilMs: atMs + 20_000 });
  return { latencyMs: rpc.edgeLatency.max, ok: rpc.edgeOutcomes[0] ?? 0 };
}

describe("fault injection", () => {
  const window = { atMs: 1000, durationMs: 1000 };

  it("adds latency to its service only inside its window", () => {
    const latency: Fault[] = [{ kind: "latency", service: "db", addedMs: 400, sharePct: 100, ...window }];
    const base = oneRequest([], 1500).latencyMs;
    expect(oneRequest(latency, 1500).latencyMs).toBeCloseTo(base + 400, 6);
    expect(oneRequest(latency, 500).latencyMs).toBeCloseTo(oneRequest([], 500).latencyMs, 6);
    expect(oneRequest(latency, 2500).latencyMs).toBeCloseTo(oneRequest([], 2500).latencyMs, 6);
  });

  it("adds it to no other service", () => {
    const sim = new Simulation();
    const rpc = new RpcSystem(
      sim,
      {
        edge: "api",
        services: [
          { name: "api", instances: 1, serviceTimeMs: { kind: "constant", value: 5 } },
          { name: "db", instances: 1, serviceTimeMs: { kind: "constant", value: 5 } },
        ],
      },
      createRng(1),
    );
    injectFaults(rpc, [{ kind: "latency", service: "db", addedMs: 400, sharePct: 100, atMs: 0 }]);
    rpc.request(10);
    sim.run({ untilMs: 5000 });
    expect(rpc.edgeLatency.max).toBe(5);
  });

  it("fails requests on its service only inside its window", () => {
    const errors: Fault[] = [{ kind: "errors", service: "db", sharePct: 100, ...window }];
    expect([500, 1500, 2500].map((t) => oneRequest(errors, t).ok)).toEqual([1, 0, 1]);
  });

  it("takes a zone down for an outage's window, and cuts zones apart for a partition's", () => {
    const rpc = twoServices([
      { kind: "zoneOutage", zone: "us-east-1a", ...window },
      { kind: "partition", zoneA: "us-east-1b", zoneB: "us-east-1c", ...window },
    ]);
    const topo = rpc.cluster.topology;
    const nodeIn = (zone: number) => topo.zones[zone]?.nodes[0] as number;
    const seen: [boolean, boolean][] = [];
    for (const t of [500, 1500, 2500]) {
      rpc.sim.run({ untilMs: t });
      const cut = [0, 1, 2].every(() => rpc.cluster.network.delayUs(nodeIn(1), nodeIn(2)) === -1);
      seen.push([rpc.cluster.isUp(nodeIn(0)), cut]);
    }
    expect(seen).toEqual([
      [true, false],
      [false, true],
      [true, false],
    ]);
    expect(rpc.cluster.isUp(nodeIn(1))).toBe(true);
  });
});

const sut = NAIVE_SUT;
const spec = {
  sut,
  hypothesis: { tolerancePct: 10 },
  durationMs: 8000,
  binMs: 1000,
  rateAt: () => 40,
  customers: 1000,
};
const playbackDown: Fault[] = [{ kind: "errors", service: "playback", sharePct: 100, atMs: 2000 }];

describe("the journal", () => {
  it("counts customers affected as distinct customers, never more than bad answers", () => {
    const j = runExperiment({ ...spec, faults: playbackDown, guard: null }, createRng(5));
    const bad = j.experiment.reduce((a, b) => a + b.failed + b.degraded, 0);
    expect(bad).toBeGreaterThan(100);
    expect(j.customersAffected.experiment).toBeLessThanOrEqual(bad);
    expect(j.customersAffected.experiment).toBeGreaterThan(0);
    // With ten customers, every one of them saw an error; a count of requests would be far above ten.
    const few = runExperiment({ ...spec, faults: playbackDown, guard: null, customers: 10 }, createRng(5));
    expect(few.customersAffected.experiment).toBe(10);
    expect(few.customersAffected.control).toBe(0);
  });

  it("journals the fault's start and the group's bins", () => {
    const j = runExperiment({ ...spec, faults: playbackDown, guard: null }, createRng(5));
    expect(j.injected).toEqual([{ atMs: 2000, action: "start", kind: "errors", target: "playback errors on 100%" }]);
    expect(j.experiment.map((b) => b.timeMs)).toEqual([0, 1000, 2000, 3000, 4000, 5000, 6000, 7000]);
    expect(j.experiment.every((b) => b.alivePerZone.length === 3)).toBe(true);
    expect(j.verdict).toBe("failed");
  });
});

describe("the naive guard", () => {
  it("waits for a full window, then compares the window's sums", () => {
    const g = naiveGuard(3);
    const hypothesis = { tolerancePct: 10 };
    expect(g.shouldAbort({ controlSps: [10, 10], experimentSps: [0, 0], hypothesis, binMs: 1000 })).toBe(false);
    expect(g.shouldAbort({ controlSps: [0, 10, 10, 10], experimentSps: [0, 9, 9, 9], hypothesis, binMs: 1000 })).toBe(
      false,
    );
    expect(g.shouldAbort({ controlSps: [10, 10, 10], experimentSps: [9, 9, 8.9], hypothesis, binMs: 1000 })).toBe(true);
  });

  it("aborts an experiment that diverges, after the fault and before the end, and stops its traffic", () => {
    const j = runExperiment({ ...spec, faults: playbackDown, guard: naiveGuard(2) }, createRng(5));
    expect(j.verdict).toBe("aborted");
    const at = j.abortedAtMs ?? Number.NaN;
    expect(at).toBeGreaterThan(2000);
    expect(at).toBeLessThan(spec.durationMs);
    expect(j.experiment.filter((b) => b.timeMs >= at + spec.binMs).every((b) => b.sps === 0)).toBe(true);
    expect(j.injected.at(-1)?.atMs).toBeLessThanOrEqual(at);
    const unguarded = runExperiment({ ...spec, faults: playbackDown, guard: null }, createRng(5));
    expect(j.customersAffected.experiment).toBeLessThan(unguarded.customersAffected.experiment);
  });

  it("lets a harmless experiment run to the end with a loose tolerance", () => {
    const j = runExperiment(
      { ...spec, faults: [], guard: naiveGuard(3), hypothesis: { tolerancePct: 30 } },
      createRng(5),
    );
    expect([j.verdict, j.abortedAtMs]).toEqual(["passed", null]);
  });
});
