// `npm run grade`: grades the working copy's labs/, one submission folder, or a folder of
// submissions in parallel, and writes the reports asked for. See grader/README.md.
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import type { Job } from "./grade-one.js";
import { buildManifest, type Hidden, loadHidden } from "./manifest.js";
import { loadRegistry } from "./registry.js";
import { formatTable } from "./report/console.js";
import { toCsv, toGradescope, toJson, toJunit } from "./report/formats.js";
import { Grader, SUBMISSION_BUDGET_S_DEFAULT } from "./run.js";
import { sweepOrphanCgroups } from "./runner/cgroup-release.js";
import { REPO_ROOT, sandboxUnavailable } from "./runner/sandbox.js";
import { type SubmissionReport, score } from "./score.js";

/** First user id of the sandbox users; one per concurrent submission so they cannot read each other. */
const SANDBOX_UID_BASE = 61000;

const USAGE = `usage: npm run grade -- [options]
  --lab ID            grade one lab (repeatable; default: every lab in labs/labs.json)
  --target DIR        grade a submission folder laid out like labs/ (default: labs/)
  --submissions DIR   grade every subfolder of DIR (one per learner) in parallel; writes a CSV gradebook
  --hidden DIR        add an instructor's hidden checks and seeds (DIR/hidden.json, DIR/<lab>.test.ts)
  --json FILE         write the report as JSON (batch: an array)
  --gradescope FILE   write Gradescope's results.json
  --junit FILE        write JUnit XML
  --csv FILE          gradebook path in batch mode (default: gradebook.csv)
  --jobs N            parallel submissions in batch mode (default: number of cores)
  --budget-s N        wall-clock budget per submission in seconds (default: ${SUBMISSION_BUDGET_S_DEFAULT})
  --no-calibrate      batch mode: skip grading solutions/ first
  --no-isolate        run lab code as the current user even as root (for debugging the grader)
  --course DIR        course root holding labs/, solutions/, test/labs/ (default: this repository)`;

interface Options {
  labs: string[];
  target?: string;
  submissions?: string;
  hidden?: string;
  json?: string;
  gradescope?: string;
  junit?: string;
  csv: string;
  jobs: number;
  budgetS: number;
  calibrate: boolean;
  isolate: boolean;
  course: string;
}

