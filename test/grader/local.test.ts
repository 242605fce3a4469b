// The path a learner's laptop takes: lab code runs as the current user. Timeouts, crashes and
// stray processes must still be handled, and the report must say the scores are feedback.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { COURSE, LEFTOVER_MARK, writeFixtures } from "./fixtures/submissions.js";
import { grade, leftovers, type Ran } from "./helpers.js";

const dir = mkdtempSync(join(tmpdir(), "grader-local-"));
const names = ["correct", "loop-in-call", "heap-bomb", "leaves-a-process"];
let ran: Ran;

beforeAll(async () => {
  writeFixtures(join(dir, "subs"), names);
  ran = await grade([
    "--course",
    COURSE,
    "--submissions",
    join(dir, "subs"),
    "--no-isolate",
    "--no-calibrate",
    "--csv",
    join(dir, "g.csv"),
  ]);
}, 300_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("grade --no-isolate still scores hangs, heap bombs and stray processes", () => {
  expect(ran.code, ran.stderr).toBe(0);
  expect(ran.stdout).toMatch(/correct\s+6\/6/);
  expect(ran.stdout).toMatch(/loop-in-call\s+4\/6/);
  expect(ran.stdout).toMatch(/heap-bomb\s+4\/6/);
  expect(ran.stdout).toMatch(/leaves-a-process\s+6\/6/);
  expect(leftovers(LEFTOVER_MARK)).toEqual([]);
});

test("grade --target says local scores are feedback when code ran as the user", async () => {
  const single = await grade(["--course", COURSE, "--target", join(COURSE, "solutions"), "--no-isolate"]);
  expect(single.stdout).toContain("Total: 6/6");
  expect(single.stdout).toContain("These scores are feedback");
});
