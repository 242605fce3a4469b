import { fileURLToPath } from "node:url";

// What graded test files run with: never a submission's config. Deadlines are enforced per call
// by the lab runner and the submission's wall-clock budget by the grader, so vitest's own
// timeout only catches a check that waits on nothing.

/** "sim-core" is its source; "@grader/lab" lets hidden check files outside the repo find the API. */
export const GRADED_ALIASES = {
  "sim-core": fileURLToPath(new URL("../sim-core/src/index.ts", import.meta.url)),
  "@grader/lab": fileURLToPath(new URL("./lab.ts", import.meta.url)),
};

export const GRADED_TEST_OPTIONS = {
  pool: "forks" as const,
  testTimeout: 600_000,
  hookTimeout: 60_000,
};
