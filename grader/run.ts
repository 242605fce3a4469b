// Runs grade-one processes for submissions, each with a wall-clock budget, and collects what they
// report. On budget expiry the whole tree (vitest workers, lab runners) is killed and a fresh
// grading process serves the next submission; checks that had finished keep their results.
import { type ChildProcess, fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { Job, Message } from "./grade-one.js";
import { cgroupLeftNote, releaseCgroupsOf } from "./runner/cgroup-release.js";
import { killTree, killTreeAndWait } from "./runner/kill-tree.js";
import type { RunRecord } from "./score.js";

const GRADE_ONE = fileURLToPath(new URL("./grade-one.ts", import.meta.url));
const TSX = fileURLToPath(new URL("../node_modules/tsx/dist/loader.mjs", import.meta.url));

/** Wall-clock budget of one submission, in seconds: every lab's checks, timeouts included. */
export const SUBMISSION_BUDGET_S_DEFAULT = 300;

interface Current {
  messages: Message[];
  /** The budget ran out: the run ends as "budget exceeded", not as "died". */
  expired: boolean;
  finish: (why?: Pick<RunRecord, "budgetExceededS" | "died" | "notes">) => void;
}

/**
 * After a grading process ended or was killed: ends what it left running, and removes the cgroup
 * it could not (it was killed mid-run). Returns notes for the report on what could not be removed.
 */
async function cleanUp(pid: number): Promise<string[]> {
  killTree(pid);
  return (await releaseCgroupsOf(pid)).map(cgroupLeftNote);
}

/** A grading process that grades submissions one at a time; replaced when it had to be killed. */
export class Grader {
  private child: ChildProcess | undefined;
  private current: Current | undefined;
  private stderr = "";

  private start(): ChildProcess {
    const child = fork(GRADE_ONE, [], {
      execArgv: ["--import", TSX],
      detached: true,
      stdio: ["ignore", "ignore", "pipe", "ipc"],
    });
    this.stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString("utf8")).slice(-2000);
    });
    child.on("message", (message: Message) => {
      const current = this.current;
      if (!current) return;
      current.messages.push(message);
      if (message.type === "done" || message.type === "fatal") current.finish();
    });
    child.on("exit", async (code, signal) => {
      if (this.child === child) this.child = undefined;
      // The budget's timer cleans up and finishes the run itself.
      if (this.current?.expired) return;
      const current = this.current;
      const notes = child.pid ? await cleanUp(child.pid) : [];
      current?.finish({
        died: `the grader's test process ended early (exit ${code}, signal ${signal}): ${this.stderr.trim()}`,
        notes,
      });
    });
    return child;
  }

  /**
   * Grades one submission and resolves with everything it reported.
   *
   * @example
   * (await new Grader().run(job, 300)).messages.at(-1) // { type: "done", isolated: true }
   */
  run(job: Job, budgetS = SUBMISSION_BUDGET_S_DEFAULT): Promise<RunRecord> {
    const started = Date.now();
    this.child ??= this.start();
    const child = this.child;
    return new Promise((resolve) => {
      const messages: Message[] = [];
      const timer = setTimeout(async () => {
        if (this.current) this.current.expired = true;
        // Kill the whole tree and wait until it is gone; the next submission gets a fresh process.
        if (this.child === child) this.child = undefined;
        if (child.pid) await killTreeAndWait(child.pid);
        finish({ budgetExceededS: budgetS, notes: child.pid ? await cleanUp(child.pid) : [] });
      }, budgetS * 1000);
      const finish: Current["finish"] = (why = {}) => {
        if (this.current?.messages !== messages) return;
        clearTimeout(timer);
        this.current = undefined;
        resolve({ messages, seconds: (Date.now() - started) / 1000, ...why });
      };
      this.current = { messages, finish, expired: false };
      child.send(job);
    });
  }

  /** Lets the grading process finish and exit. */
  close(): void {
    if (this.child?.connected) this.child.disconnect();
    this.child = undefined;
  }
}