function parse(argv: string[]): Options {
  const options: Options = {
    labs: [],
    csv: "gradebook.csv",
    jobs: availableParallelism(),
    budgetS: SUBMISSION_BUDGET_S_DEFAULT,
    calibrate: true,
    isolate: true,
    course: REPO_ROOT,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${flag} needs a value\n${USAGE}`);
      return next;
    };
    const count = () => {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} must be a whole number ≥ 1`);
      return n;
    };
    if (flag === "--lab") options.labs.push(value());
    else if (flag === "--target") options.target = resolve(value());
    else if (flag === "--submissions") options.submissions = resolve(value());
    else if (flag === "--hidden") options.hidden = resolve(value());
    else if (flag === "--json") options.json = resolve(value());
    else if (flag === "--gradescope") options.gradescope = resolve(value());
    else if (flag === "--junit") options.junit = resolve(value());
    else if (flag === "--csv") options.csv = resolve(value());
    else if (flag === "--jobs") options.jobs = count();
    else if (flag === "--budget-s") options.budgetS = count();
    else if (flag === "--no-calibrate") options.calibrate = false;
    else if (flag === "--no-isolate") options.isolate = false;
    else if (flag === "--course") options.course = resolve(value());
    else if (flag === "--help" || flag === "-h") {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown option ${flag}\n${USAGE}`);
  }
  return options;
}

function write(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

function progress(done: number, total: number, startedMs: number, last: SubmissionReport): void {
  const elapsedS = (Date.now() - startedMs) / 1000;
  const etaS = done === 0 ? 0 : (elapsedS / done) * (total - done);
  const width = 24;
  const filled = Math.round((done / total) * width);
  const bar = `${"#".repeat(filled)}${".".repeat(width - filled)}`;
  const line = `[${bar}] ${done}/${total}  ${last.learner}: ${last.total}/${last.max}  ETA ${Math.ceil(etaS)} s`;
  if (process.stderr.isTTY) process.stderr.write(`\r${line.padEnd(100)}${done === total ? "\n" : ""}`);
  else process.stderr.write(`${line}\n`);
}

async function main(): Promise<number> {
  const options = parse(process.argv.slice(2));
  // Lab runners import sim-core's built dist/ (as notebooks do): build it if a fresh clone lacks
  // it or sources changed. A no-op when up to date; prints only when it does something.
  try {
    execFileSync(process.execPath, [join(REPO_ROOT, "scripts", "setup.mjs")], {
      cwd: REPO_ROOT,
      stdio: ["ignore", 2, 2],
    });
  } catch {
    // tsc still emits when sim-core has a type error; grading with that build beats not grading.
    console.error("grade: setup reported a problem (above); grading with the sim-core build as it is");
  }
  if (options.submissions && (options.gradescope || options.junit || options.target)) {
    throw new Error(
      "--submissions grades a folder of learners: use --json and --csv, not --gradescope, --junit or --target",
    );
  }
  const registry = loadRegistry(options.course);
  for (const id of options.labs) {
    if (!registry.labs.some((lab) => lab.id === id)) {
      throw new Error(
        `no lab "${id}" in labs/labs.json (labs: ${registry.labs.map((l) => l.id).join(", ") || "none"})`,
      );
    }
  }
  const labIds = options.labs.length > 0 ? options.labs : registry.labs.map((lab) => lab.id);
  if (labIds.length === 0) {
    console.log("No labs are registered in labs/labs.json yet: nothing to grade.");
    return 0;
  }
  const hidden: Hidden | undefined = options.hidden ? loadHidden(options.hidden) : undefined;
  const manifest = buildManifest(registry, labIds, hidden);
  const unavailable = options.isolate ? sandboxUnavailable() : "turned off (--no-isolate)";
  const isolated = unavailable === undefined;
  // Lab code always runs in its own realm; the OS sandbox around it needs root.
  if (!isolated) console.error(`grader: OS sandbox off: ${unavailable}`);
  else {
    // A grader that crashed or was killed -9 left its submissions' cgroups: remove them before
    // they pile up (and before a stale name could collide with one this run makes).
    const swept = await sweepOrphanCgroups();
    if (swept.removed.length > 0)
      console.error(`grader: removed cgroups of ended graders: ${swept.removed.join(", ")}`);
    if (swept.left.length > 0)
      console.error(`grader: cannot remove cgroups of ended graders: ${swept.left.join(", ")}`);
  }
  const courseFlag = options.course === REPO_ROOT ? "" : ` --course ${options.course}`;
  const job = (target: string, slot: number, maxWorkers: number): Job => ({
    courseRoot: options.course,
    target,
    labIds,
    ...(options.hidden ? { hiddenDir: options.hidden } : {}),
    hiddenSeeds: hidden?.seeds ?? {},
    isolate: options.isolate,
    ...(isolated ? { uid: SANDBOX_UID_BASE + slot } : {}),
    maxWorkers,
    reproduce: `npm run grade --${courseFlag} --lab`,
  });
  const graders: Grader[] = [];
  const gradeOne = async (learner: string, target: string, slot: number, maxWorkers: number) => {
    graders[slot] ??= new Grader();
    return score(learner, target, manifest, await graders[slot].run(job(target, slot, maxWorkers), options.budgetS));
  };
  try {
    return await gradeAll();
  } finally {
    for (const grader of graders) grader.close();
  }

  async function gradeAll(): Promise<number> {
    if (!options.submissions) {
      const target = options.target ?? join(options.course, "labs");
      const report = await gradeOne(basename(target), target, 0, Math.min(labIds.length, options.jobs));
      console.log(formatTable(report, { local: !isolated }));
      if (options.json) write(options.json, `${JSON.stringify(toJson(report), null, 2)}\n`);
      if (options.gradescope) write(options.gradescope, `${JSON.stringify(toGradescope(report), null, 2)}\n`);
      if (options.junit) write(options.junit, toJunit(report));
      return 0;
    }

    if (options.calibrate) {
      const solutions = join(options.course, "solutions");
      const calibration = await gradeOne("solutions", solutions, 0, 1);
      calibration.checks = calibration.checks.filter((c) => !c.hidden);
      const missed = calibration.checks.filter((c) => c.status !== "passed");
      if (missed.length > 0) {
        console.error(formatTable(calibration, { local: false }));
        throw new Error("calibration failed: the solutions do not pass every check, so scores would be unfair");
      }
      console.error(`calibrated: solutions score ${calibration.total}/${calibration.max}`);
    }
    const learners = readdirSync(options.submissions)
      .filter((name) => !name.startsWith(".") && statSync(join(options.submissions!, name)).isDirectory())
      .sort();
    const reports: SubmissionReport[] = new Array(learners.length);
    const started = Date.now();
    let next = 0;
    let done = 0;
    const worker = async (slot: number) => {
      while (next < learners.length) {
        const index = next++;
        const learner = learners[index]!;
        const report = await gradeOne(learner, join(options.submissions!, learner), slot, 1);
        reports[index] = report;
        progress(++done, learners.length, started, report);
      }
    };
    await Promise.all(Array.from({ length: Math.min(options.jobs, learners.length) }, (_, slot) => worker(slot)));
    write(options.csv, toCsv(reports, labIds));
    if (options.json) write(options.json, `${JSON.stringify(reports.map(toJson), null, 2)}\n`);
    for (const report of reports) console.log(`${report.learner.padEnd(24)} ${report.total}/${report.max}`);
    console.log(
      `Gradebook: ${options.csv}  (${learners.length} submissions in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
    return 0;
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`grade: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
