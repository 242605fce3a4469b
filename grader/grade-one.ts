// Grades one submission in a fresh workspace, in a process of its own: takes the lab files,
// runs the pristine graded test files with the grader's vitest config, and streams each check's
// result to the parent over IPC as it ends, so a submission stopped by its wall-clock budget
// keeps the results it earned. Lab code runs only in lab runners started by the test files.
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestCase, TestModule } from "vitest/node";
import { createVitest, type Vitest } from "vitest/node";
import type { GraderContext } from "./context.js";
import { ingest } from "./ingest.js";
import type { CheckMeta } from "./lab.js";
import { loadRegistry } from "./registry.js";
import { createMemoryCgroup } from "./runner/cgroup.js";
import { cgroupLeftNote, releaseCgroup } from "./runner/cgroup-release.js";
import { canIsolate, LIMITS } from "./runner/sandbox.js";
import { GRADED_ALIASES, GRADED_TEST_OPTIONS } from "./vitest-options.js";

/** What the parent asks for. */
export interface Job {
  courseRoot: string;
  /** Submission folder laid out like labs/. */
  target: string;
  labIds: string[];
  hiddenDir?: string;
  hiddenSeeds: Record<string, number[]>;
  isolate: boolean;
  uid?: number;
  maxWorkers: number;
  reproduce: string;
}

/** One test result as it crosses to the parent. */
export interface CheckResult {
  lab: string;
  check: string;
  /** Vitest's state: passed, failed, skipped or pending. */
  state: string;
  outcome: CheckMeta["outcome"] | "unknown";
  /** Points the test file declares (the score uses labs.json; the course check compares). */
  points: number | null;
  message: string;
  /** The test file, relative to the course root (or "hidden:"). */
  file: string;
}

export type Message =
  | { type: "ingest"; problems: Record<string, string[]>; ignored: string[] }
  /** A remark for the report's notes (the grader could not clean up after the submission, say). */
  | { type: "note"; note: string }
  | { type: "check"; result: CheckResult }
  | { type: "file-error"; file: string; message: string }
  | { type: "done"; isolated: boolean }
  | { type: "fatal"; message: string };

function send(message: Message, then?: () => void): void {
  if (process.send) process.send(message, undefined, {}, () => then?.());
  else then?.();
}

/** Makes the workspace readable (and only readable) by the sandbox user. */
function handOver(dir: string, uid: number): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isSymbolicLink()) continue;
    if (entry.isDirectory()) handOver(path, uid);
    chownSync(path, uid, uid);
  }
  // Only this submission's sandbox user (and root) may enter: concurrent submissions run as
  // other users and cannot read each other's files.
  chownSync(dir, uid, uid);
  chmodSync(dir, 0o700);
}

async function grade(job: Job): Promise<boolean> {
  const registry = loadRegistry(job.courseRoot);
  const labs = registry.labs.filter((lab) => job.labIds.includes(lab.id));
  const workspace = mkdtempSync(join(tmpdir(), "grader-ws-"));
  let cgroup: string | undefined;
  try {
    const taken = ingest(
      job.target,
      labs,
      workspace,
      registry.labs.map((lab) => lab.id),
    );
    send({ type: "ingest", problems: taken.problems, ignored: taken.ignored });
    const isolated = job.isolate && canIsolate();
    if (isolated && job.uid !== undefined) handOver(workspace, job.uid);
    // One memory limit for everything the submission's lab runners hold, heap and off-heap.
    cgroup = isolated ? createMemoryCgroup(LIMITS.memoryMb * 1024 * 1024) : undefined;
    const context: GraderContext = {
      courseRoot: job.courseRoot,
      labsDir: taken.labsDir,
      isolate: job.isolate,
      hiddenSeeds: job.hiddenSeeds,
      reproduce: job.reproduce,
      problems: taken.problems,
      ...(cgroup === undefined ? {} : { cgroup }),
      ...(job.uid === undefined ? {} : { uid: job.uid }),
    };
    const files = labs
      .map((lab) => join(job.courseRoot, "test", "labs", `${lab.id}.test.ts`))
      .filter((file) => existsSync(file));
    if (job.hiddenDir) {
      for (const lab of labs) {
        const hidden = join(job.hiddenDir, `${lab.id}.test.ts`);
        if (existsSync(hidden)) files.push(hidden);
      }
    }
    if (files.length === 0) return isolated;
    const relative = (file: string) =>
      job.hiddenDir && file.startsWith(job.hiddenDir)
        ? `hidden:${file.slice(job.hiddenDir.length + 1)}`
        : file.startsWith(`${job.courseRoot}/`)
          ? file.slice(job.courseRoot.length + 1)
          : // A test the submission brought lives in the workspace, not under the course root.
            file.startsWith(`${workspace}/`)
            ? file.slice(workspace.length + 1)
            : file;
    route.relative = relative;
    const vitest = await vitestFor(job, files);
    vitest.provide("grader", context);
    await vitest.start(files);
    return isolated;
  } finally {
    rmSync(workspace, { recursive: true, force: true });
    if (cgroup && !(await releaseCgroup(cgroup))) send({ type: "note", note: cgroupLeftNote(cgroup) });
  }
}

