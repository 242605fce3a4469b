// The grader against every bad submission of its threat model (grader/README.md, Security),
// graded together in one batch with a correct one: each gets the score it deserves with a clear
// reason, nothing is left running, and the correct submission keeps full marks.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { canIsolate } from "../../grader/runner/sandbox.js";
import { COURSE, FIXTURES, writeFixtures } from "./fixtures/submissions.js";
import { grade, graderCgroups, leftoverCgroups, leftoverFiles, leftovers, type Ran } from "./helpers.js";

interface JsonReport {
  learner: string;
  total: number;
  max: number;
  isolated: boolean;
  checks: { id: string; points: number; max: number; status: string; message: string }[];
  notes: string[];
}

const dir = mkdtempSync(join(tmpdir(), "grader-batch-"));
const isolated = canIsolate();
/** Argument of the stray `sleep` the "leaves-a-process" fixture starts: unique to this file. */
const MARK = "3001.11";
let ran: Ran;
let reports: Map<string, JsonReport>;
/** Files sandbox users left in shared places before this test (an older grader's, say). */
const filesBefore = new Set(leftoverFiles());
/** Grader cgroups before this test: a crashed run's, or another test's grading at the same time. */
const cgroupsBefore = new Set(graderCgroups().map(({ name }) => name));

beforeAll(async () => {
  writeFixtures(join(dir, "subs"), undefined, MARK);
  ran = await grade(
    [
      "--course",
      COURSE,
      "--submissions",
      join(dir, "subs"),
      "--json",
      join(dir, "report.json"),
      "--csv",
      join(dir, "gradebook.csv"),
      "--jobs",
      "2",
    ],
    dir,
  );
  const parsed = JSON.parse(readFileSync(join(dir, "report.json"), "utf8")) as JsonReport[];
  reports = new Map(parsed.map((r) => [r.learner, r]));
}, 600_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("grade --submissions (every bad submission in one batch)", () => {
  test("grade --submissions finishes, calibrates on the solutions and reports every learner", () => {
    expect(ran.code, ran.stderr).toBe(0);
    expect(ran.stderr).toContain("calibrated: solutions score 6/6");
    expect([...reports.keys()].sort()).toEqual(Object.keys(FIXTURES).sort());
  });

  test.each(Object.entries(FIXTURES))("grade scores the %s submission as it deserves", (name, fixture) => {
    const report = reports.get(name)!;
    if (fixture.needsIsolation && !isolated) {
      // On a laptop the learner's code runs as the learner: what it can read, it can import.
      expect(report.isolated).toBe(false);
      return;
    }
    expect(report.total).toBe(fixture.total);
    expect(report.max).toBe(6);
    for (const [check, status] of Object.entries(fixture.statuses ?? {})) {
      expect(report.checks.find((c) => c.id === `fx-stats/${check}`)?.status, check).toBe(status);
    }
    const failing = report.checks.filter((c) => c.status !== "passed");
    expect(failing.every((c) => c.points === 0 && c.message.length > 0)).toBe(true);
    const messages = failing.map((c) => c.message).join("\n");
    for (const words of fixture.says ?? []) expect(messages).toContain(words);
    // Every failure says how to reproduce it.
    for (const check of failing) expect(check.message).toContain("reproduce: npm run grade --");
  });

  test("grade names the files of a submission it ignored", () => {
    expect(reports.get("extra-files")!.notes.join(" ")).toContain("package.json, test, vitest.config.ts");
    expect(reports.get("hard-link")!.notes.join(" ")).toContain("secret.ts");
  });

  test("grade writes a CSV gradebook with a row per learner and points per lab", () => {
    const rows = readFileSync(join(dir, "gradebook.csv"), "utf8").trim().split("\n");
    expect(rows[0]).toBe("learner,fx-stats,total,max");
    expect(rows).toContain("correct,6,6,6");
    expect(rows).toContain("plausible-wrong,2,2,6");
    expect(rows).toHaveLength(Object.keys(FIXTURES).length + 1);
  });

  test("grade leaves no process behind (lab runners, their children, sandbox users)", () => {
    expect(leftovers(MARK)).toEqual([]);
    // Every lab runner's command line names its workspace, which lives under `dir`.
    expect(leftovers(dir)).toEqual([]);
  });

  test("grade leaves nothing behind on the host: no files of the sandbox users, no cgroups", async () => {
    expect(leftoverFiles().filter((file) => !filesBefore.has(file))).toEqual([]);
    expect(await leftoverCgroups(cgroupsBefore)).toEqual([]);
  });

  test("grade runs learner code isolated when it runs as root", () => {
    expect(reports.get("correct")!.isolated).toBe(isolated);
  });
});
