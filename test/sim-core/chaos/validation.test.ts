import {
  checkGuard,
  checkHypothesis,
  checkSchedule,
  createRng,
  type Fault,
  monkeySchedule,
  NAIVE_SUT,
  naiveGuard,
  netflixSystem,
  runExperiment,
  SimConfigError,
  STORE_READ_ATTEMPTS,
  SUT_SERVICES,
} from "sim-core";
import { describe, expect, it } from "vitest";

const sut = NAIVE_SUT;
const { services, topology } = netflixSystem(sut);
const ctx = { topology, services: services.map((s) => ({ name: s.name, instances: s.instances })) };

/** Runs `fn`, expects a SimConfigError and returns it for its path, value and allowed range. */
function configError(fn: () => unknown): SimConfigError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(SimConfigError);
    return e as SimConfigError;
  }
  throw new Error("expected a SimConfigError, nothing was thrown");
}

const bad = (fault: unknown) => configError(() => checkSchedule([fault as Fault], ctx));

describe("fault schedule validation", () => {
  it.each([
    [{ kind: "meteor", atMs: 0 }, "faults[0].kind", "meteor", "terminate"],
    [{ kind: "zoneOutage", zone: "us-east-1a", atMs: -1 }, "faults[0].atMs", -1, "0"],
    [{ kind: "zoneOutage", zone: "us-east-1a", atMs: Number.NaN }, "faults[0].atMs", Number.NaN, "0"],
    [{ kind: "zoneOutage", zone: "us-east-1a", atMs: 0, durationMs: 0 }, "faults[0].durationMs", 0, "0"],
    [{ kind: "terminate", service: "billing", instance: 0, atMs: 0 }, "faults[0].service", "billing", "playback"],
    [{ kind: "terminate", service: "recs", instance: 3, atMs: 0 }, "faults[0].instance", 3, "2"],
    [{ kind: "terminate", service: "recs", instance: 0.5, atMs: 0 }, "faults[0].instance", 0.5, "integer"],
    [{ kind: "zoneOutage", zone: "eu-west-1a", atMs: 0 }, "faults[0].zone", "eu-west-1a", "us-east-1a"],
    [{ kind: "regionOutage", region: "mars", atMs: 0 }, "faults[0].region", "mars", "us-east-1"],
    [{ kind: "latency", service: "recs", addedMs: 0, sharePct: 50, atMs: 0 }, "faults[0].addedMs", 0, "0"],
    [{ kind: "latency", service: "recs", addedMs: 100, sharePct: 101, atMs: 0 }, "faults[0].sharePct", 101, "100"],
    [{ kind: "errors", service: "recs", sharePct: -5, atMs: 0 }, "faults[0].sharePct", -5, "100"],
    [{ kind: "errors", service: "nope", sharePct: 5, atMs: 0 }, "faults[0].service", "nope", "zuul"],
    [{ kind: "partition", zoneA: "us-east-1a", zoneB: "x", atMs: 0 }, "faults[0].zoneB", "x", "us-east-1b"],
    [
      { kind: "partition", zoneA: "us-east-1a", zoneB: "us-east-1a", atMs: 0 },
      "faults[0].zoneB",
      "us-east-1a",
      "zoneA",
    ],
  ])("refuses %j at %s", (fault, path, value, allowed) => {
    const e = bad(fault);
    expect(e.path).toBe(path);
    expect(e.value).toEqual(value);
    expect(e.allowed).toContain(allowed);
  });

  it("refuses a fault that is not an object and a schedule that is not a list", () => {
    expect(bad(null).path).toBe("faults[0]");
    expect(configError(() => checkSchedule("soon" as unknown as Fault[], ctx)).path).toBe("faults");
  });

  it("names the second fault's index, not the first's", () => {
    const ok: Fault = { kind: "zoneOutage", zone: "us-east-1a", atMs: 0 };
    const e = configError(() => checkSchedule([ok, { ...ok, zone: "nowhere" }], ctx));
    expect(e.path).toBe("faults[1].zone");
  });

  it("accepts every valid kind", () => {
    const all: Fault[] = [
      { kind: "terminate", service: "playback", instance: 2, atMs: 5 },
      { kind: "zoneOutage", zone: "us-east-1b", atMs: 4, durationMs: 1 },
      { kind: "regionOutage", region: topology.regions[0]?.name ?? "", atMs: 3 },
      { kind: "latency", service: "recs", addedMs: 10, sharePct: 0, atMs: 2 },
      { kind: "errors", service: "api", sharePct: 100, atMs: 1 },
      { kind: "partition", zoneA: "us-east-1a", zoneB: "us-east-1c", atMs: 0 },
    ];
    expect(checkSchedule(all, ctx).map((f) => f.atMs)).toEqual([0, 1, 2, 3, 4, 5]);
  });
});

