// The lab-authoring API. A graded test file declares checks with a stable id, points and a
// feedback message; a check asks the lab runner (a child process) to call the learner's code or
// to run a trusted driver with it, receives plain validated data, and asserts on it with
// `expect`. Lab code never runs in this process. See grader/README.md for a worked example.
import { randomInt } from "node:crypto";
import { existsSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, test } from "vitest";
import { graderContext } from "./context.js";
import { loadRegistry } from "./registry.js";
import { CALL_TIMEOUT_MS_DEFAULT, LabRunner, type Outcome } from "./runner/lab-runner.js";
import { type Shape, ShapeError, show } from "./shape.js";

// Hidden check files live outside the repository, where bare "vitest" does not resolve.
export { expect } from "vitest";
export * as shape from "./shape.js";

/** How a check ended, as the report classifies it. */
export type CheckOutcome = "passed" | "failed" | "error" | "load" | "timeout" | "crash" | "oversize";

export interface CheckMeta {
  lab: string;
  check: string;
  points: number;
  outcome: CheckOutcome;
}

declare module "vitest" {
  interface TaskMeta {
    grader?: CheckMeta;
  }
}

export interface CheckSpec {
  /**
   * Points of the check. Leave it out for a course check: its points are recorded once, in
   * labs/labs.json, and read from there. Hidden checks (from an instructor's folder) give theirs.
   */
  points?: number;
  /** What the learner should know when this check fails: the idea, not the answer. */
  feedback: string;
  /** Start a fresh lab runner for this check (when lab state could leak between checks). */
  fresh?: boolean;
}

export interface CallOptions {
  /** Deadline of this call; defaults to the lab's `callTimeoutMs`. */
  timeoutMs?: number;
}

export interface CheckContext {
  /** Calls `exportName` of the lab file with plain-data arguments and returns its result. */
  call<T = unknown>(
    file: string,
    exportName: string,
    args: unknown[],
    returns?: Shape<T>,
    options?: CallOptions,
  ): Promise<T>;
  /** Runs `exportName` of the lab's driver with `input`; the driver loads the lab's files itself. */
  drive<T = unknown>(exportName: string, input: unknown, returns?: Shape<T>, options?: CallOptions): Promise<T>;
  /** Records the seed the following assertions depend on (calls with `{ seed }` record it too). */
  seed(seed: number): void;
}

export interface LabOptions {
  /** Trusted driver module; defaults to test/labs/<id>.driver.ts when it exists. */
  driver?: string | URL;
  callTimeoutMs?: number;
  /** Extra time for the first call of a fresh runner (node, tsx, compiling the lab). */
  startupGraceMs?: number;
  heapMb?: number;
}

export interface GradedLab {
  readonly id: string;
  /** Public seeds from labs.json. */
  readonly seeds: readonly number[];
  /** The instructor's hidden seeds (empty unless graded with --hidden). Never printed. */
  readonly hiddenSeeds: readonly number[];
  /**
   * `count` seeds drawn afresh for this grading (printed on failure, so a learner can rerun
   * them): for checks whose answer is exact on any seed, a submission cannot be tuned to them.
   */
  freshSeeds(count: number): number[];
  check(id: string, spec: CheckSpec, body: (context: CheckContext) => Promise<void> | void): void;
}

/** A lab call that produced no value: it failed to load, threw, hung, crashed or said too much. */
export class LabCallError extends Error {
  constructor(
    readonly kind: Exclude<CheckOutcome, "passed" | "failed">,
    readonly what: string,
    readonly output: string,
  ) {
    super(what);
  }
}

function observedOf(outcome: Extract<Outcome, { ok: false }>, what: string): LabCallError {
  const kind = outcome.kind === "load" ? "load" : outcome.kind;
  return new LabCallError(kind, `${what}: ${outcome.message}`, outcome.output);
}

/** The last call a check made, as a learner can repeat it. */
interface LastCall {
  /** e.g. `timeoutBudgets.run({ seed: 1, …, policy: createBudgetPolicy() })` or `mean([1, 2])`. */
  scenario: string;
  /** The call used an instructor's hidden seed: nothing about its inputs may be shown. */
  hidden: boolean;
}

/** vitest's comparison wording, kept so "observed 0, expected 45" says which way it failed. */
const COMPARISON = /to be (greater than or equal to|greater than|less than or equal to|less than) /;

