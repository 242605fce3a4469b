import { Fingerprint, Simulation } from "sim-core";
import { describe, expect, it } from "vitest";

describe("Simulation", () => {
  it("run() processes events in (time, sequence) order", () => {
    const sim = new Simulation();
    const log: string[] = [];
    const note = sim.handler("note", (label: string) => log.push(`${sim.nowUs}:${label}`));
    sim.schedule(20, note, "c");
    sim.schedule(10, note, "a");
    sim.schedule(10, note, "b");
    sim.schedule(0, note, "now");
    sim.run();
    expect(log).toEqual(["0:now", "10:a", "10:b", "20:c"]);
  });

  it("cancel(id) removes a pending event and ignores stale ids", () => {
    const sim = new Simulation();
    const log: number[] = [];
    const note = sim.handler("note", (n: number) => log.push(n));
    const first = sim.schedule(5, note, 1);
    sim.schedule(6, note, 2);
    expect(sim.cancel(first)).toBe(true);
    expect(sim.cancel(first)).toBe(false);
    // The freed slot is reused; the old id must not cancel the new event.
    sim.schedule(7, note, 3);
    expect(sim.cancel(first)).toBe(false);
    sim.run();
    expect(log).toEqual([2, 3]);
    expect(sim.pending).toBe(0);
  });

  it("run({ untilMs }) stops at the limit and leaves the clock there", () => {
    const sim = new Simulation();
    const log: number[] = [];
    const note = sim.handler("note", (n: number) => log.push(n));
    sim.schedule(1000, note, 1);
    sim.schedule(3000, note, 3);
    const stats = sim.run({ untilMs: 2 });
    expect(log).toEqual([1]);
    expect(stats).toEqual({ eventsProcessed: 1, nowMs: 2, reason: "until" });
    expect(sim.run({ maxEvents: 5 }).reason).toBe("idle");
    expect(log).toEqual([1, 3]);
  });

  it("handler() rejects a 65,537th handler (kinds are 16 bits in the event queue)", () => {
    const sim = new Simulation();
    const noop = () => {};
    for (let i = 0; i < 2 ** 16; i++) sim.handler("h", noop);
    expect(() => sim.handler("one too many", noop)).toThrow(
      /"one too many": a Simulation takes at most 65536 handlers/,
    );
  });

  it("schedule() rejects a negative or fractional delay with the event's name", () => {
    const sim = new Simulation();
    const noop = sim.handler("arrival", () => {});
    expect(() => sim.schedule(-1, noop, undefined)).toThrow(/delayUs.*-1.*arrival/);
    expect(() => sim.schedule(Number.NaN, noop, undefined)).toThrow(/NaN/);
    expect(() => sim.schedule(1.5, noop, undefined)).toThrow(/1.5/);
  });

  it("keeps order across many random insertions and cancellations", () => {
    const sim = new Simulation();
    const times: number[] = [];
    const note = sim.handler("note", () => times.push(sim.nowUs));
    let x = 12345;
    const ids: number[] = [];
    for (let i = 0; i < 5000; i++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      ids.push(sim.schedule(x % 100000, note, undefined));
    }
    for (let i = 0; i < ids.length; i += 3) sim.cancel(ids[i] as number);
    sim.run();
    expect(times.length).toBe(5000 - Math.ceil(5000 / 3));
    for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThanOrEqual(times[i - 1] as number);
  });
});

describe("Fingerprint", () => {
  it("foldEvent(time, kind) equals fold(time >>> 0) then fold(kind)", () => {
    // Events past 2^32 µs (about 72 virtual minutes) exercise the `>>> 0` wrap.
    const events: [number, number][] = [
      [0, 0],
      [1_500, 3],
      [4_294_967_296 + 17, 1],
      [9_000_000_000, 65_535],
    ];
    const fast = new Fingerprint();
    const slow = new Fingerprint();
    for (const [timeUs, kind] of events) {
      fast.foldEvent(timeUs, kind);
      slow.fold(timeUs >>> 0);
      slow.fold(kind);
    }
    expect(fast.hex()).toBe(slow.hex());
    slow.fold(1);
    expect(fast.hex()).not.toBe(slow.hex());
  });
});
