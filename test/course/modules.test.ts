// The course checks that every registered module is whole (test/course/wholeness.ts), that the
// lists kept in Markdown agree with the course registry, and that the checker itself can fail.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { builtModules, type CourseModule, MODULES, queueing } from "sim-core";
import { afterAll, describe, expect, test } from "vitest";
import { loadRegistry } from "../../grader/registry.js";
import { expectedNotebooksReadme, NOTEBOOKS_README } from "../../scripts/course-lists.js";
import { ROOT } from "../grader/helpers.js";
import { courseProblems, notebookProblems, pageProblems, readmePointsProblems } from "./wholeness.js";

describe("course registry", () => {
  test("courseProblems(course) finds every registered module whole", () => {
    expect(courseProblems(ROOT, MODULES, loadRegistry(ROOT))).toEqual([]);
  });

  test("notebooks/README.md's table is the one generated from the registry (npm run course:lists)", () => {
    expect(readFileSync(NOTEBOOKS_README, "utf8")).toBe(expectedNotebooksReadme());
  });

  test("the instructor schedule names every module with its registry title", () => {
    const guide = readFileSync(join(ROOT, "site", "instructor", "index.md"), "utf8");
    const rows = [...guide.matchAll(/^\| [^|]+ \| Module (\d+) · ([^|]+?) \|/gm)].map((m) => `${m[1]} · ${m[2]}`);
    expect(rows).toEqual(MODULES.map((m) => `${m.number} · ${m.title}`));
  });

  test("the instructor guide's simulator numbers name only registered scenarios, presets and parameters", () => {
    // The guide quotes the story's numbers through <SimNumber>, computed when the site is built;
    // the browser test compares each with the same run in Node. This catches a renamed preset early.
    const guide = readFileSync(join(ROOT, "site", "instructor", "index.md"), "utf8");
    const scenarios = new Map(builtModules(MODULES).flatMap((m) => Object.entries(m.scenarios)));
    expect(guide).toContain("<SimNumber ");
    expect(pageProblems("site/instructor/index.md", guide, scenarios)).toEqual([]);
  });
});

describe("courseProblems(root, modules, labs) on a made-up course", () => {
  const root = mkdtempSync(join(tmpdir(), "course-whole-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const fake: CourseModule = {
    number: 7,
    slug: "fake",
    title: "Fake",
    outcome: "notice a module that is not whole",
    scenarios: { queueing: { scenario: queueing, views: { charts: [] } } },
    notebook: { covers: "nothing" },
    labs: ["07-fake"],
  };
  const labs = {
    labs: [
      { id: "07-fake", title: "Fake", module: 6, files: ["fake.ts"], seeds: [], checks: { a: 1 } },
      { id: "99-stray", title: "Stray", module: 7, files: ["x.ts"], seeds: [], checks: { a: 1 } },
    ],
  };

  test("names each missing part of a registered module", () => {
    expect(courseProblems(root, [fake], labs)).toEqual([
      "module 7 page: site/modules/07-fake.md is missing",
      "module 7 notebook: notebooks/07-fake.ipynb is missing",
      "module 7 scenario queueing test: test/sim-core/scenarios/queueing.test.ts is missing",
      "lab 07-fake README: labs/07-fake/README.md is missing",
      "lab 07-fake hints: labs/07-fake/hints.md is missing",
      "lab 07-fake solution: solutions/07-fake is missing",
      "lab 07-fake graded checks: test/labs/07-fake.test.ts is missing",
      "lab 07-fake: labs/labs.json says module 6, the registry 7",
      "lab 07-fake stub: labs/07-fake/fake.ts is missing",
      "lab 99-stray: in labs/labs.json but no module lists it",
    ]);
  });

  test("names a page or notebook outside the registry, or of a planned module", () => {
    mkdirSync(join(root, "site", "modules"), { recursive: true });
    writeFileSync(join(root, "site", "modules", "07-fake.md"), "# Fake\n");
    writeFileSync(join(root, "site", "modules", "08-planned.md"), "# Planned\n");
    const planned: CourseModule = { number: 8, slug: "planned", title: "P", outcome: "o", planned: true };
    expect(courseProblems(root, [fake, planned], { labs: [] })).toContain(
      "site/modules/08-planned.md belongs to no built module of the registry",
    );
  });

  test("pageProblems() names unknown scenarios, presets, parameters, controls, charts and diagrams", () => {
    const scenarios = new Map([["queueing", { scenario: queueing, views: { charts: [] } }]]);
    const page = [
      `<Simulation scenario="queueing" preset="nearlyFull" :params="{ servers: 2 }" />`,
      `<Simulation scenario="nosuch" />`,
      `<SimNumber scenario="queueing" preset="storm" metric="x" />`,
      `<Predict scenario="queueing" :params="{ sever: 2 }" :ranges="{ rate: [1, 2] }" metric="x">`,
      `<Simulation scenario="queueing" :controls="['servers', 'workers']" :charts="['pie']" />`,
      `<Topology scenario="queueing" diagram="ring" />`,
    ].join("\n");
    expect(pageProblems("p.md", page, scenarios)).toEqual([
      'p.md: <Simulation scenario="nosuch"> names no registered scenario',
      'p.md: <SimNumber scenario="queueing"> names no preset "storm"',
      'p.md: <Predict scenario="queueing"> names no parameter "sever"',
      'p.md: <Predict scenario="queueing"> names no parameter "rate"',
      'p.md: <Simulation scenario="queueing"> names no parameter "workers"',
      'p.md: <Simulation scenario="queueing"> names no chart "pie"',
      'p.md: <Topology scenario="queueing"> names no diagram "ring"',
    ]);
  });

  test("notebookProblems() names unknown scenarios and presets", () => {
    const scenarios = new Map([["queueing", { scenario: queueing }]]);
    const code = "queueing.run(queueing.presets.nearlyFull);\nqueueing.presets.storm;\nfanOut.presets.hundredLeaves;";
    expect(notebookProblems("n.ipynb", code, scenarios)).toEqual([
      'n.ipynb: queueing has no preset "storm"',
      "n.ipynb: fanOut.presets.hundredLeaves names no registered scenario",
    ]);
  });

  test("readmePointsProblems() names a README check whose points differ from labs.json, or that is not there", () => {
    const readme = "| check | points | what |\n|---|---|---|\n| `a` | 2 | x |\n| b | 1 | y |\n| `c` | 1 | z |\n";
    expect(readmePointsProblems("l", readme, { a: 3, b: 1 })).toEqual([
      'lab l README: check "a" says 2 points, labs/labs.json 3',
      'lab l README: check "c" is not in labs/labs.json',
    ]);
  });
});
