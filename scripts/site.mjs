#!/usr/bin/env node
// The course site's commands: `dev` (live reload), `build` (static site, failing on a page that
// throws, a dead link or a diagram that does not parse), `preview` (serves the build) and
// `screenshots` (one PNG per page at desktop and phone width, for a person to look at) and
// `speed` (each Simulation's re-run time in Chromium, from its performance marks).
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ensurePackages } from "./setup.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const vitepress = join(root, "node_modules", "vitepress", "bin", "vitepress.js");
const [command = "dev", ...rest] = process.argv.slice(2);

function run(args, title) {
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: "inherit" });
  if (result.status !== 0) {
    console.error(`site: ${title} failed (exit ${result.status})`);
    process.exit(result.status ?? 1);
  }
}

/** Runs a long-lived server in the foreground; stopping this process stops it too. */
function serve(args) {
  const child = spawn(process.execPath, args, { cwd: root, stdio: "inherit" });
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

function build() {
  const started = process.hrtime.bigint();
  run([vitepress, "build", "site"], "vitepress build");
  // Diagrams are drawn in the browser; parse every one now so a broken diagram fails the build.
  run(["--import", "tsx", "scripts/site-check-diagrams.ts"], "diagram check");
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(`site: built ${process.env.SITE_OUT_DIR ?? "site/.vitepress/dist"} in ${seconds.toFixed(1)} s`);
}

// The site imports sim-core from its TypeScript source (a Vite alias), so no dist/ build is needed.
ensurePackages();
if (command === "dev") {
  serve([vitepress, "dev", "site", "--host", "127.0.0.1", ...rest]);
} else if (command === "build") {
  build();
} else if (command === "preview") {
  if (!existsSync(join(root, "site", ".vitepress", "dist", "index.html"))) build();
  serve([vitepress, "preview", "site", "--host", "127.0.0.1", ...rest]);
} else if (command === "screenshots") {
  if (!existsSync(join(root, "site", ".vitepress", "dist", "index.html"))) build();
  run(["--import", "tsx", "scripts/site-screenshots.ts", ...rest], "screenshots");
} else if (command === "speed") {
  if (!existsSync(join(root, "site", ".vitepress", "dist", "index.html"))) build();
  run(["--import", "tsx", "scripts/site-speed.ts", ...rest], "speed");
} else {
  console.error(`usage: node scripts/site.mjs dev|build|preview|screenshots|speed (got "${command}")`);
  process.exit(2);
}
