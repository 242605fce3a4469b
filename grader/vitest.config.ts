import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// The grader's own config for graded lab checks: never the submission's. Deadlines are enforced
// per call by the lab runner, and the submission's wall-clock budget by the grader, so vitest's
// own timeout only catches a check that waits on nothing.
const simCore = fileURLToPath(new URL("../sim-core/src/index.ts", import.meta.url));
const lab = fileURLToPath(new URL("./lab.ts", import.meta.url));

export default defineConfig({
  resolve: { alias: { "sim-core": simCore, "@grader/lab": lab } },
  test: {
    pool: "forks",
    testTimeout: 600_000,
    hookTimeout: 60_000,
    include: ["test/labs/*.test.ts"],
  },
});
