import {
  HYSTRIX_ERROR_THRESHOLD_PERCENTAGE,
  HYSTRIX_HEALTH_SNAPSHOT_MS,
  HYSTRIX_REQUEST_VOLUME_THRESHOLD,
  HYSTRIX_ROLLING_WINDOW_MS,
  HYSTRIX_SLEEP_WINDOW_MS,
  HystrixCircuitBreaker,
} from "sim-core";
import { describe, expect, it } from "vitest";

// The state machine of Netflix/Hystrix hystrix-core HystrixCircuitBreaker.java (1.5): CLOSED
// opens when a HealthCountsStream snapshot (published at the end of each 500 ms bucket, summing
// the last 10 000 / 500 = 20 buckets) has >= 20 requests and an integer error percentage >= 50;
// OPEN lets one request through once `now > openedAt + sleepWindow` (isAfterSleepWindow) and
// becomes HALF_OPEN; markSuccess closes it and resets the stream, markNonSuccess reopens it now.
const SNAP_US = HYSTRIX_HEALTH_SNAPSHOT_MS * 1000;
const SLEEP_US = HYSTRIX_SLEEP_WINDOW_MS * 1000;

/** A breaker whose health stream starts at 0 µs, with `n` results recorded at `atUs`. */
function breakerWith(results: { atUs: number; ok: boolean; n: number }[]): HystrixCircuitBreaker {
  const b = new HystrixCircuitBreaker();
  b.allowRequest(0);
  for (const r of results) for (let i = 0; i < r.n; i++) b.record(r.atUs, r.ok);
  return b;
}

describe("HystrixCircuitBreaker", () => {
  it("uses Hystrix's defaults: 20 requests, 50%, 5 s sleep, 10 s window read in 500 ms snapshots", () => {
    expect([
      HYSTRIX_REQUEST_VOLUME_THRESHOLD,
      HYSTRIX_ERROR_THRESHOLD_PERCENTAGE,
      HYSTRIX_SLEEP_WINDOW_MS,
      HYSTRIX_ROLLING_WINDOW_MS,
      HYSTRIX_HEALTH_SNAPSHOT_MS,
    ]).toEqual([20, 50, 5000, 10_000, 500]);
  });

  it("breaker.allowRequest(t) opens only at the snapshot after the 20th failure, not at the failure", () => {
    const b = breakerWith([{ atUs: 1000, ok: false, n: HYSTRIX_REQUEST_VOLUME_THRESHOLD }]);
    expect(b.state).toBe("closed");
    expect(b.allowRequest(SNAP_US - 1)).toBe(true);
    expect(b.allowRequest(SNAP_US)).toBe(false);
    expect(b.state).toBe("open");
  });

  it("breaker.stateAt(t) stays closed below the request volume, whatever the error rate", () => {
    const b = breakerWith([{ atUs: 1000, ok: false, n: HYSTRIX_REQUEST_VOLUME_THRESHOLD - 1 }]);
    expect(b.stateAt(20 * SNAP_US)).toBe("closed");
  });

  it("breaker.stateAt(t) truncates the error percentage as HealthCounts does: 49.5% stays closed, 50% opens", () => {
    expect(
      breakerWith([
        { atUs: 0, ok: false, n: 99 },
        { atUs: 0, ok: true, n: 101 },
      ]).stateAt(SNAP_US),
    ).toBe("closed");
    expect(
      breakerWith([
        { atUs: 0, ok: false, n: 100 },
        { atUs: 0, ok: true, n: 100 },
      ]).stateAt(SNAP_US),
    ).toBe("open");
  });

  it("breaker.stateAt(t) counts 20 buckets of 500 ms: a failure leaves the window 10 s after its bucket began", () => {
    const lastBucketUs = HYSTRIX_ROLLING_WINDOW_MS * 1000 - SNAP_US;
    const inside = breakerWith([
      { atUs: 0, ok: false, n: 10 },
      { atUs: lastBucketUs, ok: false, n: 10 },
    ]);
    expect(inside.stateAt(lastBucketUs + SNAP_US - 1)).toBe("closed");
    expect(inside.stateAt(lastBucketUs + SNAP_US)).toBe("open");
    const outside = breakerWith([
      { atUs: 0, ok: false, n: 10 },
      { atUs: lastBucketUs + SNAP_US, ok: false, n: 10 },
    ]);
    expect(outside.stateAt(lastBucketUs + 3 * SNAP_US)).toBe("closed");
  });

  it("breaker.allowRequest(t) lets one trial through only strictly after the sleep window", () => {
    const b = breakerWith([{ atUs: 0, ok: false, n: 20 }]);
    expect(b.stateAt(SNAP_US)).toBe("open");
    expect(b.allowRequest(SNAP_US + SLEEP_US)).toBe(false);
    expect(b.allowRequest(SNAP_US + SLEEP_US + 1)).toBe(true);
    expect(b.state).toBe("halfOpen");
    expect(b.allowRequest(SNAP_US + SLEEP_US + 2)).toBe(false);
  });

  it("breaker.record(t, false) in half-open reopens it from t; a success while open changes nothing", () => {
    const b = breakerWith([{ atUs: 0, ok: false, n: 20 }]);
    b.record(SNAP_US + 1, true);
    expect(b.stateAt(SNAP_US + 2)).toBe("open");
    expect(b.allowRequest(SNAP_US + SLEEP_US + 1)).toBe(true);
    const failedAtUs = SNAP_US + SLEEP_US + 100;
    b.record(failedAtUs, false);
    expect(b.state).toBe("open");
    expect(b.allowRequest(failedAtUs + SLEEP_US)).toBe(false);
    expect(b.allowRequest(failedAtUs + SLEEP_US + 1)).toBe(true);
  });

  it("breaker.record(t, true) in half-open closes it and restarts the health counts from zero", () => {
    const b = breakerWith([{ atUs: 0, ok: false, n: 20 }]);
    const trialUs = SNAP_US + SLEEP_US + 1;
    expect(b.allowRequest(trialUs)).toBe(true);
    const closedUs = trialUs + 1000;
    b.record(closedUs, true);
    expect(b.state).toBe("closed");
    // The 20 old failures are forgotten: 5 new ones do not reach the volume of 20.
    for (let i = 0; i < 5; i++) b.record(closedUs + 10, false);
    expect(b.stateAt(closedUs + 20 * SNAP_US)).toBe("closed");
    // The new stream's buckets start at the close: 20 failures open it at close + 500 ms.
    const again = breakerWith([{ atUs: 0, ok: false, n: 20 }]);
    again.allowRequest(trialUs);
    again.record(closedUs, true);
    for (let i = 0; i < 20; i++) again.record(closedUs + 10, false);
    expect(again.stateAt(closedUs + SNAP_US - 1)).toBe("closed");
    expect(again.stateAt(closedUs + SNAP_US)).toBe("open");
  });
});
