import { describe, expect, test } from "vitest";
import { shape } from "../../grader/lab.js";
import { ShapeError } from "../../grader/shape.js";

describe("shape", () => {
  test("shape.number() accepts finite numbers and rejects NaN, infinities and strings", () => {
    expect(shape.number().parse(2.5)).toBe(2.5);
    expect(() => shape.number().parse(Number.NaN)).toThrow("expected a finite number at $, got NaN");
    expect(() => shape.number().parse(Infinity)).toThrow(ShapeError);
    expect(() => shape.number().parse("1")).toThrow('got "1"');
  });

  test("shape.integer() rejects fractions", () => {
    expect(shape.integer().parse(3)).toBe(3);
    expect(() => shape.integer().parse(3.5)).toThrow("expected an integer");
  });

  test("shape.string(), shape.boolean() and shape.oneOf(options) check their kind", () => {
    expect(shape.string().parse("a")).toBe("a");
    expect(() => shape.string().parse(1)).toThrow("expected a string");
    expect(shape.boolean().parse(false)).toBe(false);
    expect(() => shape.boolean().parse(0)).toThrow("expected true or false");
    expect(shape.oneOf(["ONE", "QUORUM"]).parse("QUORUM")).toBe("QUORUM");
    expect(() => shape.oneOf(["ONE", "QUORUM"]).parse("ALL")).toThrow('one of "ONE", "QUORUM"');
  });

  test("shape.array(item, maxLength) checks every item and the length, naming the index", () => {
    expect(shape.array(shape.number()).parse([1, 2])).toEqual([1, 2]);
    expect(() => shape.array(shape.number()).parse([1, "2"])).toThrow("at $[1]");
    expect(() => shape.array(shape.number(), 2).parse([1, 2, 3])).toThrow("at most 2 items");
    expect(() => shape.array(shape.number()).parse({ length: 1 })).toThrow("expected an array");
  });

  test("shape.object(fields) requires every field and refuses unknown ones", () => {
    const point = shape.object({ x: shape.number(), y: shape.nullable(shape.number()) });
    expect(point.parse({ x: 1, y: null })).toEqual({ x: 1, y: null });
    expect(() => point.parse({ x: 1 })).toThrow("at $.y");
    expect(() => point.parse({ x: 1, y: 2, z: 3 })).toThrow("at $.z");
    expect(() => point.parse([1, 2])).toThrow("expected an object with x, y");
  });

  test("shape.anything() passes any value through", () => {
    expect(shape.anything().parse({ any: ["thing"] })).toEqual({ any: ["thing"] });
  });
});
