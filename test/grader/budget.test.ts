// The per-submission wall-clock budget: when it runs out, the grader stops the submission's
// whole tree, scores what finished, marks the rest as timed out, and leaves nothing running.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { COURSE, writeFixtures } from "./fixtures/submissions.js";
import { grade, leftovers } from "./helpers.js";

const dir = mkdtempSync(join(tmpdir(), "grader-budget-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("grade --budget-s stops a submission that runs out of time and scores what finished", async () => {
  writeFixtures(join(dir, "subs"), ["loop-at-import"]);
  const report = join(dir, "report.json");
  const ran = await grade(
    ["--course", COURSE, "--target", join(dir, "subs", "loop-at-import"), "--budget-s", "3", "--json", report],
    dir,
  );
  expect(ran.code, ran.stderr).toBe(0);
  const { total, checks } = JSON.parse(readFileSync(report, "utf8")) as {
    total: number;
    checks: { status: string; message: string }[];
  };
  expect(total).toBe(0);
  expect(checks.map((c) => c.status)).toEqual(["timeout", "timeout", "timeout", "timeout"]);
  expect(checks.some((c) => c.message.includes("used up its 3 s budget"))).toBe(true);
  expect(leftovers(dir)).toEqual([]);
});
