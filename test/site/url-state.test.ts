import type { ParamSpec } from "sim-core";
import { describe, expect, test } from "vitest";
import { parseSeed, readState, writeState } from "../../site/.vitepress/theme/url-state.js";

const schema: Record<string, ParamSpec> = {
  rate: { kind: "number", label: "rate", description: "", default: 10, min: 0, max: 100, step: 1 },
  shape: { kind: "choice", label: "shape", description: "", default: "a", options: ["a", "b"] },
  on: { kind: "boolean", label: "on", description: "", default: false },
};
const defaults = { values: { rate: 10, shape: "a", on: false }, seed: 42 };

describe("url state", () => {
  test("parseSeed(text) turns digits into a number and keeps other text as a string seed", () => {
    expect(parseSeed(" 17 ")).toBe(17);
    expect(parseSeed("-3")).toBe(-3);
    expect(parseSeed("blue-42")).toBe("blue-42");
  });

  test("writeState(...) then readState(...) gives back the same seed and values", () => {
    const state = { values: { rate: 55, shape: "b", on: true }, seed: "x y" };
    const search = writeState("?other=1", "sim", state, defaults);
    expect(readState(search, "sim", schema, defaults)).toEqual(state);
    expect(new URLSearchParams(search).get("other")).toBe("1");
  });

  test("writeState(...) leaves defaults out and drops stale keys of its own prefix only", () => {
    const search = writeState(
      "?sim.rate=3&simx.rate=4",
      "sim",
      { values: { ...defaults.values, shape: "b" }, seed: 42 },
      defaults,
    );
    expect(search).toBe("?simx.rate=4&sim.shape=b");
  });

  test("readState(...) passes a non-number through as NaN, so the scenario reports it instead of clamping", () => {
    const state = readState("?sim.rate=fast", "sim", schema, defaults);
    expect(state.values.rate).toBeNaN();
  });
});
