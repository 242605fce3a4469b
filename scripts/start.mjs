#!/usr/bin/env node
// `npm start`: installs what is missing, builds sim-core, and serves the course site on
// 127.0.0.1 with live reload (VitePress prints the URL to open).
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ensurePackages, ensureSimCoreBuilt } from "./setup.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
ensurePackages();
ensureSimCoreBuilt();
console.log("start: serving the course site on 127.0.0.1 (Ctrl-C stops it)");
const vitepress = join(root, "node_modules", "vitepress", "bin", "vitepress.js");
const result = spawnSync(
  process.execPath,
  [vitepress, "dev", "site", "--host", "127.0.0.1", ...process.argv.slice(2)],
  {
    cwd: root,
    stdio: "inherit",
  },
);
process.exit(result.status ?? 0);
