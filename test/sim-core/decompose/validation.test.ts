import {
  checkDecomposition,
  checkMonolith,
  type Decomposition,
  generateMonolith,
  type Monolith,
  monolithDecomposition,
  NETFLIX_BOUNDED_CONTEXTS,
  NETFLIX_MONOLITH,
  SimConfigError,
} from "sim-core";
import { describe, expect, it } from "vitest";

const mod = (name: string, layer: number, writes: string[] = []) => ({
  name,
  layer,
  workMs: 1,
  reads: [],
  writes,
  critical: true,
});
const small: Monolith = {
  name: "small",
  tables: ["t"],
  modules: [mod("web", 0), mod("a", 1, ["t"]), mod("b", 1)],
  requests: [
    { name: "r", share: 1, entry: "web", calls: [{ from: "web", to: "a", count: 1, payloadKb: 1, loop: false }] },
  ],
};

function pathOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(SimConfigError);
    return (e as SimConfigError).path;
  }
  throw new Error("expected a SimConfigError");
}

describe("checkDecomposition(monolith, d) rejects bad input with the path", () => {
  const d =
    (services: Decomposition["services"], tables: Decomposition["tables"] = { t: "oracle" }) =>
    () =>
      checkDecomposition(small, { services, tables });
  it("an unknown module", () => {
    expect(pathOf(d({ s: ["web", "a", "b", "zzz"] }))).toBe("decomposition.services.s[3]");
  });
  it("a module assigned twice", () => {
    expect(pathOf(d({ s: ["web", "a"], u: ["a", "b"] }))).toBe("decomposition.services.u[0]");
  });
  it("a module assigned to no service", () => {
    expect(pathOf(d({ s: ["web", "a"] }))).toBe("decomposition.services");
  });
  it("a table with no owner, or an owner that is not a service", () => {
    expect(pathOf(d({ s: ["web", "a", "b"] }, {}))).toBe("decomposition.tables.t");
    expect(pathOf(d({ s: ["web", "a", "b"] }, { t: "nobody" }))).toBe("decomposition.tables.t");
  });
  it("an unknown table", () => {
    expect(pathOf(d({ s: ["web", "a", "b"] }, { t: "oracle", u: "oracle" }))).toBe("decomposition.tables.u");
  });
  it("a cycle between services, naming the chain", () => {
    // b reads t, which service x (running a) owns, while x calls... web in y calls a in x; y also runs b.
    const cyc: Monolith = {
      ...small,
      modules: [mod("web", 0), mod("a", 1, ["t"]), { ...mod("b", 1), reads: ["t"] }],
      requests: [
        {
          name: "r",
          share: 1,
          entry: "web",
          calls: [
            { from: "web", to: "a", count: 1, payloadKb: 1, loop: false },
            { from: "web", to: "b", count: 1, payloadKb: 1, loop: false },
          ],
        },
      ],
    };
    expect(() =>
      checkDecomposition(cyc, { services: { y: ["web", "b"], x: ["a"] }, tables: { t: "x" } }),
    ).not.toThrow();
    const withBack: Monolith = {
      ...cyc,
      modules: [mod("web", 0), { ...mod("a", 1, ["t"]), reads: ["u"] }, { ...mod("b", 1), reads: ["t"] }],
      tables: ["t", "u"],
    };
    expect(() =>
      checkDecomposition(withBack, { services: { y: ["web", "b"], x: ["a"] }, tables: { t: "x", u: "y" } }),
    ).toThrow(/y -> x -> y/);
  });
  it("accepts the story's own cuts", () => {
    expect(checkDecomposition(NETFLIX_MONOLITH, NETFLIX_BOUNDED_CONTEXTS).services).toHaveLength(6);
    expect(checkDecomposition(NETFLIX_MONOLITH, monolithDecomposition(NETFLIX_MONOLITH)).services).toEqual([
      "monolith",
    ]);
  });
});

describe("checkMonolith(monolith) rejects bad input with the path", () => {
  const withCalls = (calls: Monolith["requests"][number]["calls"]) => () =>
    checkMonolith({ ...small, requests: [{ name: "r", share: 1, entry: "web", calls }] });
  it("an unknown module in a call or entry", () => {
    expect(pathOf(withCalls([{ from: "web", to: "nope", count: 1, payloadKb: 1, loop: false }]))).toBe(
      "monolith.requests[0].calls[0].to",
    );
    expect(pathOf(() => checkMonolith({ ...small, requests: [{ name: "r", share: 1, entry: "x", calls: [] }] }))).toBe(
      "monolith.requests[0].entry",
    );
  });
  it("a call up a layer (the layering rule)", () => {
    expect(
      pathOf(
        withCalls([
          { from: "web", to: "a", count: 1, payloadKb: 1, loop: false },
          { from: "a", to: "web", count: 1, payloadKb: 1, loop: false },
        ]),
      ),
    ).toBe("monolith.requests[0].calls[1].to");
  });
  it("a cycle inside one layer", () => {
    const e = withCalls([
      { from: "web", to: "a", count: 1, payloadKb: 1, loop: false },
      { from: "a", to: "b", count: 1, payloadKb: 1, loop: false },
      { from: "b", to: "a", count: 1, payloadKb: 1, loop: false },
    ]);
    expect(e).toThrow(/web -> a -> b -> a/);
  });
  it("an unknown table, a duplicate module, a share of 0", () => {
    expect(
      pathOf(() => checkMonolith({ ...small, modules: [...small.modules, { ...mod("c", 1), reads: ["x"] }] })),
    ).toBe("monolith.modules[3].reads[0]");
    expect(pathOf(() => checkMonolith({ ...small, modules: [...small.modules, mod("a", 1)] }))).toBe(
      "monolith.modules[3].name",
    );
    expect(
      pathOf(() => checkMonolith({ ...small, requests: [{ name: "r", share: 0, entry: "web", calls: [] }] })),
    ).toBe("monolith.requests[0].share");
  });
  it("a call from a module the request never reaches", () => {
    expect(pathOf(withCalls([{ from: "a", to: "b", count: 1, payloadKb: 1, loop: false }]))).toBe(
      "monolith.requests[0].calls[0].from",
    );
  });
});

describe("generateMonolith(seed, sizes)", () => {
  it("makes valid monoliths of any size, the same for the same seed", () => {
    for (const modules of [2, 8, 40]) {
      const m = generateMonolith(3, { modules, requestTypes: 4 });
      expect(m.modules).toHaveLength(modules);
      expect(() => checkMonolith(m)).not.toThrow();
      expect(generateMonolith(3, { modules, requestTypes: 4 })).toEqual(m);
    }
    expect(generateMonolith(4, { modules: 12, requestTypes: 4 })).not.toEqual(
      generateMonolith(3, { modules: 12, requestTypes: 4 }),
    );
  });
});
