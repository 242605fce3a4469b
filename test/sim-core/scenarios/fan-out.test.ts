import { fanOut } from "sim-core";
import { describe, expect, it } from "vitest";

// Module 0's fan-out story (fanOut.presets.hundredLeaves): with 100 leaves each slow 1% of the
// time, most requests meet at least one slow leaf.
describe("fanOut", () => {
  it("fanOut.run(hundredLeaves) matches 1 − (1 − p)^n within 3 standard errors", () => {
    const r = fanOut.run(fanOut.presets.hundredLeaves);
    const p = r.slowShare.theory;
    expect(p).toBeCloseTo(1 - 0.99 ** 100, 12);
    // Binomial standard error of a share over the run's requests; 3 of them keep a false alarm
    // below 0.3% for any seed.
    const requests = fanOut.defaults.requests;
    const standardError = Math.sqrt((p * (1 - p)) / requests);
    expect(Math.abs(r.slowShare.simulated - p)).toBeLessThan(3 * standardError);
    // A request waits for its slowest leaf, so the median request is slow while the median leaf is not.
    expect(r.requestMs.p50).toBeGreaterThan(fanOut.defaults.slowMs * 0.9);
    expect(r.leafMs.p50).toBeLessThan(fanOut.defaults.slowMs / 10);
  });
});
