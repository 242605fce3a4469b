// The path a learner's laptop takes: lab code runs as the current user. Timeouts and stray
// processes must still be handled without namespaces, and the report must say it ran unisolated.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { COURSE, writeFixtures } from "./fixtures/submissions.js";
import { grade, leftovers, type Ran } from "./helpers.js";

const dir = mkdtempSync(join(tmpdir(), "grader-local-"));
const names = ["correct", "loop-in-call", "leaves-a-process"];
/** Argument of the stray `sleep` the "leaves-a-process" fixture starts: unique to this file. */
const MARK = "3001.22";
let ran: Ran;

beforeAll(async () => {
  writeFixtures(join(dir, "subs"), names, MARK);
  ran = await grade(
    [
      "--course",
      COURSE,
      "--submissions",
      join(dir, "subs"),
      "--no-isolate",
      "--no-calibrate",
      "--csv",
      join(dir, "g.csv"),
      "--json",
      join(dir, "r.json"),
    ],
    dir,
  );
}, 300_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("grade --no-isolate still scores hangs and stray processes, and reports it ran unisolated", () => {
  expect(ran.code, ran.stderr).toBe(0);
  expect(ran.stdout).toMatch(/correct\s+6\/6/);
  expect(ran.stdout).toMatch(/loop-in-call\s+4\/6/);
  expect(ran.stdout).toMatch(/leaves-a-process\s+0\/6/);
  expect(leftovers(MARK)).toEqual([]);
  expect(leftovers(dir)).toEqual([]);
  // The console table then ends with the feedback notice (see report.test.ts).
  const reports = JSON.parse(readFileSync(join(dir, "r.json"), "utf8")) as { isolated: boolean }[];
  expect(reports.map((r) => r.isolated)).toEqual([false, false, false]);
});
