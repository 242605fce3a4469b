import { describe, expect, test } from "vitest";
import { fromTagged, NotPlainDataError, toPlain } from "../../grader/runner/plain-data.js";

describe("toPlain and fromTagged", () => {
  test("toPlain(value) keeps numbers, strings, booleans, null, arrays and plain objects", () => {
    const value = { a: [1, "x", true, null], b: { c: 2.5 } };
    expect(toPlain(value)).toEqual(value);
  });

  test("fromTagged(JSON of toPlain(value)) restores undefined, NaN and infinities", () => {
    const round = fromTagged(JSON.parse(JSON.stringify(toPlain([undefined, Number.NaN, Infinity, -Infinity, 0]))));
    expect(round).toEqual([undefined, Number.NaN, Infinity, -Infinity, 0]);
  });

  test("toPlain(value) refuses functions, Maps, class instances and symbols, naming the path", () => {
    expect(() => toPlain({ f: () => 1 })).toThrow("a function at $.f");
    expect(() => toPlain([new Map()])).toThrow("a Map at $[0]");
    expect(() => toPlain({ d: new Date(0) })).toThrow("a Date at $.d");
    expect(() => toPlain(Symbol("s"))).toThrow(NotPlainDataError);
  });

  test("toPlain(value) refuses data nested deeper than 64 levels (a cycle, say)", () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(() => toPlain(cycle)).toThrow("nested deeper than 64");
  });

  test('fromTagged(value) keeps a "__proto__" key as data, never as a prototype', () => {
    const parsed = fromTagged(JSON.parse('{"__proto__": {"polluted": true}}')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(parsed)).toEqual(["__proto__"]);
  });
});
