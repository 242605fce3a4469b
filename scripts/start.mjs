#!/usr/bin/env node
// `npm start`: installs what is missing, builds sim-core, and serves the course site on
// 127.0.0.1 with live reload (VitePress prints the URL to open).
import { spawn } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ensurePackages, ensureSimCoreBuilt } from "./setup.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
ensurePackages();
ensureSimCoreBuilt();
console.log("start: serving the course site on 127.0.0.1 (Ctrl-C stops it)");
const vitepress = join(root, "node_modules", "vitepress", "bin", "vitepress.js");
const child = spawn(process.execPath, [vitepress, "dev", "site", "--host", "127.0.0.1", ...process.argv.slice(2)], {
  cwd: root,
  stdio: "inherit",
});
// Stopping this process stops the server too, however it is stopped.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
