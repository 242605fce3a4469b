import { Processes, pause, Signal, Simulation } from "sim-core";
import { describe, expect, it } from "vitest";

describe("Processes", () => {
  it("start() runs generator processes interleaved in virtual time", () => {
    // SimPy's classic car: park 5, drive 2, twice; a second car starts 1 ms later.
    const sim = new Simulation();
    const procs = new Processes(sim);
    const log: string[] = [];
    const car = (name: string, delayMs: number) =>
      function* () {
        yield pause(delayMs);
        for (let trip = 0; trip < 2; trip++) {
          log.push(`${sim.nowMs} ${name} parks`);
          yield pause(5);
          log.push(`${sim.nowMs} ${name} drives`);
          yield pause(2);
        }
      };
    procs.start(car("a", 0));
    procs.start(car("b", 1));
    sim.run();
    expect(log).toEqual([
      "0 a parks",
      "1 b parks",
      "5 a drives",
      "6 b drives",
      "7 a parks",
      "8 b parks",
      "12 a drives",
      "13 b drives",
    ]);
  });

  it("a Signal wakes its waiters in order with the fired value, and start() returns a finish signal", () => {
    const sim = new Simulation();
    const procs = new Processes(sim);
    const ready = new Signal<string>();
    const log: string[] = [];
    for (const name of ["x", "y"]) {
      procs.start(function* () {
        const value = yield ready;
        log.push(`${sim.nowMs} ${name} got ${String(value)}`);
      });
    }
    const firer = procs.start(function* () {
      yield pause(4);
      ready.fire("go");
    });
    procs.start(function* () {
      yield firer;
      log.push(`${sim.nowMs} firer finished`);
    });
    sim.run();
    expect(log).toEqual(["4 x got go", "4 y got go", "4 firer finished"]);
  });

  it("pause(ms) rejects a negative or NaN duration", () => {
    expect(() => pause(-1)).toThrow("invalid pause(ms): -1 (allowed: a number >= 0)");
    expect(() => pause(Number.NaN)).toThrow("invalid pause(ms): NaN");
  });
});