/** Builds the message a learner reads: feedback, expected, observed, the call, how to reproduce. */
function explain(
  error: unknown,
  feedback: string,
  seed: number | undefined,
  last: LastCall | undefined,
  reproduce: string,
): [CheckOutcome, string] {
  let outcome: CheckOutcome = error instanceof LabCallError ? error.kind : "failed";
  const lines = [feedback];
  if (last?.hidden) {
    // A hidden seed is never printed, nor anything computed from it.
    lines.push("  failed on one of the instructor's hidden seeds (its inputs stay hidden); the public seeds passed");
    lines.push(`  reproduce: ${reproduce}`);
    return [outcome, lines.join("\n")];
  }
  if (error instanceof LabCallError) {
    outcome = error.kind;
    lines.push("  expected: your code to return a value", `  observed: ${error.what}`);
    const output = error.output.trim();
    if (output !== "") lines.push(`  your code printed (last lines): ${output.split("\n").slice(-5).join(" | ")}`);
  } else if (error instanceof ShapeError) {
    lines.push(`  expected: ${error.path} to be ${error.expected}`, `  observed: ${show(error.observed)}`);
  } else if (error instanceof Error && "actual" in error && "expected" in error) {
    // vitest repeats expected and observed in its message: keep only what it adds (the check's
    // own words before ": expected", and which way a comparison failed).
    const message = error.message.replaceAll(" // Object.is equality", "");
    const at = message.lastIndexOf(": expected ");
    const comparison = COMPARISON.exec(message);
    lines.push(
      `  expected: ${comparison ? `${comparison[1]} ` : ""}${show(error.expected)}`,
      `  observed: ${show(error.actual)}`,
    );
    if (at > 0) lines.push(`  about: ${message.slice(0, at)}`);
  } else {
    lines.push(`  observed: ${error instanceof Error ? error.message : show(error)}`);
  }
  if (last) lines.push(`  scenario: ${last.scenario}`);
  if (seed !== undefined) lines.push(`  seed: ${seed}`);
  lines.push(`  reproduce: ${reproduce}`);
  return [outcome, lines.join("\n")];
}

/** Validates arrived data; a mismatch names the call, e.g. "stats.ts: mean([]).total". */
function parseAs<T>(returns: Shape<T> | undefined, value: unknown, what: string): T {
  if (!returns) return value as T;
  try {
    return returns.parse(value, what);
  } catch (error) {
    if (error instanceof ShapeError) throw error;
    throw new Error(`could not check the value of ${what}: ${String(error)}`);
  }
}

/**
 * A check's points: those in labs/labs.json for a course check, else the ones the (hidden) check
 * declares. A course check that also declares different points is a course defect.
 */
function checkPoints(
  lab: string,
  check: string,
  declared: number | undefined,
  manifest: Readonly<Record<string, number>> | undefined,
): number {
  const listed = manifest?.[check];
  if (listed !== undefined && declared !== undefined && declared !== listed) {
    throw new Error(`gradedLab(${lab}): check "${check}" declares ${declared} points, labs/labs.json ${listed}`);
  }
  const points = listed ?? declared;
  if (points === undefined) {
    throw new Error(`gradedLab(${lab}): check "${check}" is not in labs/labs.json and declares no points`);
  }
  return points;
}

function seedOf(input: unknown): number | undefined {
  if (input !== null && typeof input === "object" && typeof (input as { seed?: unknown }).seed === "number") {
    return (input as { seed: number }).seed;
  }
  return undefined;
}

/**
 * Declares a graded lab in a test file under test/labs/. Call it once at the top level.
 *
 * @example
 * const lab = gradedLab("05-timeout-budgets");
 * lab.check("telescoping", { feedback: "…" }, async ({ call }) => { … });
 */
