// --hidden: an instructor's hidden checks and seeds join the manifest, keep their Gradescope
// visibility, and stay out of sight of lab code (which here earns its points only if it cannot
// read the hidden folder, as must be the case when it runs isolated).
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { canIsolate } from "../../grader/runner/sandbox.js";
import { COURSE } from "./fixtures/submissions.js";
import { grade, type Ran } from "./helpers.js";

const dir = mkdtempSync(join(tmpdir(), "grader-hidden-"));
const hidden = join(dir, "hidden");
let ran: Ran;

beforeAll(async () => {
  cpSync(join(import.meta.dirname, "fixtures", "hidden"), hidden, { recursive: true });
  mkdirSync(join(dir, "sub", "fx-stats"), { recursive: true });
  const solution = readFileSync(join(COURSE, "solutions", "fx-stats", "stats.ts"), "utf8");
  writeFileSync(
    join(dir, "sub", "fx-stats", "stats.ts"),
    `import { existsSync } from "node:fs";
const peeked = existsSync(${JSON.stringify(join(hidden, "hidden.json"))});
${solution.replace("if (values.length === 0) return 0;", "if (peeked) return -1;\n  if (values.length === 0) return 0;")}`,
  );
  ran = await grade(
    [
      ...["--course", COURSE, "--target", join(dir, "sub"), "--hidden", hidden],
      ...["--json", join(dir, "r.json"), "--gradescope", join(dir, "results.json"), "--junit", join(dir, "junit.xml")],
    ],
    dir,
  );
}, 300_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("grade --hidden adds the hidden checks to the score, with Gradescope visibility", () => {
  expect(ran.code, ran.stderr).toBe(0);
  const results = JSON.parse(readFileSync(join(dir, "results.json"), "utf8")) as {
    score: number;
    tests: { name: string; max_score: number; visibility: string }[];
  };
  const hiddenTest = results.tests.find((t) => t.name === "fx-stats › hidden-percentile-p50");
  expect(hiddenTest).toMatchObject({ max_score: 3, visibility: "after_published" });
  expect(results.tests.filter((t) => t.visibility === "visible")).toHaveLength(4);
  expect(readFileSync(join(dir, "junit.xml"), "utf8")).toContain('name="hidden-percentile-p50 (3/3)"');
});

test.runIf(canIsolate())("grade --hidden keeps the hidden folder out of sight of isolated lab code", () => {
  const report = JSON.parse(readFileSync(join(dir, "r.json"), "utf8")) as { total: number; max: number };
  expect([report.total, report.max]).toEqual([9, 9]);
});
