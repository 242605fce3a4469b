// The course checks itself: every graded check fails on the untouched stub and passes on the
// solution (graded the way learners are, through `npm run grade`), every lab has a README,
// hints and TODOs, solutions/ mirrors labs/, labs.json agrees with the graded test files, and
// lab code can reach no answer (not sim-core's reference code, not solutions/).
// The same checks run on the grader's fixture course, so they are proven even before real labs.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type LabEntry, labPoints, loadRegistry } from "../../grader/registry.js";
import { LearnerRealm } from "../../grader/runner/realm.js";
import { COURSE as FIXTURE_COURSE } from "../grader/fixtures/submissions.js";
import { grade, ROOT } from "../grader/helpers.js";

interface JsonReport {
  total: number;
  max: number;
  checks: { id: string; lab: string; points: number; max: number; status: string; message: string }[];
  extras: string[];
  mismatches: string[];
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((name) => statSync(join(dir, name)).isFile())
    .sort();
}

const LAB_DOCS = ["README.md", "hints.md"];
const scratch = mkdtempSync(join(tmpdir(), "course-check-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

for (const [name, root] of [
  ["course", ROOT],
  ["fixture course", FIXTURE_COURSE],
] as const) {
  describe(name, () => {
    const registry = loadRegistry(root);
    const labs = registry.labs;
    const course = name === "course" ? [] : ["--course", root];

    if (labs.length === 0) {
      test("labs/labs.json is valid and lists no graded lab yet", () => {
        expect(loadRegistry(root).labs).toEqual([]);
        expect(
          existsSync(join(root, "test", "labs")) ? readdirSync(join(root, "test", "labs")) : [],
        ).not.toContainEqual(expect.stringMatching(/\.test\.ts$/));
      });
      return;
    }

    let solved: JsonReport;
    let stub: JsonReport;
    beforeAll(async () => {
      const out = (file: string) => join(scratch, `${name.replace(" ", "-")}-${file}`);
      const [a, b] = await Promise.all([
        grade([...course, "--target", join(root, "solutions"), "--json", out("solutions.json")]),
        grade([...course, "--target", join(root, "labs"), "--json", out("stub.json")]),
      ]);
      expect(a.code, a.stderr).toBe(0);
      expect(b.code, b.stderr).toBe(0);
      solved = JSON.parse(readFileSync(out("solutions.json"), "utf8")) as JsonReport;
      stub = JSON.parse(readFileSync(out("stub.json"), "utf8")) as JsonReport;
    }, 600_000);

    test.each(labs.map((lab): [string, LabEntry] => [lab.id, lab]))(
      "lab %s has README, hints, TODOs, tests and a solution",
      (id, lab) => {
        const labDir = join(root, "labs", id);
        for (const doc of LAB_DOCS) expect(existsSync(join(labDir, doc)), `labs/${id}/${doc}`).toBe(true);
        for (const file of lab.files) {
          expect(readFileSync(join(labDir, file), "utf8"), `labs/${id}/${file} needs a // TODO`).toContain("// TODO");
          expect(readFileSync(join(root, "solutions", id, file), "utf8")).not.toContain("// TODO");
        }
        expect(existsSync(join(root, "test", "labs", `${id}.test.ts`)), `test/labs/${id}.test.ts`).toBe(true);
        // solutions/ mirrors labs/ path for path (docs aside).
        const code = filesUnder(labDir).filter((f) => !LAB_DOCS.includes(f));
        expect(filesUnder(join(root, "solutions", id))).toEqual(code);
        expect(code).toEqual(expect.arrayContaining(lab.files));
      },
    );

    test("labs.json lists exactly the checks the graded test files declare, with the same points", () => {
      expect(solved.extras).toEqual([]);
      expect(solved.mismatches).toEqual([]);
      expect(solved.checks.filter((c) => c.status === "missing").map((c) => c.id)).toEqual([]);
      const testFiles = existsSync(join(root, "test", "labs"))
        ? readdirSync(join(root, "test", "labs")).filter((f) => f.endsWith(".test.ts"))
        : [];
      expect(testFiles.sort()).toEqual(labs.map((lab) => `${lab.id}.test.ts`).sort());
    });

    test("grade --target solutions gives every lab full marks", () => {
      const failing = solved.checks.filter((c) => c.status !== "passed").map((c) => `${c.id}: ${c.message}`);
      expect(failing).toEqual([]);
      expect(solved.total).toBe(labs.reduce((sum, lab) => sum + labPoints(lab), 0));
    });

    test.each(labs.map((lab): [string, LabEntry] => [lab.id, lab]))(
      "lab %s: a stub cannot call an answer (lab code imports nothing but its own lab's files)",
      (id, lab) => {
        // The stub's own folder, plus a file that reaches for every answer a lab could find.
        const dir = join(scratch, `reach-${name.replace(" ", "-")}-${id}`);
        cpSync(join(root, "labs", id), dir, { recursive: true });
        const solution = join(root, "solutions", id, lab.files[0]!);
        const reaches = {
          "sim-core": 'import * as core from "sim-core";\nexport const reached = Object.keys(core);\n',
          "sim-core by path": `import * as core from ${JSON.stringify(join(ROOT, "sim-core", "src", "index.ts"))};\nexport const reached = Object.keys(core);\n`,
          "solution, relative": `export * from ${JSON.stringify(`../../solutions/${id}/${lab.files[0]}`)};\n`,
          "solution, absolute": `export * from ${JSON.stringify(solution)};\n`,
          "a package": 'import { createRequire } from "node:module";\nexport const reached = createRequire;\n',
        };
        const realm = new LearnerRealm(dir, () => undefined);
        for (const file of lab.files) expect(() => realm.load(file), `labs/${id}/${file} loads`).not.toThrow();
        for (const [what, code] of Object.entries(reaches)) {
          writeFileSync(join(dir, `reach-${what.replace(/\W+/g, "-")}.ts`), code);
          expect(() => realm.load(`reach-${what.replace(/\W+/g, "-")}.ts`), what).toThrow(
            /may import only other files of its lab/,
          );
        }
      },
    );

    test("every graded check fails on the untouched stub (the stub scores 0)", () => {
      const passing = stub.checks.filter((c) => c.status === "passed").map((c) => c.id);
      expect(passing, "a check that passes on the stub cannot tell a learner anything").toEqual([]);
      expect(stub.total).toBe(0);
    });
  });
}
