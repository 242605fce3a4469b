import {
  type AnyScenario,
  cassandraReplication,
  decomposition,
  type ParamValues,
  queueing,
  type Replay,
  ReplayRecorder,
  recordReplay,
  replayInWindow,
  replayMovesAt,
  replayStateAt,
  replayStepTime,
  SimConfigError,
  Simulation,
  Station,
  shadowTraffic,
  timeoutBudgets,
} from "sim-core";
import { describe, expect, it } from "vitest";

/** One worker, 2 ms of work per job, jobs arriving at these times (µs); records into `replay` if given. */
function tinyRun(replay: ReplayRecorder | null) {
  const sim = new Simulation();
  replay?.attach(sim);
  replay?.node("in");
  const station = new Station<number>(sim, {
    name: "desk",
    servers: 1,
    queueCapacity: 10,
    serviceTimeUs: () => 2000,
    onDone: () => replay?.move("desk", "in", 300, "ok"),
    replay,
  });
  replay?.edge("in", "desk");
  const arrive = sim.handler("arrive", (job: number) => {
    replay?.move("in", "desk", 0, "request");
    station.submit(job);
  });
  for (const atUs of [0, 500, 1000, 6000]) sim.schedule(atUs, arrive, atUs);
  return { sim, station };
}

const PROBES_US = [0, 499, 500, 1000, 1200, 1999, 2000, 2001, 4000, 5999, 6000, 7999, 8000];

