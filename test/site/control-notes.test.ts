import type { ParamSpec } from "sim-core";
import { describe, expect, test } from "vitest";
import { humanMs, valueNote } from "../../site/.vitepress/theme/control-notes.js";

const number = (description: string, unit?: string): ParamSpec => ({
  kind: "number",
  label: "x",
  description,
  default: 0,
  min: 0,
  max: 10_800_000,
  step: 1,
  ...(unit ? { unit } : {}),
});

describe("control notes", () => {
  test("humanMs(ms) gives the two largest units", () => {
    expect(humanMs(10_800_000)).toBe("3 h");
    expect(humanMs(5_400_000)).toBe("1 h 30 min");
    expect(humanMs(90_000)).toBe("1 min 30 s");
  });

  test("valueNote(spec, 0) says what 0 means when the description does", () => {
    expect(valueNote(number("How long the fault lasts; 0 means until the end.", "ms"), 0)).toBe("until the end");
    expect(valueNote(number("Send a hedge after this long; 0 turns hedging off.", "ms"), 0)).toBe("off");
    expect(valueNote(number("How long the fault lasts; 0 means until the end.", "ms"), 500)).toBe("");
  });

  test("valueNote(spec, ms) writes long durations in hours and minutes", () => {
    expect(valueNote(number("No hints for a replica down longer than this.", "ms"), 10_800_000)).toBe("3 h");
    expect(valueNote(number("A plain count."), 10_800_000)).toBe("");
  });
});
