import { GaugeSeries } from "sim-core";
import { describe, expect, it } from "vitest";

/** GaugeSeries as first written (no fast path): the reference its faster version must match. */
class ReferenceGauge {
  private readonly area: number[] = [];
  private readonly maxima: number[] = [];
  private level = 0;
  private lastUs = 0;
  peak = 0;
  constructor(private readonly binMs: number) {}
  private get binUs(): number {
    return this.binMs * 1000;
  }
  set(timeUs: number, level: number): void {
    this.accumulate(timeUs);
    this.level = level;
    if (level > this.peak) this.peak = level;
    const bin = Math.floor(timeUs / this.binUs);
    this.ensure(bin);
    if (level > (this.maxima[bin] as number)) this.maxima[bin] = level;
  }
  points(untilMs: number): { timeMs: number; mean: number; max: number }[] {
    this.accumulate(Math.max(untilMs * 1000, this.lastUs));
    const n = Math.ceil(untilMs / this.binMs);
    this.ensure(n - 1);
    const out: { timeMs: number; mean: number; max: number }[] = [];
    for (let i = 0; i < n; i++) {
      out.push({ timeMs: i * this.binMs, mean: (this.area[i] as number) / this.binUs, max: this.maxima[i] as number });
    }
    return out;
  }
  private accumulate(timeUs: number): void {
    let t = this.lastUs;
    while (t < timeUs) {
      const bin = Math.floor(t / this.binUs);
      this.ensure(bin);
      const end = Math.min(timeUs, (bin + 1) * this.binUs);
      this.area[bin] = (this.area[bin] as number) + this.level * (end - t);
      if (this.level > (this.maxima[bin] as number)) this.maxima[bin] = this.level;
      t = end;
    }
    this.lastUs = Math.max(this.lastUs, timeUs);
  }
  private ensure(bin: number): void {
    while (this.area.length <= bin) {
      this.area.push(0);
      this.maxima.push(this.level);
    }
  }
}

describe("GaugeSeries", () => {
  it("set() and points() match the loop-only reference exactly, at bin edges and after points()", () => {
    let x = 99;
    const next = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0);
    for (const binMs of [1, 3, 10]) {
      const fast = new GaugeSeries(binMs);
      const reference = new ReferenceGauge(binMs);
      let timeUs = 0;
      for (let step = 0; step < 5000; step++) {
        const r = next() % 10;
        // Mostly small steps inside a bin, sometimes exactly onto a bin edge or across many bins.
        if (r < 6) timeUs += next() % 700;
        else if (r < 8) timeUs = (Math.floor(timeUs / (binMs * 1000)) + 1) * binMs * 1000;
        else if (r < 9) timeUs += next() % 50_000;
        const level = (next() % 9) - 1; // includes -1, to show maxima start from the level then
        fast.set(timeUs, level);
        reference.set(timeUs, level);
        if (step % 997 === 0) {
          const untilMs = Math.ceil(timeUs / 1000) + 2;
          expect(fast.points(untilMs)).toEqual(reference.points(untilMs));
        }
      }
      const untilMs = Math.ceil(timeUs / 1000) + 5;
      expect(fast.points(untilMs)).toEqual(reference.points(untilMs));
      expect(fast.peak).toBe(reference.peak);
    }
  });

  it("set() with a time before the last one changes the level from the last time on", () => {
    const g = new GaugeSeries(1000);
    g.set(500_000, 2);
    g.set(400_000, 4);
    expect(g.value).toBe(4);
    // Level 0 until 500 ms, then 4 (the level 2 held for no time): mean 2, max 4.
    expect(g.points(1000)).toEqual([{ timeMs: 0, mean: 2, max: 4 }]);
  });
});
