import { describe, expect, test } from "vitest";
import type { Message } from "../../grader/grade-one.js";
import type { ExpectedCheck } from "../../grader/manifest.js";
import { formatTable } from "../../grader/report/console.js";
import { toCsv, toGradescope, toJunit } from "../../grader/report/formats.js";
import { score } from "../../grader/score.js";

const manifest: ExpectedCheck[] = [
  { lab: "l", id: "pass", points: 2, hidden: false, visibility: "visible" },
  { lab: "l", id: "fail", points: 1, hidden: false, visibility: "visible" },
  { lab: "l", id: "slow", points: 1, hidden: false, visibility: "visible" },
  { lab: "l", id: "skip", points: 1, hidden: false, visibility: "visible" },
  { lab: "l", id: "gone", points: 3, hidden: true, visibility: "after_published" },
];

const result = (check: string, state: string, outcome: string, message = "", points = 1): Message => ({
  type: "check",
  result: { lab: "l", check, state, outcome: outcome as never, message, file: "test/labs/l.test.ts", points },
});

const messages: Message[] = [
  result("pass", "passed", "passed", "", 2),
  result("fail", "failed", "failed", "expected: 1 <&> observed: 2"),
  result("slow", "failed", "timeout", "did not finish"),
  result("skip", "skipped", "failed"),
  result("pass", "failed", "failed", "a second result for the same id"),
  result("bonus", "passed", "passed"),
  { type: "done", isolated: true },
];

describe("score and reports", () => {
  const report = score("=cmd()", "/subs/x", manifest, { messages, seconds: 1 });

  test("score(...) gives points only to passed checks of the manifest, with a status for each", () => {
    expect(report.checks.map((c) => [c.id, c.points, c.status])).toEqual([
      ["pass", 2, "passed"],
      ["fail", 0, "failed"],
      ["slow", 0, "timeout"],
      ["skip", 0, "skipped"],
      ["gone", 0, "missing"],
    ]);
    expect([report.total, report.max]).toEqual([2, 8]);
    expect(report.extras).toEqual(["test/labs/l.test.ts › bonus"]);
  });

  test("score(...) flags a check whose test declares other points than labs.json", () => {
    const other = score("x", "/x", manifest.slice(0, 1), {
      messages: [result("pass", "passed", "passed", "", 5)],
      seconds: 0,
    });
    expect(other.mismatches).toEqual(["l/pass: the test declares 5 points, the manifest 2"]);
  });

  test("score(...) marks checks that never ran as timed out when the budget ran out", () => {
    const cut = score("x", "/x", manifest, { messages: messages.slice(0, 1), seconds: 9, budgetExceededS: 9 });
    expect(cut.checks.map((c) => c.status)).toEqual(["passed", "timeout", "timeout", "timeout", "timeout"]);
    expect(cut.checks[1]!.message).toContain("9 s budget");
  });

  test("score(...) keeps the notes of the grading process and of its parent, in that order", () => {
    const noted = score("x", "/x", manifest, {
      messages: [
        { type: "ingest", problems: {}, ignored: ["extra.ts"] },
        { type: "note", note: "cgroup grader-1-1 left" },
        ...messages,
      ],
      seconds: 1,
      notes: ["cgroup grader-2-1 left"],
    });
    expect(noted.notes).toEqual([
      "ignored (not lab files): extra.ts",
      "cgroup grader-1-1 left",
      "cgroup grader-2-1 left",
    ]);
  });

  test("toGradescope(report) keeps scores, statuses and hidden visibility", () => {
    const results = toGradescope(report) as {
      score: number;
      tests: { name: string; status: string; visibility: string }[];
    };
    expect(results.score).toBe(2);
    expect(results.tests.map((t) => [t.name, t.status, t.visibility])).toEqual([
      ["l › pass", "passed", "visible"],
      ["l › fail", "failed", "visible"],
      ["l › slow", "failed", "visible"],
      ["l › skip", "failed", "visible"],
      ["l › gone", "failed", "after_published"],
    ]);
  });

  test("toJunit(report) escapes learner text and counts failures, errors and skips", () => {
    const xml = toJunit(report);
    expect(xml).toContain('tests="5" failures="2" errors="1" skipped="1"');
    expect(xml).toContain("expected: 1 &lt;&amp;&gt; observed: 2");
    expect(xml).not.toContain("<&>");
  });

  test("toCsv(reports, labs) neutralises spreadsheet formulas in learner names", () => {
    expect(toCsv([report], ["l"])).toBe("learner,l,total,max\n'=cmd(),2,2,8\n");
  });

  test("formatTable(report) shows each check, the reasons and the local-feedback notice", () => {
    const local = formatTable({ ...report, isolated: false }, { local: true });
    expect(local).toContain("✓ l › pass");
    expect(local).toContain("expected: 1 <&> observed: 2");
    expect(local).toContain("Total: 2/8");
    expect(local).toContain("These scores are feedback");
    expect(formatTable(report, { local: false })).not.toContain("These scores are feedback");
  });
});
