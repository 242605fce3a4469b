// Starts grade-one for a submission with a wall-clock budget, and collects what it reports.
// On budget expiry the whole tree (vitest workers, lab runners) is killed; checks that had
// finished keep their results.
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { Job, Message } from "./grade-one.js";
import { killTree } from "./runner/kill-tree.js";
import type { RunRecord } from "./score.js";

const GRADE_ONE = fileURLToPath(new URL("./grade-one.ts", import.meta.url));
const TSX = fileURLToPath(new URL("../node_modules/tsx/dist/loader.mjs", import.meta.url));

/** Wall-clock budget of one submission, in seconds: every lab's checks, timeouts included. */
export const SUBMISSION_BUDGET_S_DEFAULT = 300;

/**
 * Grades one submission in its own process and resolves with everything it reported.
 *
 * @example
 * (await runJob(job, 300)).messages.at(-1) // { type: "done", isolated: true }
 */
export function runJob(job: Job, budgetS = SUBMISSION_BUDGET_S_DEFAULT): Promise<RunRecord> {
  const started = Date.now();
  const messages: Message[] = [];
  return new Promise((resolve) => {
    const child = fork(GRADE_ONE, [], {
      execArgv: ["--import", TSX],
      detached: true,
      stdio: ["ignore", "ignore", "pipe", "ipc"],
    });
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr = (stderr + chunk.toString("utf8")).slice(-2000);
    });
    let budgetExceededS: number | undefined;
    const timer = setTimeout(() => {
      budgetExceededS = budgetS;
      if (child.pid) killTree(child.pid);
    }, budgetS * 1000);
    child.on("message", (message: Message) => messages.push(message));
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      // Anything the run left behind (a lab runner that escaped its group) goes too.
      if (child.pid) killTree(child.pid);
      const done = messages.some((m) => m.type === "done" || m.type === "fatal");
      const record: RunRecord = { messages, seconds: (Date.now() - started) / 1000 };
      if (budgetExceededS !== undefined) record.budgetExceededS = budgetExceededS;
      else if (!done)
        record.died = `the grader's test process ended early (exit ${code}, signal ${signal}): ${stderr.trim()}`;
      resolve(record);
    });
    child.send(job);
  });
}
