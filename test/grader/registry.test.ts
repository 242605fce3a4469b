import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { buildManifest, loadHidden } from "../../grader/manifest.js";
import { labPoints, parseRegistry } from "../../grader/registry.js";

const lab = {
  id: "05-timeout-budgets",
  title: "Timeout budgets",
  module: 5,
  files: ["budget.ts"],
  seeds: [1],
  checks: { a: 2, b: 1 },
};

describe("parseRegistry", () => {
  test("parseRegistry(data) accepts a valid registry and defaults seeds to []", () => {
    const { seeds: _, ...noSeeds } = lab;
    expect(parseRegistry({ labs: [lab] }).labs[0]).toEqual(lab);
    expect(parseRegistry({ labs: [noSeeds] }).labs[0]!.seeds).toEqual([]);
    expect(labPoints(lab)).toBe(3);
  });

  test("parseRegistry(data) names the bad field of each invalid entry", () => {
    expect(() => parseRegistry({})).toThrow('"labs" array');
    expect(() => parseRegistry({ labs: [{ ...lab, id: "Bad Id" }] })).toThrow("labs[0].id");
    expect(() => parseRegistry({ labs: [lab, lab] })).toThrow('repeats "05-timeout-budgets"');
    expect(() => parseRegistry({ labs: [{ ...lab, title: "" }] })).toThrow("labs[0].title");
    expect(() => parseRegistry({ labs: [{ ...lab, module: -1 }] })).toThrow("labs[0].module");
    expect(() => parseRegistry({ labs: [{ ...lab, files: [] }] })).toThrow("labs[0].files");
    expect(() => parseRegistry({ labs: [{ ...lab, files: ["../solutions/x.ts"] }] })).toThrow("inside the lab folder");
    expect(() => parseRegistry({ labs: [{ ...lab, seeds: [1.5] }] })).toThrow("labs[0].seeds");
    expect(() => parseRegistry({ labs: [{ ...lab, checks: [] }] })).toThrow("labs[0].checks");
    expect(() => parseRegistry({ labs: [{ ...lab, checks: { a: 0 } }] })).toThrow("labs[0].checks.a");
    expect(() => parseRegistry({ labs: [{ ...lab, checks: { A: 1 } }] })).toThrow("labs[0].checks.A");
  });
});

describe("loadHidden and buildManifest", () => {
  const write = (data: unknown) => {
    const dir = mkdtempSync(join(tmpdir(), "hidden-"));
    writeFileSync(join(dir, "hidden.json"), JSON.stringify(data));
    return dir;
  };

  test("buildManifest(registry, ids, hidden) lists public then hidden checks with their visibility", () => {
    const dir = write({ labs: { [lab.id]: { seeds: [9], checks: { h: { points: 4 } } } } });
    const hidden = loadHidden(dir);
    expect(hidden.seeds).toEqual({ [lab.id]: [9] });
    expect(buildManifest({ labs: [lab] }, [lab.id], hidden).map((c) => [c.id, c.points, c.visibility])).toEqual([
      ["a", 2, "visible"],
      ["b", 1, "visible"],
      ["h", 4, "after_published"],
    ]);
    expect(buildManifest({ labs: [lab] }, [], hidden)).toEqual([]);
    rmSync(dir, { recursive: true });
  });

  test("loadHidden(dir) names a missing file, bad seeds, points and visibility", () => {
    expect(() => loadHidden(join(tmpdir(), "no-such-hidden-dir"))).toThrow("no hidden.json");
    const bad = [
      [{ labs: { x: { seeds: ["1"] } } }, "labs.x.seeds"],
      [{ labs: { x: { checks: { h: { points: 0 } } } } }, "labs.x.checks.h.points"],
      [{ labs: { x: { checks: { h: { points: 1, visibility: "secret" } } } } }, "visibility must be one of"],
    ] as const;
    for (const [data, message] of bad) {
      const dir = write(data);
      expect(() => loadHidden(dir)).toThrow(message);
      rmSync(dir, { recursive: true });
    }
  });
});
