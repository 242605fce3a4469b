import { Simulation, Station } from "sim-core";
import { describe, expect, it } from "vitest";

function makeStation(servers: number, queueCapacity: number, serviceUs: number[]) {
  const sim = new Simulation();
  const done: string[] = [];
  let i = 0;
  const station = new Station<string>(sim, {
    name: "s",
    servers,
    queueCapacity,
    serviceTimeUs: () => serviceUs[i++ % serviceUs.length] as number,
    onDone: (job, waitedUs, servedUs) => done.push(`${job}@${sim.nowUs} waited ${waitedUs} served ${servedUs}`),
  });
  return { sim, station, done };
}

describe("Station", () => {
  it("submit() serves FIFO with c workers and exact times", () => {
    const { sim, station, done } = makeStation(2, 10, [1000, 3000, 1000]);
    for (const job of ["a", "b", "c"]) station.submit(job);
    sim.run();
    expect(done).toEqual([
      "a@1000 waited 0 served 1000",
      "c@2000 waited 1000 served 1000",
      "b@3000 waited 0 served 3000",
    ]);
    expect(station.busyUs).toBe(5000);
  });

  it("submit() rejects when every worker is busy and the queue is full", () => {
    const { sim, station } = makeStation(1, 1, [1000]);
    expect([station.submit("a"), station.submit("b"), station.submit("c")]).toEqual([true, true, false]);
    expect(station.rejected).toBe(1);
    sim.run();
    expect(station.completed).toBe(2);
  });

  it("admit() drops a queued job at dequeue without serving it", () => {
    const sim = new Simulation();
    const served: string[] = [];
    const dropped: string[] = [];
    const station = new Station<string>(sim, {
      name: "s",
      servers: 1,
      queueCapacity: 5,
      serviceTimeUs: () => 1000,
      onDone: (job) => served.push(job),
      admit: (job) => job !== "expired",
      onDrop: (job) => dropped.push(job),
    });
    for (const job of ["a", "expired", "b"]) station.submit(job);
    sim.run();
    expect(served).toEqual(["a", "b"]);
    expect(dropped).toEqual(["expired"]);
    expect(sim.nowUs).toBe(2000);
  });

  it("busyWorkers keeps the busy-worker series only when trackBusyWorkers is set", () => {
    const sim = new Simulation();
    const options = { name: "s", servers: 2, queueCapacity: 0, serviceTimeUs: () => 1000, onDone: () => {} };
    const tracked = new Station<number>(sim, { ...options, trackBusyWorkers: true, seriesBinMs: 1 });
    const plain = new Station<number>(sim, options);
    tracked.submit(1);
    tracked.submit(2);
    plain.submit(1);
    sim.run();
    // Two workers busy for the first 1 ms bin; both finish at 1 ms, one after the other, so the
    // second bin sees the level 1 for an instant (max 1) and 0 on average.
    expect(tracked.busyWorkers.points(2)).toEqual([
      { timeMs: 0, mean: 2, max: 2 },
      { timeMs: 1, mean: 0, max: 1 },
    ]);
    expect(() => plain.busyWorkers).toThrow(/trackBusyWorkers/);
  });

  it("rejects an invalid worker count with the field name", () => {
    expect(() => makeStation(0, 1, [1])).toThrow("invalid s.servers: 0 (allowed: an integer >= 1)");
    expect(() => makeStation(1, -1, [1])).toThrow("invalid s.queueCapacity: -1");
  });
});
