import { queueing } from "sim-core";
import { describe, expect, it } from "vitest";

// Module 0's story near saturation (queueing.presets.nearlyFull), as the page and notebook tell it.
describe("queueing", () => {
  it("queueing.run(nearlyFull) quadruples the M/M/1 mean response: W = (1/μ) / (1 − ρ)", () => {
    const calm = queueing.run();
    const full = queueing.run(queueing.presets.nearlyFull);
    // ρ goes from 0.8 to 0.95, so 1 − ρ shrinks from 0.2 to 0.05: four times the mean response.
    expect((full.theory?.meanResponse ?? 0) / (calm.theory?.meanResponse ?? 1)).toBeCloseTo(4, 9);
  });

  it("queueing.run(nearlyFull) strays further from theory than the default run on the same seed", () => {
    const gap = (r: ReturnType<typeof queueing.run>) =>
      Math.abs(r.responseMs.mean - (r.theory?.meanResponse ?? Number.NaN)) / (r.theory?.meanResponse ?? 1);
    expect(gap(queueing.run(queueing.presets.nearlyFull))).toBeGreaterThan(gap(queueing.run()));
  });
});
