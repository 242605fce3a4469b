#!/usr/bin/env node
// `npm test`: sets up a fresh clone, then runs every check (type check, lint and format, every
// vitest suite) and ends with one line `N passed, N failed`, which CI reads.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ensureChromium, ensurePackages, ensureSandboxTools, ensureSimCoreBuilt } from "./setup.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
ensurePackages();
ensureSimCoreBuilt();
ensureSandboxTools();
// The site suite drives a real Chromium; CI starts without one.
ensureChromium();

let passed = 0;
let failed = 0;
const failures = [];

function check(title, command, args) {
  console.log(`\n== ${title}`);
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit" });
  if (result.status === 0) passed++;
  else {
    failed++;
    failures.push(title);
  }
}

check("type check (tsc --noEmit)", process.execPath, ["node_modules/typescript/bin/tsc", "-p", "tsconfig.json"]);
check("lint and format (biome check)", process.execPath, ["node_modules/@biomejs/biome/bin/biome", "check", "."]);

console.log("\n== vitest");
const reportDir = join(root, ".reports");
mkdirSync(reportDir, { recursive: true });
const report = join(reportDir, "vitest.json");
const extra = process.argv.slice(2);
const vitest = spawnSync(
  process.execPath,
  [
    "node_modules/vitest/vitest.mjs",
    "run",
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${report}`,
    ...extra,
  ],
  { cwd: root, stdio: "inherit" },
);
if (existsSync(report)) {
  const json = JSON.parse(readFileSync(report, "utf8"));
  passed += json.numPassedTests;
  failed += json.numFailedTests;
  for (const file of json.testResults) {
    for (const test of file.assertionResults) if (test.status === "failed") failures.push(test.fullName);
    // A file that crashed before its tests ran counts as one failure, not as nothing.
    if (file.status === "failed" && file.assertionResults.length === 0) {
      failed++;
      failures.push(`${file.name}: ${file.message}`);
    }
  }
} else {
  failed++;
  failures.push(`vitest wrote no report (exit ${vitest.status})`);
}
if (vitest.status !== 0 && failures.length === 0) {
  failed++;
  failures.push(`vitest exited ${vitest.status}`);
}

if (failures.length > 0) {
  console.log("\nFailed:");
  for (const f of failures) console.log(`  - ${f}`);
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
