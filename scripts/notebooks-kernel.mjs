#!/usr/bin/env node
// Runs one notebook's code cells in a fresh tslab kernel without Jupyter, the way Jupyter's
// "Run all" would, and sends the cells' outputs back to the parent over IPC.
//
// Usage (from scripts/notebooks-lib.mjs): fork this file with cwd = the notebook's folder and
// argv [notebookPath]. It uses tslab's own converter and executor (pinned tslab 1.0.22), so a
// cell compiles and runs exactly as in the real kernel: TS 5.0.4, Node10 resolution, rootDir =
// the notebook's folder, display data through tslab's `display`.
//
// tslab publishes display data through the `lastWriteDisplayData` slot of its CommonJS `jupyter`
// module; this runner fills that slot, so `display.svg(...)` in a cell lands in the cell's outputs.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve } from "node:path";

const notebookPath = resolve(process.argv[2] ?? "");
// Resolve tslab from the notebook's folder, as tslab's own launcher does.
const requireHere = createRequire(resolve(process.cwd(), "__notebook__.js"));
const { createConverter } = requireHere("tslab/dist/converter");
const { createExecutor } = requireHere("tslab/dist/executor");
const jupyter = requireHere("tslab/dist/jupyter");

const send = (message) =>
  new Promise((done) => {
    if (process.send) process.send(message, done);
    else {
      originalStdoutWrite(`${JSON.stringify(message)}\n`);
      done();
    }
  });
const originalStdoutWrite = process.stdout.write.bind(process.stdout);
const originalStderrWrite = process.stderr.write.bind(process.stderr);

/** Outputs of the cell that runs now; Jupyter keeps late writes in the last cell, so do we. */
let outputs = [];
/** display_id → output, so an update replaces the shown output in place, as Jupyter does. */
const byDisplayId = new Map();

function writeStream(name, chunk) {
  const text = typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
  const last = outputs[outputs.length - 1];
  if (last && last.output_type === "stream" && last.name === name) last.text += text;
  else outputs.push({ output_type: "stream", name, text });
}

function writeDisplayData(content, update) {
  const id = content.transient?.display_id;
  const output = { output_type: "display_data", data: content.data, metadata: content.metadata ?? {} };
  if (update && id && byDisplayId.has(id)) {
    Object.assign(byDisplayId.get(id), output);
    return;
  }
  if (id) byDisplayId.set(id, output);
  outputs.push(output);
}

async function main() {
  const notebook = JSON.parse(readFileSync(notebookPath, "utf8"));
  let node;
  let browser;
  const convs = {
    get node() {
      node ??= createConverter({ isJS: false, isBrowser: false });
      return node;
    },
    get browser() {
      browser ??= createConverter({ isJS: false, isBrowser: true });
      return browser;
    },
    close() {
      node?.close();
      browser?.close();
    },
  };
  const executor = createExecutor(process.cwd(), convs, { log: console.log, error: console.error });
  process.stdout.write = (chunk) => {
    writeStream("stdout", chunk);
    return true;
  };
  process.stderr.write = (chunk) => {
    writeStream("stderr", chunk);
    return true;
  };
  // A rejected promise or a throw in a callback lands in the cell that runs, as in the kernel.
  process.on("unhandledRejection", (reason) => console.error("UnhandledPromiseRejection:", reason));
  process.on("uncaughtException", (error) => console.error("UncaughtException:", error));
  jupyter.lastWriteDisplayData = writeDisplayData;

  let executionCount = 0;
  const cells = [];
  let failure = null;
  for (const [index, cell] of notebook.cells.entries()) {
    if (cell.cell_type !== "code") continue;
    const source = Array.isArray(cell.source) ? cell.source.join("") : cell.source;
    outputs = [];
    executionCount++;
    const started = performance.now();
    const ok = await executor.execute(source);
    // Let callbacks queued by the cell (a resolved promise's `then`) write into this cell.
    await new Promise((done) => setImmediate(done));
    cells.push({ index, executionCount, outputs, durationMs: Math.round(performance.now() - started) });
    if (!ok) {
      const stderr = outputs
        .filter((o) => o.output_type === "stream" && o.name === "stderr")
        .map((o) => o.text)
        .join("");
      failure = { index, executionCount, error: stderr.trim() || "the cell failed without an error message" };
      break;
    }
  }
  process.stdout.write = originalStdoutWrite;
  process.stderr.write = originalStderrWrite;
  executor.close();
  await send({ cells, failure });
  process.exit(0);
}

main().catch(async (error) => {
  process.stdout.write = originalStdoutWrite;
  process.stderr.write = originalStderrWrite;
  await send({ cells: [], failure: { index: -1, executionCount: 0, error: String(error?.stack ?? error) } });
  process.exit(1);
});
