// Turns what a grading run reported into a score, from the manifest only: passed earns the
// check's points; failed, skipped, missing, crashed or timed out earns 0 with its reason.
import type { CheckResult, Message } from "./grade-one.js";
import type { ExpectedCheck, Visibility } from "./manifest.js";

export type CheckStatus = "passed" | "failed" | "skipped" | "missing" | "crashed" | "timeout";

export interface CheckReport {
  lab: string;
  id: string;
  points: number;
  max: number;
  status: CheckStatus;
  message: string;
  hidden: boolean;
  visibility: Visibility;
}

export interface SubmissionReport {
  learner: string;
  target: string;
  total: number;
  max: number;
  checks: CheckReport[];
  /** Reported tests that are not in the manifest: ignored for the score. */
  extras: string[];
  /** Checks whose points in the test file differ from labs.json (a course defect). */
  mismatches: string[];
  /** Files of the submission the grader did not read, and other remarks. */
  notes: string[];
  /** True when lab code ran as an unprivileged user without network. */
  isolated: boolean;
  seconds: number;
}

/** What the grading process sent, plus what its parent saw. */
export interface RunRecord {
  messages: Message[];
  /** Set when the submission's wall-clock budget ran out and the run was stopped. */
  budgetExceededS?: number;
  /** Set when the grading process ended without saying it was done. */
  died?: string;
  /** Remarks of the parent for the report (cleanup it could not finish after a kill, say). */
  notes?: string[];
  seconds: number;
}

function statusOf(result: CheckResult): CheckStatus {
  if (result.state === "passed" && result.outcome === "passed") return "passed";
  if (result.state === "skipped" || result.state === "pending") return "skipped";
  if (result.outcome === "timeout") return "timeout";
  if (result.outcome === "crash" || result.outcome === "oversize") return "crashed";
  return "failed";
}

/**
 * Scores one run against the manifest.
 *
 * @example
 * score("ada", "/subs/ada", manifest, run).total // 7
 */
export function score(
  learner: string,
  target: string,
  manifest: readonly ExpectedCheck[],
  run: RunRecord,
): SubmissionReport {
  const results = new Map<string, CheckResult>();
  const extras: string[] = [];
  const fileErrors: string[] = [];
  const notes: string[] = [];
  const mismatches: string[] = [];
  let isolated = false;
  const expectedKeys = new Set(manifest.map((c) => `${c.lab}\u0000${c.id}`));
  for (const message of run.messages) {
    if (message.type === "check") {
      const key = `${message.result.lab}\u0000${message.result.check}`;
      if (!expectedKeys.has(key)) extras.push(`${message.result.file} › ${message.result.check}`);
      // The first result for a check counts; a repeated id cannot overwrite a failure.
      else if (!results.has(key)) results.set(key, message.result);
    } else if (message.type === "file-error") fileErrors.push(`${message.file}: ${message.message}`);
    else if (message.type === "ingest" && message.ignored.length > 0) {
      notes.push(`ignored (not lab files): ${message.ignored.join(", ")}`);
    } else if (message.type === "note") notes.push(message.note);
    else if (message.type === "done") isolated = message.isolated;
    else if (message.type === "fatal") fileErrors.push(`grader error: ${message.message}`);
  }
  notes.push(...(run.notes ?? []));
  const checks = manifest.map((expected): CheckReport => {
    const result = results.get(`${expected.lab}\u0000${expected.id}`);
    const base = {
      lab: expected.lab,
      id: expected.id,
      max: expected.points,
      hidden: expected.hidden,
      visibility: expected.visibility,
    };
    if (result) {
      if (result.points !== expected.points) {
        mismatches.push(
          `${expected.lab}/${expected.id}: the test declares ${result.points} points, the manifest ${expected.points}`,
        );
      }
      const status = statusOf(result);
      const message = status === "skipped" ? "skipped: a check that does not run earns nothing" : result.message;
      return { ...base, points: status === "passed" ? expected.points : 0, status, message };
    }
    if (run.budgetExceededS !== undefined) {
      const message = `not finished: the submission used up its ${run.budgetExceededS} s budget`;
      return { ...base, points: 0, status: "timeout", message };
    }
    const why =
      fileErrors.length > 0
        ? fileErrors.join("\n")
        : (run.died ?? "no result: the graded test file is missing or does not declare this check");
    return { ...base, points: 0, status: fileErrors.length > 0 || run.died ? "crashed" : "missing", message: why };
  });
  return {
    learner,
    target,
    total: checks.reduce((sum, c) => sum + c.points, 0),
    max: checks.reduce((sum, c) => sum + c.max, 0),
    checks,
    extras,
    mismatches,
    notes,
    isolated,
    seconds: run.seconds,
  };
}
