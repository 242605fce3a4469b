import type { CheckReport, SubmissionReport } from "../score.js";

const MARK: Record<CheckReport["status"], string> = {
  passed: "✓",
  failed: "✗",
  skipped: "-",
  missing: "?",
  crashed: "!",
  timeout: "⏱",
};

function indent(text: string): string {
  return text
    .split("\n")
    .map((line) => `      ${line}`)
    .join("\n");
}

/**
 * A readable table of one submission: a line per check, the reason under each failure.
 *
 * @example
 * formatTable(report) // "✓ fx-stats › mean-basic  1/1  passed\n…"
 */
export function formatTable(report: SubmissionReport, options: { local: boolean }): string {
  const lines: string[] = [];
  const width = Math.max(10, ...report.checks.map((c) => `${c.lab} › ${c.id}`.length));
  lines.push(`Grading ${report.target}`);
  for (const check of report.checks) {
    const name = `${check.lab} › ${check.id}`.padEnd(width);
    const points = `${check.points}/${check.max}`.padStart(7);
    lines.push(`  ${MARK[check.status]} ${name} ${points}  ${check.status}${check.hidden ? " (hidden)" : ""}`);
    if (check.status !== "passed" && check.message) lines.push(indent(check.message.trim()));
  }
  for (const extra of report.extras) lines.push(`  ! ignored test not in labs.json: ${extra}`);
  for (const mismatch of report.mismatches) lines.push(`  ! points differ: ${mismatch}`);
  for (const note of report.notes) lines.push(`  note: ${note}`);
  lines.push(`Total: ${report.total}/${report.max}  (${report.seconds.toFixed(1)} s)`);
  if (options.local && !report.isolated) {
    lines.push("These scores are feedback: your code ran as you, on your machine. The course's grader decides.");
  }
  return lines.join("\n");
}
