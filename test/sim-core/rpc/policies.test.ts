import {
  backoffMs,
  type CallContext,
  checkBackoff,
  checkDecision,
  createRng,
  deadlineAwareTimeout,
  fanOutFlow,
  fixedCallPolicy,
  fixedRetryPolicy,
  HystrixCircuitBreaker,
  leastOutstanding,
  loadBalancer,
  random,
  roundRobin,
  WindowedRetryBudget,
} from "sim-core";
import { describe, expect, it } from "vitest";

const ctx = (o: Partial<CallContext>): CallContext => ({
  attempt: 1,
  remainingMs: Infinity,
  elapsedMs: 0,
  lastOutcome: null,
  instancesTried: [],
  lastBackoffMs: 0,
  rng: createRng(1),
  hop: 1,
  callee: "mid",
  ...o,
});

describe("backoff", () => {
  it("backoffMs(spec, retry) follows the AWS blog's formulas", () => {
    const rng = createRng(3);
    const spec = { baseMs: 100, capMs: 1000 };
    expect([1, 2, 3, 4].map((n) => backoffMs({ kind: "exponential", ...spec }, n, 0, rng))).toEqual([
      200, 400, 800, 1000,
    ]);
    expect(backoffMs({ kind: "none", ...spec }, 3, 0, rng)).toBe(0);
    for (let n = 1; n < 200; n++) {
      const full = backoffMs({ kind: "full", ...spec }, 3, 0, rng);
      expect(full >= 0 && full < 800).toBe(true);
      const equal = backoffMs({ kind: "equal", ...spec }, 3, 0, rng);
      expect(equal >= 400 && equal < 800).toBe(true);
      const decorrelated = backoffMs({ kind: "decorrelated", ...spec }, 3, 300, rng);
      expect(decorrelated >= 100 && decorrelated <= 900).toBe(true);
    }
  });

  it("checkBackoff(spec) rejects unknown kinds and a cap below the base", () => {
    expect(() => checkBackoff({ kind: "linear" as never, baseMs: 1, capMs: 2 })).toThrow(
      'invalid backoff.kind: "linear"',
    );
    expect(() => checkBackoff({ kind: "full", baseMs: 10, capMs: 5 })).toThrow(
      "invalid backoff.capMs: 5 (allowed: a number >= 10)",
    );
    expect(() => checkBackoff({ kind: "full", baseMs: -1, capMs: 5 })).toThrow("invalid backoff.baseMs: -1");
  });
});

describe("call policies", () => {
  it("fixedCallPolicy(o) retries timeouts up to `retries` times but not errors", () => {
    const p = fixedCallPolicy({ timeoutMs: 2000, retries: 2 });
    expect(p.decide(ctx({})).timeoutMs).toBe(2000);
    expect(p.decide(ctx({ attempt: 2, lastOutcome: "timeout" })).retry).toBe(true);
    expect(p.decide(ctx({ attempt: 3, lastOutcome: "rejected" })).retry).toBe(true);
    expect(p.decide(ctx({ attempt: 4, lastOutcome: "timeout" })).retry).toBe(false);
    expect(p.decide(ctx({ attempt: 2, lastOutcome: "error" })).retry).toBe(false);
  });

  it("fixedRetryPolicy(o) validates its options", () => {
    expect(() => fixedRetryPolicy({ retries: 1.5 })).toThrow("invalid policy.retries: 1.5");
    expect(() => fixedRetryPolicy({ retries: 1, target: "nearest" as never })).toThrow(
      'invalid policy.target: "nearest"',
    );
    expect(() => fixedRetryPolicy({ retries: 1, retryOn: ["boom" as never] })).toThrow(
      'invalid policy.retryOn[0]: "boom"',
    );
    expect(() => fixedCallPolicy({ timeoutMs: -1, retries: 0 })).toThrow("invalid policy.timeoutMs: -1");
  });

  it("deadlineAwareTimeout(ms) never waits past the remaining deadline", () => {
    expect(deadlineAwareTimeout(1000).timeoutMs(ctx({ remainingMs: 250 }))).toBe(250);
    expect(deadlineAwareTimeout(1000).timeoutMs(ctx({ remainingMs: Infinity }))).toBe(1000);
  });

  it("checkDecision(d) accepts a sane decision and rejects Infinity timeouts", () => {
    expect(checkDecision({ timeoutMs: 1, retry: false, target: "different", backoffMs: 0 }).target).toBe("different");
    expect(() => checkDecision({ timeoutMs: Infinity, retry: false, target: "same", backoffMs: 0 })).toThrow(
      "invalid policy.timeoutMs: Infinity",
    );
  });
});

