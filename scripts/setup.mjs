#!/usr/bin/env node
// Makes a fresh clone ready: installs npm packages when they are missing or older than the
// lockfile, and builds sim-core's dist/ (tslab notebooks import the built package) when its
// sources are newer. Safe to run again: each step is skipped when already done.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

function step(title, command, args) {
  console.log(`setup: ${title}`);
  execFileSync(command, args, { cwd: root, stdio: "inherit" });
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

export function ensurePackages() {
  const marker = join(root, "node_modules", ".package-lock.json");
  const lock = join(root, "package-lock.json");
  if (!existsSync(marker) || statSync(marker).mtimeMs < statSync(lock).mtimeMs) {
    step("installing npm packages (npm ci)", "npm", ["ci", "--no-audit", "--no-fund"]);
  }
}

export function ensureSimCoreBuilt() {
  const dist = join(root, "sim-core", "dist", "index.js");
  if (!existsSync(dist) || statSync(dist).mtimeMs < newestMtime(join(root, "sim-core", "src"))) {
    step("building sim-core", process.execPath, [
      "node_modules/typescript/bin/tsc",
      "-p",
      "sim-core/tsconfig.build.json",
    ]);
  }
}

/** Debian's Chromium, for the site's browser tests and screenshots; installed when missing. */
export const CHROMIUM_PATH = "/usr/bin/chromium";

/**
 * Flags for headless Chromium on a closed network (docs/TOOLING.md): without the
 * background-networking ones it floods the machine with refused connections. The caller adds a
 * fresh user-data dir.
 */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * Installs Debian's `chromium` with apt-get when it is missing and we are root (as on CI);
 * otherwise prints the command and returns false, so a learner's laptop is never changed.
 */
export function ensureChromium() {
  if (existsSync(CHROMIUM_PATH)) return true;
  if (typeof process.getuid !== "function" || process.getuid() !== 0) {
    console.log(`setup: Chromium is missing; install it with: sudo apt-get install -y chromium`);
    return false;
  }
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  console.log("setup: installing Chromium (apt-get, about 80 s)");
  execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
  execFileSync("apt-get", ["install", "-y", "-qq", "chromium"], { stdio: "inherit", env });
  return existsSync(CHROMIUM_PATH);
}

/** Debian's bubblewrap, the grader's OS sandbox when it runs as root (grader/README.md). */
export const BWRAP_PATH = "/usr/bin/bwrap";

/**
 * Installs `bubblewrap` with apt-get when it is missing and we are root on Linux (as on CI, an
 * instructor's grading machine or Gradescope); a laptop is never changed: there the grader runs
 * without its OS sandbox and says so.
 */
export function ensureSandboxTools() {
  if (existsSync(BWRAP_PATH) || process.platform !== "linux") return existsSync(BWRAP_PATH);
  if (typeof process.getuid !== "function" || process.getuid() !== 0) return false;
  if (!existsSync("/usr/bin/apt-get")) {
    console.log("setup: the grader's OS sandbox needs bubblewrap; install it with your package manager");
    return false;
  }
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  console.log("setup: installing bubblewrap for the grader's sandbox (apt-get, a few seconds)");
  try {
    execFileSync("apt-get", ["install", "-y", "-qq", "bubblewrap"], { stdio: "inherit", env });
  } catch {
    execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
    execFileSync("apt-get", ["install", "-y", "-qq", "bubblewrap"], { stdio: "inherit", env });
  }
  return existsSync(BWRAP_PATH);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv.includes("--chromium")) ensureChromium();
  ensureSandboxTools();
  ensurePackages();
  ensureSimCoreBuilt();
}
