// Machine-readable reports: JSON, Gradescope results.json, JUnit XML and the CSV gradebook.
import type { SubmissionReport } from "../score.js";

/** Our own JSON report: total, max, and each check with its status and message. */
export function toJson(report: SubmissionReport): object {
  return {
    learner: report.learner,
    total: report.total,
    max: report.max,
    isolated: report.isolated,
    checks: report.checks.map((c) => ({
      id: `${c.lab}/${c.id}`,
      lab: c.lab,
      points: c.points,
      max: c.max,
      status: c.status,
      message: c.message,
      hidden: c.hidden,
    })),
    extras: report.extras,
    mismatches: report.mismatches,
    notes: report.notes,
  };
}

/**
 * Gradescope's results.json: one test per check; hidden checks keep their visibility.
 *
 * @example
 * toGradescope(report).tests[0] // { name: "fx-stats › mean-basic", score: 1, max_score: 1, status: "passed", … }
 */
export function toGradescope(report: SubmissionReport): object {
  const summary = [
    `Total: ${report.total}/${report.max}`,
    ...report.notes,
    ...report.extras.map((e) => `ignored test: ${e}`),
  ];
  return {
    score: report.total,
    output: summary.join("\n"),
    stdout_visibility: "hidden",
    tests: report.checks.map((c) => ({
      name: `${c.lab} › ${c.id}`,
      score: c.points,
      max_score: c.max,
      status: c.status === "passed" ? "passed" : "failed",
      output: c.status === "passed" ? "" : `${c.status}: ${c.message}`,
      visibility: c.visibility,
    })),
  };
}

function xml(text: string): string {
  // XML 1.0 forbids most control characters even when escaped; learners' output can hold them.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point.
  const clean = text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, "");
  return clean.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");
}

/** JUnit XML: a testsuite per lab, a testcase per check, failures carry the message. */
export function toJunit(report: SubmissionReport): string {
  const labs = [...new Set(report.checks.map((c) => c.lab))];
  const suites = labs.map((lab) => {
    const checks = report.checks.filter((c) => c.lab === lab);
    const failures = checks.filter((c) => c.status === "failed" || c.status === "missing").length;
    const errors = checks.filter((c) => c.status === "crashed" || c.status === "timeout").length;
    const skipped = checks.filter((c) => c.status === "skipped").length;
    const cases = checks.map((c) => {
      const open = `    <testcase classname="${xml(lab)}" name="${xml(c.id)} (${c.points}/${c.max})">`;
      if (c.status === "passed") return `${open}</testcase>`;
      if (c.status === "skipped") return `${open}<skipped/></testcase>`;
      const tag = c.status === "crashed" || c.status === "timeout" ? "error" : "failure";
      return `${open}<${tag} type="${c.status}" message="${xml(c.message.split("\n")[0] ?? "")}">${xml(c.message)}</${tag}></testcase>`;
    });
    return [
      `  <testsuite name="${xml(lab)}" tests="${checks.length}" failures="${failures}" errors="${errors}" skipped="${skipped}">`,
      ...cases,
      "  </testsuite>",
    ].join("\n");
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="${xml(report.learner)}">\n${suites.join("\n")}\n</testsuites>\n`;
}

function csvCell(text: string): string {
  // A leading =, +, - or @ would run as a formula in a spreadsheet: learners choose folder names.
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The gradebook: a row per learner, a column per lab, and the total. */
export function toCsv(reports: readonly SubmissionReport[], labIds: readonly string[]): string {
  const header = ["learner", ...labIds, "total", "max"];
  const rows = reports.map((r) => {
    const perLab = labIds.map((lab) => String(r.checks.filter((c) => c.lab === lab).reduce((s, c) => s + c.points, 0)));
    return [csvCell(r.learner), ...perLab, String(r.total), String(r.max)];
  });
  return `${[header, ...rows].map((row) => row.join(",")).join("\n")}\n`;
}
