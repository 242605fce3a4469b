import {
  checkArray,
  checkBoolean,
  checkFunction,
  checkNumber,
  checkOneOf,
  defineScenario,
  fanOut,
  queueing,
  SimConfigError,
  timeoutBudgets,
} from "sim-core";
import { describe, expect, it } from "vitest";

describe("validators", () => {
  it("checkNumber() names the path, the value and the range, and never clamps", () => {
    expect(checkNumber("timeoutMs", 0, { min: 0 })).toBe(0);
    expect(() => checkNumber("timeoutMs", -5, { min: 0 })).toThrow("invalid timeoutMs: -5 (allowed: a number >= 0)");
    expect(() => checkNumber("retries", 2.5, { min: 0, max: 10, integer: true })).toThrow(
      "invalid retries: 2.5 (allowed: an integer from 0 to 10)",
    );
    expect(() => checkNumber("rate", 0, { min: 0, minExclusive: true })).toThrow("(allowed: a number > 0)");
    expect(() => checkNumber("x", "3")).toThrow('invalid x: "3" (allowed: a finite number)');
    expect(() => checkNumber("x", Number.POSITIVE_INFINITY, { max: 5 })).toThrow("(allowed: a number <= 5)");
  });

  it("checkOneOf(), checkBoolean(), checkFunction(), checkArray() reject wrong types", () => {
    expect(() => checkOneOf("level", "QUORUMM", ["ONE", "QUORUM"])).toThrow(
      'invalid level: "QUORUMM" (allowed: one of "ONE", "QUORUM")',
    );
    expect(() => checkBoolean("hints", 1)).toThrow("invalid hints: 1 (allowed: true or false)");
    expect(() => checkFunction("policy.decide", {})).toThrow("invalid policy.decide: {} (allowed: a function)");
    expect(() => checkArray("weights", [])).toThrow("(allowed: an array with at least 1 element)");
  });

  it("SimConfigError carries the path, value and allowed range", () => {
    const error = new SimConfigError("a.b", 3, "an integer from 1 to 2");
    expect([error.name, error.path, error.value, error.allowed]).toEqual([
      "SimConfigError",
      "a.b",
      3,
      "an integer from 1 to 2",
    ]);
  });
});

describe("scenario parameters", () => {
  it("run() rejects an out-of-range parameter before doing any work", () => {
    expect(() => queueing.run({ servers: 0 })).toThrow(
      "invalid queueing.servers: 0 (allowed: an integer from 1 to 64)",
    );
    expect(() => queueing.run({ serviceShape: "weibull" } as never)).toThrow(
      'invalid queueing.serviceShape: "weibull"',
    );
    expect(() => fanOut.run({ slowPercent: 101 })).toThrow(
      "invalid fanOut.slowPercent: 101 (allowed: a number from 0 to 100)",
    );
  });

  it("run() treats an explicitly undefined extra as not given", () => {
    expect(queueing.run({ customers: 200, policy: undefined } as never).customers).toBe(200);
  });

  it("run() rejects an unknown parameter instead of silently using a default", () => {
    expect(() => queueing.run({ sever: 2 } as never)).toThrow(
      /invalid queueing.sever: 2 \(allowed: a parameter of this scenario/,
    );
  });

  it("defineScenario() fills defaults from the schema and passes extras through", () => {
    const seen: unknown[] = [];
    const demo = defineScenario({
      id: "demo",
      title: "Demo",
      module: 0,
      summary: "",
      defaultSeed: 9,
      params: { n: { kind: "number", label: "n", description: "", default: 4, min: 0, max: 10, step: 1 } },
      body: (p, extras: Partial<{ policy: object }>) => {
        seen.push(p, extras);
        return { seed: p.seed, fingerprint: "0".repeat(16) };
      },
    });
    const policy = { decide: () => 1 };
    demo.run({ policy });
    expect(seen).toEqual([{ n: 4, seed: 9 }, { policy }]);
    expect(demo.defaults).toEqual({ n: 4 });
  });

  it("defineScenario() rejects a bad preset when the scenario is defined, naming the preset's field", () => {
    const define = (presets: Record<string, Record<string, unknown>>) =>
      defineScenario({
        id: "demo",
        title: "Demo",
        module: 0,
        summary: "",
        defaultSeed: 9,
        params: {
          n: { kind: "number", label: "n", description: "", default: 4, min: 0, max: 10, step: 1 },
          mode: { kind: "choice", label: "mode", description: "", default: "a", options: ["a", "b"] },
        },
        presets: presets as never,
        body: (p) => ({ seed: p.seed, fingerprint: "0".repeat(16), n: p.n, mode: p.mode }),
      });
    expect(() => define({ big: { n: 11 } })).toThrow("invalid demo.presets.big.n: 11 (allowed: a number from 0 to 10)");
    expect(() => define({ odd: { mode: "c" } })).toThrow('invalid demo.presets.odd.mode: "c"');
    expect(() => define({ typo: { m: 1 } })).toThrow(
      /invalid demo.presets.typo.m: 1 \(allowed: a parameter of this scenario/,
    );
    expect(() => define({ obj: { n: { value: 1 } } })).toThrow(SimConfigError);
    const ok = define({ big: { n: 10, mode: "b", seed: 3 } });
    expect(ok.run((ok.presets as Record<string, object>).big)).toMatchObject({ seed: 3, n: 10, mode: "b" });
  });

  it("a scenario's parameter type follows its schema, choices as literal unions (checked by tsc)", () => {
    // @ts-expect-error retryTarget's type is "same" | "different", so another string does not type-check.
    const wrong: typeof timeoutBudgets.defaults.retryTarget = "elsewhere";
    expect(() => timeoutBudgets.run({ retryTarget: wrong })).toThrow('invalid timeoutBudgets.retryTarget: "elsewhere"');
  });
});
