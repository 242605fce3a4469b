// `npm run grader:gradescope-zip`: calibrates on solutions/, then packs the autograder for
// Gradescope: setup.sh and run_autograder at the root, the grader, sim-core, the graded tests,
// labs.json and the pinned package files. Never solutions/. `--hidden DIR` packs hidden checks.
import { execFileSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { REPO_ROOT } from "../runner/sandbox.js";
import { type ZipEntry, zip } from "./zip-writer.js";

/** What the autograder needs, relative to the repository; folders are taken whole. */
const PACKED = [
  "package.json",
  "package-lock.json",
  "tsconfig.json",
  "tsconfig.base.json",
  "scripts/setup.mjs",
  "sim-core/package.json",
  "sim-core/tsconfig.build.json",
  "sim-core/src",
  "grader",
  "labs",
  "test/labs",
];

function walk(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((name) => walk(join(path, name)));
}

function option(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

const out = resolve(option("--out") ?? join(REPO_ROOT, "dist", "gradescope", "autograder.zip"));
const hidden = option("--hidden");

if (!process.argv.includes("--no-calibrate")) {
  // Scores are only fair if the reference solutions earn every point through the same path.
  const scratch = mkdtempSync(join(tmpdir(), "gradescope-calibrate-"));
  const report = join(scratch, "solutions.json");
  const args = ["--import", "tsx", "grader/cli.ts", "--target", "solutions", "--json", report];
  if (hidden) args.push("--hidden", resolve(hidden));
  execFileSync(process.execPath, args, { cwd: REPO_ROOT, stdio: ["ignore", "ignore", "inherit"] });
  const { total, max } = JSON.parse(readFileSync(report, "utf8")) as { total: number; max: number };
  rmSync(scratch, { recursive: true, force: true });
  if (total !== max || max === 0) {
    console.error(`calibration failed: solutions score ${total}/${max}; fix the labs before packing`);
    process.exit(1);
  }
  console.log(`calibrated: solutions score ${total}/${max}`);
}

const entries: ZipEntry[] = [];
const add = (name: string, path: string, mode = 0o644) => entries.push({ name, data: readFileSync(path), mode });
for (const item of PACKED) {
  for (const file of walk(join(REPO_ROOT, item))) add(relative(REPO_ROOT, file), file);
}
add("setup.sh", join(REPO_ROOT, "grader", "gradescope", "setup.sh"), 0o755);
add("run_autograder", join(REPO_ROOT, "grader", "gradescope", "run_autograder"), 0o755);
if (hidden) for (const file of walk(resolve(hidden))) add(join("hidden", relative(resolve(hidden), file)), file);

mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, zip(entries));
console.log(`wrote ${out} (${entries.length} files); upload it as the autograder on Gradescope`);
