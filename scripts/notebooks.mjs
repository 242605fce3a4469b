#!/usr/bin/env node
// `npm run notebooks`          opens the notebooks in Jupyter with the tslab kernel (127.0.0.1).
// `npm run notebooks:check`    re-executes every notebook headlessly and compares its outputs.
// `npm run notebooks:update`   re-executes every notebook and rewrites its committed outputs.
// check and update take notebook paths to limit the run: `npm run notebooks:check -- notebooks/00-*.ipynb`.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { installHint, jupyterArgs, jupyterEnv, registerKernel, writeCustomStyle } from "./notebooks-jupyter.mjs";
import { checkNotebook, listNotebooks, root, updateNotebook } from "./notebooks-lib.mjs";
import { ensurePackages, ensureSimCoreBuilt } from "./setup.mjs";

const [command = "open", ...rest] = process.argv.slice(2);

async function batch(action, verb) {
  const paths = rest.length > 0 ? rest.map((p) => resolve(p)) : listNotebooks();
  let failed = 0;
  for (const path of paths) {
    const started = Date.now();
    const { ok, messages, slowest = [] } = await action(path);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const slow = slowest.length > 0 ? `; slowest: ${slowest.join(", ")}` : "";
    console.log(`${ok ? "ok  " : "FAIL"} ${basename(path)} ${verb} (${seconds} s${slow})`);
    for (const message of messages) console.log(`     ${message.replace(/\n/g, "\n     ")}`);
    if (!ok) failed++;
  }
  console.log(`${paths.length - failed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

function has(commandName, args = ["--version"]) {
  const result = spawnSync(commandName, args, { stdio: "ignore" });
  return result.status === 0;
}

function ensureJupyter() {
  if (has("jupyter", ["notebook", "--version"])) return;
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (isRoot && has("apt-get", ["--version"])) {
    console.log("notebooks: installing Jupyter from Debian's packages (apt-get, ~1 minute)");
    const install = ["install", "-y", "--no-install-recommends", "jupyter-notebook", "python3-ipython"];
    let result = spawnSync("apt-get", install, { stdio: "inherit" });
    if (result.status !== 0) {
      spawnSync("apt-get", ["update"], { stdio: "inherit" });
      result = spawnSync("apt-get", install, { stdio: "inherit" });
    }
    if (result.status === 0 && has("jupyter", ["notebook", "--version"])) return;
  }
  console.error(installHint({ platform: process.platform, hasApt: has("apt-get", ["--version"]) }));
  process.exit(1);
}

function open() {
  ensureJupyter();
  const jupyterPath = registerKernel(root);
  const port = process.env.NOTEBOOK_PORT ?? "8888";
  const token = randomBytes(12).toString("hex");
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const args = jupyterArgs({ root, port, token, isRoot, customDir: writeCustomStyle(root) });
  const env = jupyterEnv(root, jupyterPath);
  const server = spawn("jupyter", args, { env, stdio: "inherit" });
  console.log(`\nnotebooks: open http://127.0.0.1:${port}/tree?token=${token}`);
  console.log("notebooks: the kernel is TypeScript (tslab); stop the server with Ctrl+C\n");
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
  server.on("exit", (code) => {
    if (code) console.error(`notebooks: Jupyter exited with ${code}; if port ${port} is busy, set NOTEBOOK_PORT`);
    process.exit(code ?? 0);
  });
}

ensurePackages();
ensureSimCoreBuilt();
if (command === "check") {
  await batch(checkNotebook, "matches its committed outputs");
} else if (command === "update") {
  await batch(updateNotebook, "outputs rewritten");
} else if (command === "open") {
  if (!existsSync(join(root, "notebooks"))) {
    console.error("notebooks: no notebooks/ folder");
    process.exit(1);
  }
  open();
} else {
  console.error(`usage: node scripts/notebooks.mjs open|check|update [notebook.ipynb …] (got ${command})`);
  process.exit(2);
}