export function gradedLab(id: string, options: LabOptions = {}): GradedLab {
  const context = graderContext();
  const entry = loadRegistry(context.courseRoot).labs.find((lab) => lab.id === id);
  const conventional = join(context.courseRoot, "test", "labs", `${id}.driver.ts`);
  const driverOption = options.driver instanceof URL ? fileURLToPath(options.driver) : options.driver;
  const driver = driverOption ?? (existsSync(conventional) ? conventional : undefined);
  if (driver !== undefined && !isAbsolute(driver))
    throw new Error(`gradedLab(${id}): driver must be an absolute path or URL`);
  const labDir = join(context.labsDir, id);
  const reproduce = `${context.reproduce} ${id}`;
  const hiddenSeeds = new Set(context.hiddenSeeds[id] ?? []);
  // The driver may say, per export, which sim-core call a learner runs to see the same run.
  let descriptions: Promise<Record<string, (input: never) => string>> | undefined;
  const scenarioOf = async (exportName: string, input: unknown): Promise<string> => {
    descriptions ??= driver
      ? import(pathToFileURL(driver).href).then(
          (module: { reproduce?: Record<string, (input: never) => string> }) => module.reproduce ?? {},
          () => ({}),
        )
      : Promise.resolve({});
    const describe = (await descriptions)[exportName];
    return describe ? describe(input as never) : `${exportName}(${show(input)}) in test/labs/${id}.driver.ts`;
  };
  // Workspace paths mean nothing to a learner: show them relative to their labs/ folder.
  const relative = (text: string) => text.replaceAll(`${context.labsDir}/`, "labs/");
  const callTimeoutMs = options.callTimeoutMs ?? CALL_TIMEOUT_MS_DEFAULT;
  const declared = new Set<string>();
  const problems = context.problems[id] ?? [];
  // A file that was not taken (missing, a symlink, binary, too big) fails every check, with why.
  const refuseIfNotTaken = () => {
    if (problems.length > 0) throw new LabCallError("load", `not graded: ${problems.join("; ")}`, "");
  };
  /**
   * Two runners at most: lab code keeps state between calls, so a realm that saw a hidden seed's
   * inputs never serves a public call (whose failure shows what lab code printed). Public calls
   * go to one runner and hidden ones to the other, for the whole file, instead of restarting a
   * runner at every switch (a start costs a process, the sandbox and the lab's compile: about a
   * second each, which with hidden seeds came to a restart per check).
   */
  const runners: { public?: LabRunner; hidden?: LabRunner } = {};
  const closeRunners = () => {
    runners.public?.close();
    runners.hidden?.close();
    delete runners.public;
    delete runners.hidden;
  };
  const runnerFor = (hidden: boolean): LabRunner => {
    const key = hidden ? "hidden" : "public";
    runners[key] ??= new LabRunner({
      labDir,
      drivers: driver ? [driver] : [],
      isolate: context.isolate,
      ...(context.uid === undefined ? {} : { uid: context.uid }),
      ...(context.cgroup === undefined ? {} : { cgroup: context.cgroup }),
      ...(options.heapMb === undefined ? {} : { heapMb: options.heapMb }),
      ...(options.startupGraceMs === undefined ? {} : { startupGraceMs: options.startupGraceMs }),
    });
    return runners[key];
  };
  afterAll(closeRunners);

  return {
    id,
    seeds: entry?.seeds ?? [],
    hiddenSeeds: context.hiddenSeeds[id] ?? [],
    freshSeeds: (count) => Array.from({ length: count }, () => randomInt(1_000, 2 ** 31)),
    check(checkId, spec, body) {
      if (declared.has(checkId)) throw new Error(`gradedLab(${id}): check "${checkId}" is declared twice`);
      declared.add(checkId);
      const points = checkPoints(id, checkId, spec.points, entry?.checks);
      test(checkId, async ({ task }) => {
        const meta: CheckMeta = { lab: id, check: checkId, points, outcome: "failed" };
        task.meta.grader = meta;
        if (spec.fresh) closeRunners();
        let seed: number | undefined;
        let last: LastCall | undefined;
        let calls = 0;
        const checkContext: CheckContext = {
          async call(file, exportName, args, returns, callOptions) {
            calls++;
            refuseIfNotTaken();
            for (const arg of args) seed = seedOf(arg) ?? seed;
            const hidden = args.some((arg) => hiddenSeeds.has(seedOf(arg) ?? Number.NaN));
            const shown = `${exportName}(${args.map(show).join(", ")})`;
            last = { scenario: `${shown} from ${file}`, hidden };
            const what = hidden ? `${file}: ${exportName}(hidden inputs)` : `${file}: ${shown}`;
            const outcome = await runnerFor(hidden).request(
              { op: "call", file, exportName, args },
              callOptions?.timeoutMs ?? callTimeoutMs,
            );
            if (!outcome.ok) throw observedOf(outcome, what);
            return parseAs(returns, outcome.value, what);
          },
          async drive(exportName, input, returns, callOptions) {
            if (!driver) throw new Error(`gradedLab(${id}): no driver (test/labs/${id}.driver.ts)`);
            calls++;
            refuseIfNotTaken();
            seed = seedOf(input) ?? seed;
            const hidden = hiddenSeeds.has(seedOf(input) ?? Number.NaN);
            last = { scenario: await scenarioOf(exportName, input), hidden };
            const what = hidden ? `scenario ${exportName}(hidden inputs)` : `scenario ${exportName}(${show(input)})`;
            const outcome = await runnerFor(hidden).request(
              { op: "drive", driver, exportName, args: [input] },
              callOptions?.timeoutMs ?? callTimeoutMs,
            );
            if (!outcome.ok) throw observedOf(outcome, what);
            return parseAs(returns, outcome.value, what);
          },
          seed(value) {
            seed = value;
          },
        };
        try {
          await body(checkContext);
          // A check that asked the lab nothing (an empty seed list, say) cannot fail: refuse it.
          if (calls === 0) throw new Error(`check ${checkId} made no call to the lab, so it proves nothing`);
          meta.outcome = "passed";
        } catch (error) {
          const [outcome, message] = explain(error, spec.feedback, seed, last, reproduce);
          meta.outcome = outcome;
          throw new Error(relative(message));
        }
      });
    },
  };
}
