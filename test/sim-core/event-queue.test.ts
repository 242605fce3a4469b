import { EventQueue, Simulation } from "sim-core";
import { describe, expect, it } from "vitest";

/** A tiny linear congruential generator, so these tests need no sim-core randomness. */
function lcg(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return x;
  };
}

describe("EventQueue", () => {
  it("pop() matches a sorted reference under random pushes, removes and pops, ties by push order", () => {
    const next = lcg(7);
    const queue = new EventQueue<number>(4); // tiny, so growth is exercised too
    // Reference: pending entries as [time, order, payload], kept sorted on each pop.
    let reference: [number, number, number][] = [];
    const handles = new Map<number, number>();
    const popped: number[] = [];
    const expected: number[] = [];
    let order = 0;
    for (let step = 0; step < 20_000; step++) {
      const r = next() % 10;
      if (r < 5) {
        // Few distinct times, so ties are common.
        const time = next() % 50;
        const payload = order;
        handles.set(payload, queue.push(time, payload, payload % 7));
        reference.push([time, order++, payload]);
      } else if (r < 7 && reference.length > 0) {
        const victim = reference[next() % reference.length] as [number, number, number];
        expect(queue.remove(handles.get(victim[2]) as number)).toBe(true);
        expect(queue.remove(handles.get(victim[2]) as number)).toBe(false);
        reference = reference.filter((e) => e !== victim);
      } else if (reference.length > 0) {
        reference.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
        const head = reference.shift() as [number, number, number];
        expect(queue.peekTime()).toBe(head[0]);
        popped.push(queue.pop());
        expect(queue.poppedKind).toBe(head[2] % 7);
        expected.push(head[2]);
      }
      expect(queue.length).toBe(reference.length);
    }
    expect(popped).toEqual(expected);
    expect(popped.length).toBeGreaterThan(1000);
  });

  it("remove() of most pending events keeps the rest in order and frees every slot", () => {
    const next = lcg(11);
    const queue = new EventQueue<number>();
    const entries: { time: number; payload: number; handle: number }[] = [];
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 3000; i++) {
        const time = 1000 * round + (next() % 500);
        const payload = entries.length;
        entries.push({ time, payload, handle: queue.push(time, payload) });
      }
      // Cancel about 80%, which forces rebuilds of the heap along the way.
      for (const e of entries)
        if (e.handle >= 0 && next() % 5 !== 0) {
          expect(queue.remove(e.handle)).toBe(true);
          e.handle = -1;
        }
      const live = entries.filter((e) => e.handle >= 0);
      expect(queue.length).toBe(live.length);
      live.sort((a, b) => a.time - b.time || a.payload - b.payload);
      const half = live.slice(0, live.length >> 1);
      for (const e of half) {
        expect(queue.peekTime()).toBe(e.time);
        expect(queue.pop()).toBe(e.payload);
        e.handle = -1;
      }
    }
    const rest = entries.filter((e) => e.handle >= 0).sort((a, b) => a.time - b.time || a.payload - b.payload);
    const popped: number[] = [];
    while (queue.length > 0) popped.push(queue.pop());
    expect(popped).toEqual(rest.map((e) => e.payload));
    // Every slot is back on the free list: 9,000 more pushes reuse the 9,000 slots already made
    // (a handle's low 24 bits are its slot).
    let highestSlot = 0;
    for (let i = 0; i < 9000; i++) highestSlot = Math.max(highestSlot, queue.push(i, i) % 2 ** 24);
    expect(highestSlot).toBeLessThan(9000);
  });

  it("push(time, payload, kind) keeps kinds up to 65535 and rejects others", () => {
    const queue = new EventQueue<string>();
    queue.push(7, "last", 0);
    queue.push(5, "first", 65_535);
    expect(() => queue.push(1, "x", 65_536)).toThrow(/kind must be an integer in \[0, 65536\)/);
    expect(() => queue.push(1, "x", -1)).toThrow(RangeError);
    expect(() => queue.push(1, "x", 1.5)).toThrow(RangeError);
    expect(queue.pop()).toBe("first");
    expect(queue.poppedKind).toBe(65_535);
    expect(queue.pop()).toBe("last");
    expect(queue.poppedKind).toBe(0);
  });

  it("pop() keeps ties in push order and kinds exact across 100,000 pushes (keys past 2^32)", () => {
    const queue = new EventQueue<number>();
    const n = 100_000;
    // Every event at the same time: only the sequence part of the key orders them.
    for (let i = 0; i < n; i++) queue.push(42, i, i % 65_536);
    for (let i = 0; i < n; i++) {
      expect(queue.pop()).toBe(i);
      expect(queue.poppedKind).toBe(i % 65_536);
    }
    expect(queue.isEmpty()).toBe(true);
  });

  it("remove(handle) ignores handles that were never issued or whose slot was reused", () => {
    const queue = new EventQueue<string>();
    const first = queue.push(5, "a");
    queue.pop();
    queue.push(6, "b"); // reuses the slot with a new generation
    expect(queue.remove(first)).toBe(false);
    expect(queue.remove(-1)).toBe(false);
    expect(queue.remove(1.5)).toBe(false);
    expect(queue.remove(12345)).toBe(false);
    expect(queue.length).toBe(1);
  });
});

describe("Simulation", () => {
  it("run() calls each event's own handler with its own argument", () => {
    const sim = new Simulation();
    const log: string[] = [];
    const a = sim.handler("a", (n: number) => log.push(`a${n}`));
    const b = sim.handler("b", (s: string) => log.push(`b${s}`));
    sim.schedule(2, b, "x");
    sim.schedule(1, a, 1);
    sim.schedule(2, a, 2);
    sim.run();
    expect(log).toEqual(["a1", "bx", "a2"]);
  });

  it("schedule() rejects a handler registered on another Simulation", () => {
    const one = new Simulation();
    const other = new Simulation();
    other.handler("first", () => {});
    const foreign = other.handler("tick", () => {});
    expect(() => one.schedule(0, foreign, undefined)).toThrow(/handler "tick" was registered on another Simulation/);
  });

  it("fingerprint depends on each event's time and handler, and not on its argument", () => {
    const run = (times: number[], useSecond: boolean, arg: number) => {
      const sim = new Simulation();
      const first = sim.handler("first", () => {});
      const second = sim.handler("second", () => {});
      for (const t of times) sim.schedule(t, useSecond ? second : first, arg);
      sim.run();
      return sim.fingerprint;
    };
    expect(run([1, 2], false, 0)).toBe(run([2, 1], false, 9));
    expect(run([1, 2], false, 0)).not.toBe(run([1, 3], false, 0));
    expect(run([1, 2], false, 0)).not.toBe(run([1, 2], true, 0));
  });

  it("observe() sees each event's handler and argument", () => {
    const sim = new Simulation();
    const seen: string[] = [];
    const tick = sim.handler("tick", () => {});
    sim.observe((timeUs, handler, arg) => seen.push(`${timeUs}:${handler.name}:${String(arg)}`));
    sim.schedule(3, tick, "x");
    sim.run();
    expect(seen).toEqual(["3:tick:x"]);
  });
});
