// What the grader tells graded test files about the run, through vitest's provide/inject. When
// a test file runs without the grader (plain vitest), the defaults grade the working copy.
import { join } from "node:path";
import { inject } from "vitest";
import { REPO_ROOT } from "./runner/sandbox.js";

export interface GraderContext {
  /** Holds labs/labs.json and test/labs/ (the repository, or a fixture course in tests). */
  courseRoot: string;
  /** Folder laid out like labs/ whose lab folders are graded (a fresh workspace copy). */
  labsDir: string;
  /** False runs lab code as the current user even when the grader is root. */
  isolate: boolean;
  /** Hidden seeds per lab, from the instructor's hidden folder. */
  hiddenSeeds: Record<string, number[]>;
  /** How a learner reproduces a lab's checks, e.g. "npm run grade -- --lab". */
  reproduce: string;
  /** Why a lab's submitted files were not taken (missing, symlink, too big, binary), by lab id. */
  problems: Record<string, string[]>;
  /** Memory cgroup folder of the submission, which its sandboxed lab runners join. */
  cgroup?: string;
  /** User id lab code runs as when isolated (one per concurrent submission). */
  uid?: number;
}

declare module "vitest" {
  export interface ProvidedContext {
    grader: GraderContext;
  }
}

/** The run's context, or the working copy's defaults outside the grader. */
export function graderContext(): GraderContext {
  let provided: GraderContext | undefined;
  try {
    provided = inject("grader");
  } catch {
    provided = undefined;
  }
  // GRADER_COURSE_ROOT lets a lab author run one graded file with plain vitest on a fixture.
  const courseRoot = process.env.GRADER_COURSE_ROOT ?? REPO_ROOT;
  return (
    provided ?? {
      courseRoot,
      labsDir: join(courseRoot, "labs"),
      isolate: true,
      hiddenSeeds: {},
      reproduce: "npm run grade -- --lab",
      problems: {},
    }
  );
}
