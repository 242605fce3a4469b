import { responseDiff } from "sim-core";
import { describe, expect, it } from "vitest";

// Moved from shadow-traffic.test.ts: each registered scenario has its own test file
// (course/paths.ts, scenarioTestPath). Bad input for all three scenarios stays there.
const r3 = (x: number) => Math.round(x * 1000) / 1000;

describe("responseDiff.run(preset)", () => {
  it("pins the regression only Diffy catches: one field reported, against a dozen without noise cancelling", () => {
    const r = responseDiff.run(responseDiff.presets.onlyDiffyCatches);
    const titles = r.diffy.find((f) => f.endpoint === "movieList" && f.field === "titles");
    expect({
      titles: { raw: titles?.raw, noise: titles?.noise, reported: titles?.reported },
      diffyReported: r.diffy.filter((f) => f.reported).length,
      naiveReported: r.naive.filter((f) => f.reported).length,
      diffy: { precision: r3(r.diffyScore.precision), recall: r3(r.diffyScore.recall) },
      naive: { precision: r3(r.naiveScore.precision), recall: r3(r.naiveScore.recall) },
    }).toMatchInlineSnapshot(`
      {
        "diffy": {
          "precision": 1,
          "recall": 1,
        },
        "diffyReported": 1,
        "naive": {
          "precision": 0.077,
          "recall": 1,
        },
        "naiveReported": 13,
        "titles": {
          "noise": 0,
          "raw": 15,
          "reported": true,
        },
      }
    `);
    expect(r.diffyScore).toMatchObject({ precision: 1, recall: 1 });
    expect(r.naiveScore.precision).toBeLessThan(0.2);
  });

  it("a bug in a field whose order is noise hides from an in-order differ; a set-aware differ finds it", () => {
    const hidden = responseDiff.run(responseDiff.presets.hiddenInNoise);
    const found = responseDiff.run(responseDiff.presets.setAware);
    const row = (r: typeof hidden) => r.diffy.find((f) => f.endpoint === "genres" && f.field === "genreSet");
    expect({ hidden: row(hidden), found: row(found) }).toMatchInlineSnapshot(`
      {
        "found": {
          "absolutePercent": 4.682622268470343,
          "endpoint": "genres",
          "field": "genreSet",
          "noise": 0,
          "raw": 45,
          "relativePercent": 100,
          "reported": true,
          "total": 961,
        },
        "hidden": {
          "absolutePercent": 0.72840790842872,
          "endpoint": "genres",
          "field": "genreSet",
          "noise": 921,
          "raw": 914,
          "relativePercent": 0.38147138964577654,
          "reported": false,
          "total": 961,
        },
      }
    `);
    expect(hidden.diffyScore.missed).toEqual(["genres.genreSet"]);
    expect(found.diffyScore).toMatchObject({ precision: 1, recall: 1 });
  });
});
