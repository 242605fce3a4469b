import { Simulation, Station } from "sim-core";
import { describe, expect, it } from "vitest";

// Station keeps waiting jobs in a growable ring and jobs in service in reusable worker slots.
// These runs are large enough to grow and wrap both, and are checked against the Lindley
// recursion (start = max(arrival, a worker's previous finish)), which needs no simulator.
describe("Station (ring queue and worker slots)", () => {
  it("submit() over time keeps FIFO order and exact waits while the ring wraps and grows", () => {
    const sim = new Simulation();
    const done: [number, number, number][] = [];
    const station = new Station<number>(sim, {
      name: "s",
      servers: 1,
      queueCapacity: Infinity,
      serviceTimeUs: (job) => 1000 + (job % 3) * 100,
      onDone: (job, waitedUs) => done.push([job, sim.nowUs, waitedUs]),
    });
    const arrive = sim.handler("arrive", (job: number) => station.submit(job));
    // Bursts of arrivals faster than service, then gaps, so the queue fills, drains and refills.
    const arrivals: number[] = [];
    for (let job = 0; job < 200; job++) arrivals.push(Math.floor(job / 40) * 60_000 + (job % 40) * 400);
    arrivals.forEach((t, job) => sim.schedule(t, arrive, job));
    sim.run();
    const expected: [number, number, number][] = [];
    let freeAtUs = 0;
    arrivals.forEach((t, job) => {
      const startUs = Math.max(t, freeAtUs);
      freeAtUs = startUs + 1000 + (job % 3) * 100;
      expected.push([job, freeAtUs, startUs - t]);
    });
    expect(done).toEqual(expected);
    expect(station.queueLength.peak).toBeGreaterThan(16);
  });

  it("submit() with more workers than the first slot pool serves every job once, c at a time", () => {
    const sim = new Simulation();
    const done: string[] = [];
    const station = new Station<number>(sim, {
      name: "s",
      servers: 10,
      queueCapacity: Infinity,
      serviceTimeUs: () => 1000,
      onDone: (job, waitedUs, servedUs) => done.push(`${job}@${sim.nowUs}/${waitedUs}/${servedUs}`),
    });
    for (let job = 0; job < 45; job++) station.submit(job);
    sim.run();
    const expected = Array.from({ length: 45 }, (_, job) => {
      const waitedUs = Math.floor(job / 10) * 1000;
      return `${job}@${waitedUs + 1000}/${waitedUs}/1000`;
    });
    expect(done).toEqual(expected);
    expect(station.busyUs).toBe(45_000);
    expect(station.inService).toBe(0);
  });
});
