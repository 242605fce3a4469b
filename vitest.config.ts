import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Every suite `npm test` runs. Graded lab checks (test/labs) are not here: the grader runs them
// with its own config against a submission, and test/course proves each one fails on the stub
// and passes on the solution.
const simCore = fileURLToPath(new URL("./sim-core/src/index.ts", import.meta.url));

export default defineConfig({
  resolve: { alias: { "sim-core": simCore } },
  test: {
    pool: "forks",
    testTimeout: 60_000,
    hookTimeout: 300_000,
    projects: [
      { extends: true, test: { name: "sim-core", include: ["test/sim-core/**/*.test.ts"] } },
      {
        extends: true,
        // Fixture courses hold graded test files the grader runs itself, never as suites.
        test: { name: "grader", include: ["test/grader/**/*.test.ts"], exclude: ["test/grader/fixtures/**"] },
      },
      { extends: true, test: { name: "course", include: ["test/course/**/*.test.ts"] } },
      { extends: true, test: { name: "notebooks", include: ["test/notebooks/**/*.test.ts"] } },
      {
        extends: true,
        test: { name: "site", include: ["test/site/**/*.test.ts"], globalSetup: ["test/site/built-site.setup.ts"] },
      },
    ],
  },
});