describe("hypothesis and guard validation", () => {
  it("refuses an experiment without a hypothesis, or a tolerance outside 0-100%", () => {
    const none = configError(() => checkHypothesis(undefined));
    expect(none.path).toBe("experiment.hypothesis");
    const over = configError(() => checkHypothesis({ tolerancePct: 150 }));
    expect([over.path, over.value]).toEqual(["experiment.hypothesis.tolerancePct", 150]);
    expect(over.allowed).toContain("100");
    expect(configError(() => checkHypothesis({ tolerancePct: Number.NaN })).path).toBe(
      "experiment.hypothesis.tolerancePct",
    );
  });

  it("refuses a guard without shouldAbort and a window that is not a whole number of bins", () => {
    const g = configError(() => checkGuard({} as never));
    expect(g.path).toBe("experiment.guard");
    expect(g.allowed).toContain("shouldAbort");
    const w = configError(() => naiveGuard(0));
    expect([w.path, w.value]).toEqual(["guard.windowBins", 0]);
    expect(configError(() => naiveGuard(2.5)).path).toBe("guard.windowBins");
  });

  it("refuses a bad experiment spec at its field", () => {
    const spec = {
      sut,
      faults: [],
      hypothesis: { tolerancePct: 10 },
      guard: null,
      durationMs: 2000,
      binMs: 1000,
      rateAt: () => 10,
      customers: 100,
    };
    const run = (over: object) => configError(() => runExperiment({ ...spec, ...over }, createRng(1)));
    expect(run({ hypothesis: undefined }).path).toBe("experiment.hypothesis");
    expect(run({ durationMs: 0 }).path).toBe("experiment.durationMs");
    expect([run({ binMs: 3000 }).path, run({ binMs: 3000 }).allowed]).toEqual([
      "experiment.binMs",
      expect.stringContaining("2000"),
    ]);
    expect(run({ customers: 1.5 }).path).toBe("experiment.customers");
    expect(run({ faults: [{ kind: "zoneOutage", zone: "nowhere", atMs: 0 }] }).path).toBe("experiment.faults[0].zone");
    expect(run({ rateAt: 10 }).path).toBe("experiment.rateAt");
    expect(run({ sut: { ...sut, apiWorkers: 0 } }).path).toBe("sut.apiWorkers");
  });

  it("refuses bad resilience settings at their field, with the allowed range", () => {
    const bad = (over: object) => configError(() => netflixSystem({ ...sut, ...over }));
    const b = bad({ bulkheadThreads: -1 });
    expect([b.path, b.value]).toEqual(["sut.bulkheadThreads", -1]);
    expect(b.allowed).toContain("0");
    expect(bad({ bulkheadThreads: 2.5 }).path).toBe("sut.bulkheadThreads");
    const t = bad({ retryTarget: "elsewhere" });
    expect([t.path, t.allowed]).toEqual(["sut.retryTarget", expect.stringContaining('"different"')]);
    expect(bad({ timeoutMs: 0 }).path).toBe("sut.timeoutMs");
    // The store's reads get a whole ms per try at the least: a timeout of 2 ms cannot be split.
    expect(bad({ timeoutMs: STORE_READ_ATTEMPTS }).path).toBe("sut.timeoutMs");
    expect(netflixSystem({ ...sut, timeoutMs: STORE_READ_ATTEMPTS + 1 }).services).toHaveLength(SUT_SERVICES.length);
    expect(bad({ zoneAware: "yes" }).path).toBe("sut.zoneAware");
    expect(bad({ fallbacks: 1 }).path).toBe("sut.fallbacks");
    expect(bad({ circuitBreaker: undefined }).path).toBe("sut.circuitBreaker");
  });
});

describe("Chaos Monkey schedule validation", () => {
  const groups = [{ service: "api", instances: 3 }];
  it.each([
    [{ groups, days: -1 }, "monkey.days", -1],
    [{ groups, days: 1.5 }, "monkey.days", 1.5],
    [{ groups, days: 1, openHour: 24 }, "monkey.openHour", 24],
    [{ groups, days: 1, openHour: 15, closeHour: 9 }, "monkey.closeHour", 9],
    [{ groups: [{ service: "", instances: 3 }], days: 1 }, "monkey.groups[0].service", ""],
    [{ groups: [{ service: "api", instances: 0 }], days: 1 }, "monkey.groups[0].instances", 0],
  ])("refuses %j at %s", (o, path, value) => {
    const e = configError(() => monkeySchedule(o, createRng(1)));
    expect([e.path, e.value]).toEqual([path, value]);
  });
});