describe("retry budget and circuit breaker", () => {
  it("WindowedRetryBudget allows minPerSecond·ttl retries with no traffic, and forgets after ttl", () => {
    const b = new WindowedRetryBudget({ ratio: 0, minPerSecond: 1, ttlSeconds: 2 });
    expect([b.tryWithdraw(0), b.tryWithdraw(0), b.tryWithdraw(0)]).toEqual([true, true, false]);
    expect(b.tryWithdraw(2_500_000)).toBe(true);
  });

  it("new WindowedRetryBudget(spec) validates each field", () => {
    expect(() => new WindowedRetryBudget({ ratio: Number.NaN, minPerSecond: 0 })).toThrow(
      "invalid retryBudget.ratio: NaN",
    );
    expect(() => new WindowedRetryBudget({ ratio: 0.2, minPerSecond: -1 })).toThrow(
      "invalid retryBudget.minPerSecond: -1",
    );
    expect(() => new WindowedRetryBudget({ ratio: 0.2, minPerSecond: 1, ttlSeconds: 0 })).toThrow(
      "invalid retryBudget.ttlSeconds: 0",
    );
  });

  it("new HystrixCircuitBreaker(spec) validates each field", () => {
    expect(() => new HystrixCircuitBreaker({ requestVolumeThreshold: 0 })).toThrow(
      "invalid circuitBreaker.requestVolumeThreshold: 0",
    );
    expect(() => new HystrixCircuitBreaker({ sleepWindowMs: -1 })).toThrow("invalid circuitBreaker.sleepWindowMs: -1");
    expect(() => new HystrixCircuitBreaker({ rollingWindowMs: 5 })).toThrow(
      "invalid circuitBreaker.rollingWindowMs: 5 (allowed: a multiple of healthSnapshotIntervalMs (500))",
    );
    expect(() => new HystrixCircuitBreaker({ healthSnapshotIntervalMs: 0 })).toThrow(
      "invalid circuitBreaker.healthSnapshotIntervalMs: 0",
    );
  });
});

describe("load balancers", () => {
  const pick = (lb: ReturnType<typeof roundRobin>, candidates: number[], load: number[] = []) =>
    lb.pick({ candidates, outstanding: (i) => load[i] ?? 0, rng: createRng(2) });

  it("roundRobin() cycles, random() stays in the candidates, leastOutstanding() picks the idlest", () => {
    const rr = roundRobin();
    expect([pick(rr, [0, 1, 2]), pick(rr, [0, 1, 2]), pick(rr, [0, 1, 2]), pick(rr, [0, 1, 2])]).toEqual([0, 1, 2, 0]);
    const rnd = random();
    for (let i = 0; i < 50; i++) expect([3, 5]).toContain(pick(rnd, [3, 5]));
    expect(pick(leastOutstanding(), [0, 1, 2], [4, 2, 2])).toBe(1);
  });

  it("loadBalancer(kind) rejects unknown names and objects without pick", () => {
    expect(() => loadBalancer("fastest" as never)).toThrow('invalid loadBalancer: "fastest"');
    expect(() => loadBalancer({} as never)).toThrow("invalid loadBalancer.pick: undefined (allowed: a function)");
  });
});

describe("fanOutFlow", () => {
  it("fanOutFlow(o) is deterministic per seed: same fingerprint for the same seed, another for another", () => {
    const a = fanOutFlow({ requests: 300, seed: 1 });
    const b = fanOutFlow({ requests: 300, seed: 1 });
    const c = fanOutFlow({ requests: 300, seed: 2 });
    expect(a.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(a.fingerprint).toBe(b.fingerprint);
    expect(a.fingerprint).not.toBe(c.fingerprint);
    // edge → mid → 3 leaves: at least 5 attempts per request.
    expect(a.services.map((s) => s.amplification >= 1)).toEqual([true, true, true, true, true]);
  });
});
