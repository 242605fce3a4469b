import { defineConfig } from "vitest/config";
import { GRADED_ALIASES, GRADED_TEST_OPTIONS } from "./vitest-options.js";

// The grader's own config for graded lab checks, for running one graded file with plain vitest.
// `npm run grade` passes the same options inline (no config file to bundle or to be replaced).
export default defineConfig({
  resolve: { alias: GRADED_ALIASES },
  test: { ...GRADED_TEST_OPTIONS, include: ["test/labs/*.test.ts"] },
});