/** Where the one reporter sends results: paths are shown relative to the current job. */
const route = { relative: (file: string) => file };

const reporter = {
  onTestCaseResult(test: TestCase) {
    const meta = test.meta().grader;
    const result = test.result();
    const message = result.errors?.map((e) => e.message).join("\n") ?? "";
    send({
      type: "check",
      result: {
        lab: meta?.lab ?? "",
        check: meta?.check ?? test.name,
        state: result.state,
        outcome: meta?.outcome ?? "unknown",
        points: meta?.points ?? null,
        message,
        file: route.relative(test.module.moduleId),
      },
    });
  },
  onTestModuleEnd(module: TestModule) {
    const errors = module.errors();
    if (errors.length > 0) {
      send({
        type: "file-error",
        file: route.relative(module.moduleId),
        message: errors.map((e) => e.message).join("\n"),
      });
    }
  },
};

let cached: { key: string; vitest: Vitest } | undefined;
/** Vite's cache for the graded test files (trusted), private to this grading process. */
const VITE_CACHE = join(tmpdir(), `grader-vite-${process.pid}`);

/**
 * One vitest instance serves the submissions of a grading process when they run the same test
 * files: creating it costs more than running a small lab. Test files still run in fresh forks
 * (isolation is on), and the context is provided anew for each submission.
 */
async function vitestFor(job: Job, files: string[]): Promise<Vitest> {
  const key = JSON.stringify([job.courseRoot, job.maxWorkers, files]);
  if (cached?.key === key) return cached.vitest;
  await cached?.vitest.close();
  const vitest = await createVitest(
    "test",
    {
      // Inline options, no config file: vite would bundle a file next to it, which needs a
      // writable grader folder, and nothing of the submission is ever read as config.
      config: false,
      root: job.courseRoot,
      ...GRADED_TEST_OPTIONS,
      watch: false,
      reporters: [reporter],
      maxWorkers: job.maxWorkers,
      include: files,
      dir: "/",
    },
    { cacheDir: VITE_CACHE, resolve: { alias: GRADED_ALIASES } },
  );
  cached = { key, vitest };
  return vitest;
}

// One process grades the submissions its parent sends, one after another: starting node, tsx
// and vitest costs more than grading a small lab. Each submission still gets a fresh workspace
// and a fresh vitest instance; learner code never runs in this process.
let queue: Promise<void> = Promise.resolve();
process.on("message", (job: Job) => {
  queue = queue.then(() =>
    grade(job).then(
      (isolated) => send({ type: "done", isolated }),
      (error: unknown) =>
        send({ type: "fatal", message: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
    ),
  );
});
process.on("disconnect", () => {
  queue.then(async () => {
    await cached?.vitest.close();
    rmSync(VITE_CACHE, { recursive: true, force: true });
    process.exit(0);
  });
});