describe("replay", () => {
  it("replayStateAt(replay, t) is the live station's state at t, at every probe time", () => {
    const recorder = new ReplayRecorder();
    tinyRun(recorder).sim.run();
    const replay = recorder.finish();
    const live = tinyRun(null);
    for (const t of PROBES_US) {
      live.sim.run({ untilMs: t / 1000 });
      const desk = replayStateAt(replay, t).nodes[1];
      expect({ t, queued: desk?.queued, busy: desk?.busy }).toEqual({
        t,
        queued: live.station.waiting,
        busy: live.station.inService,
      });
    }
  });

  it("replayStateAt(replay, t) counts a change at exactly t, as a stepped run does", () => {
    const recorder = new ReplayRecorder();
    tinyRun(recorder).sim.run();
    const replay = recorder.finish();
    // Three jobs in the first millisecond, one worker: one served, two waiting.
    expect(replayStateAt(replay, 1000)).toMatchObject({ exact: true, nodes: [{}, { queued: 2, busy: 1 }] });
    expect(replayStateAt(replay, 999).nodes[1]).toMatchObject({ queued: 1, busy: 1 });
  });

  it("replayMovesAt() shows a message while it travels and a hand-over for its minimum time", () => {
    const recorder = new ReplayRecorder();
    tinyRun(recorder).sim.run();
    const replay = recorder.finish();
    // The first answer leaves the desk at 2000 µs and takes 300 µs.
    expect(replayMovesAt(replay, 2150)).toEqual([{ from: 1, to: 0, kind: "ok", progress: 0.5 }]);
    expect(replayMovesAt(replay, 2400)).toEqual([]);
    // The arrival at 500 µs takes no time; shown for 100 µs it is a quarter of the way at 525.
    expect(replayMovesAt(replay, 525, 100)).toEqual([{ from: 0, to: 1, kind: "request", progress: 0.25 }]);
  });

  it("replayStepTime() visits every recorded time in order, forwards and back", () => {
    const recorder = new ReplayRecorder();
    tinyRun(recorder).sim.run();
    const replay = recorder.finish();
    const times = [
      ...new Set([...replay.window.changes.map((c) => c.tUs), ...replay.window.moves.map((m) => m.startUs)]),
    ].sort((a, b) => a - b);
    const forward: number[] = [];
    for (let t = -1; forward.length < times.length; ) forward.push((t = replayStepTime(replay, t, 1)));
    expect(forward).toEqual(times);
    const back: number[] = [];
    for (let t = replay.endUs; back.length < times.length - 1; ) back.push((t = replayStepTime(replay, t, -1)));
    expect(back).toEqual(times.slice(0, -1).reverse());
  });

  it("ReplayRecorder keeps at most maxFrames frames and maxItems items however long the run", () => {
    const { replay, result } = recordReplay(queueing, { customers: 20_000 }, 1, { maxFrames: 50, maxItems: 500 });
    expect(replay.frames.length).toBeLessThanOrEqual(50);
    expect(replay.frames.length).toBeGreaterThan(25);
    expect(replay.window.changes.length + replay.window.moves.length).toBeLessThanOrEqual(500);
    expect(replay.window.toUs).toBeLessThan(replay.endUs);
    expect(replay.endUs / 1000).toBe(result.durationMs);
    // Frames stay evenly spaced after every halving.
    expect(replay.frames.map((f) => f.tUs)).toEqual(replay.frames.map((_, i) => i * replay.frameStepUs));
  });

  it("frames agree with the exact window wherever both know the state", () => {
    const { replay } = recordReplay(queueing, { customers: 3000 }, 3, { maxFrames: 64, maxItems: 1_000_000 });
    expect(replay.window.toUs).toBe(replay.endUs);
    const exact = replay.frames.map((f) => replayStateAt(replay, f.tUs).nodes.map((n) => n.queued));
    expect(replay.frames.map((f) => f.queued)).toEqual(exact);
    // A frame's peak is the longest queue since the frame before it (the halvings included).
    const queueAt = (t: number) => replayStateAt(replay, t).nodes[1]?.queued ?? 0;
    const peaks = replay.frames.map((f, i) => {
      const fromUs = replay.frames[i - 1]?.tUs ?? 0;
      const inside = replay.window.changes.filter(
        (c) => c.node === 1 && c.field === 0 && c.tUs > fromUs && c.tUs <= f.tUs,
      );
      return Math.max(queueAt(fromUs), ...inside.map((c) => c.value));
    });
    expect(replay.frames.map((f) => f.peakQueued[1])).toEqual(peaks);
  });

  it("a replay recorded from a later time (re-run to it) shows the same states there", () => {
    const whole = recordReplay(queueing, { customers: 4000 }, 7, { maxItems: 1_000_000 }).replay;
    const later = recordReplay(queueing, { customers: 4000 }, 7, { fromMs: 30_000, maxItems: 300 }).replay;
    expect(later.window.fromUs).toBe(30_000_000);
    const inside = (r: Replay, t: number) => replayInWindow(r, t);
    const probes = later.window.changes.map((c) => c.tUs).filter((t) => inside(later, t));
    expect(probes.length).toBeGreaterThan(50);
    for (const t of [30_000_000, ...probes])
      expect(replayStateAt(later, t).nodes).toEqual(replayStateAt(whole, t).nodes);
    expect(replayStateAt(later, 10_000_000).exact).toBe(replayStateAt(later, 10_000_000).atUs === 10_000_000);
  });

  it("recordReplay() leaves every module scenario's fingerprint as scenario.run gives it", () => {
    const cases: [AnyScenario, ParamValues][] = [
      [queueing, { customers: 2000 }],
      [timeoutBudgets, { durationMs: 3000 }],
      [cassandraReplication, { durationMs: 2000, failureAtMs: 500, failureDurationMs: 1000 }],
      [decomposition, { ...decomposition.presets.bounded, requestsPerType: 20, failure: "queue" }],
      [shadowTraffic, { ...shadowTraffic.presets.syncMistake, durationSec: 5 }],
      [shadowTraffic, { ...shadowTraffic.presets.tooFastRamp, durationSec: 5 }],
    ];
    for (const [scenario, params] of cases) {
      const { result, replay } = recordReplay(scenario, params, scenario.defaultSeed);
      expect(result.fingerprint).toBe(scenario.run({ ...params }).fingerprint);
      expect(replay.nodes.length).toBeGreaterThan(1);
    }
  });

  it("a Cassandra replay shows the failed zone's replicas down, then up again", () => {
    const params = { durationMs: 3000, failureAtMs: 1000, failureDurationMs: 1000 };
    const { result, replay } = recordReplay(cassandraReplication, params, 1);
    const zone = result.failure.target as string;
    const inZone = replay.nodes.map((n) => n.group === zone);
    const down = (t: number) => replayStateAt(replay, t).nodes.map((n) => n.status === "down");
    expect(down(result.failure.atMs * 1000 - 1)).toEqual(inZone.map(() => false));
    expect(down(result.failure.atMs * 1000)).toEqual(inZone);
    expect(down((result.failure.untilMs as number) * 1000)).toEqual(inZone.map(() => false));
    expect(inZone.filter(Boolean).length).toBeGreaterThan(0);
  });

  it("a timeout-budgets replay shows the faulty instances hung during the fault, and messages to them", () => {
    const params = { durationMs: 3000, faultAtMs: 1000, faultDurationMs: 1000, faultKind: "hang" };
    const { result, replay } = recordReplay(timeoutBudgets, params, 5);
    const faulty = replay.nodes.map((n) => result.topology.faulty.includes(n.id));
    const hung = (t: number) => replayStateAt(replay, t).nodes.map((n) => n.status === "hung");
    expect(hung(999_999)).toEqual(faulty.map(() => false));
    expect(hung(1_500_000)).toEqual(faulty);
    expect(hung(2_000_000)).toEqual(faulty.map(() => false));
    const toFaulty = replay.window.moves.filter((m) => faulty[m.to] && m.kind === "request");
    expect(toFaulty.length).toBeGreaterThan(0);
  });

  it("ReplayRecorder rejects a message from an undeclared node", () => {
    expect(() => new ReplayRecorder().move("nowhere", "else", 0, "request")).toThrow(SimConfigError);
  });
});
