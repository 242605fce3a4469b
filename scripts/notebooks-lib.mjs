// Executes notebooks headlessly with tslab and compares their outputs with the committed ones.
// Used by `npm run notebooks:check|update` (scripts/notebooks.mjs) and by test/notebooks.
import { fork } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const root = fileURLToPath(new URL("..", import.meta.url));
export const notebooksDir = join(root, "notebooks");
const kernelScript = fileURLToPath(new URL("./notebooks-kernel.mjs", import.meta.url));

/** A notebook whose cells run longer than this is stuck (a synchronous loop ignores timers). */
export const NOTEBOOK_TIMEOUT_MS = 180_000;

/** The notebooks in a folder, in the order a learner takes them (file names start with a number). */
export function listNotebooks(dir = notebooksDir) {
  return readdirSync(dir)
    .filter((name) => name.endsWith(".ipynb") && !name.includes(".changed."))
    .sort()
    .map((name) => join(dir, name));
}

/**
 * Runs every code cell of a notebook in order in a fresh tslab kernel (a child process whose
 * working folder is the notebook's folder) and resolves to `{ cells, failure }`:
 * `cells[i] = { index, executionCount, outputs }` (index counts all cells from 0) and
 * `failure = { index, executionCount, error }` for the first failing cell, or null.
 */
export function executeNotebook(path, { timeoutMs = NOTEBOOK_TIMEOUT_MS } = {}) {
  const notebookPath = resolve(path);
  return new Promise((done) => {
    let result = null;
    let stderr = "";
    const child = fork(kernelScript, [notebookPath], {
      cwd: dirname(notebookPath),
      stdio: ["ignore", "pipe", "pipe", "ipc"],
    });
    child.stdout.on("data", () => {});
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("message", (message) => {
      result = message;
    });
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      if (result) return done(result);
      const why = signal === "SIGKILL" ? `timed out after ${timeoutMs} ms` : `exited with ${signal ?? code}`;
      done({ cells: [], failure: { index: -1, executionCount: 0, error: `the kernel ${why}\n${stderr}`.trim() } });
    });
  });
}

/** Splits text into lines that keep their "\n", the way Jupyter stores multiline strings. */
function toLines(text) {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

function joinText(value) {
  return Array.isArray(value) ? value.join("") : (value ?? "");
}

/** An nbformat output from one the kernel runner collected. */
function toNbOutput(output) {
  if (output.output_type === "stream") return { name: output.name, output_type: "stream", text: toLines(output.text) };
  const data = {};
  for (const [mime, value] of Object.entries(output.data)) {
    data[mime] = typeof value === "string" && !mime.startsWith("image/png") ? toLines(value) : value;
  }
  return { data, metadata: output.metadata ?? {}, output_type: "display_data" };
}

/** A copy of `notebook` with the outputs of `result`; cells after a failure lose their outputs. */
export function withOutputs(notebook, result) {
  const byIndex = new Map(result.cells.map((cell) => [cell.index, cell]));
  const cells = notebook.cells.map((cell, index) => {
    if (cell.cell_type !== "code") return cell;
    const ran = byIndex.get(index);
    return { ...cell, execution_count: ran?.executionCount ?? null, outputs: (ran?.outputs ?? []).map(toNbOutput) };
  });
  return { ...notebook, cells };
}

/**
 * Makes generated ids and float noise comparable: every `id="…"` becomes `id-1`, `id-2`, … in
 * order of appearance (with every reference to it), and decimals are rounded to 2 places.
 * @example normaliseMarkup('<g id="m-9f"><use href="#m-9f"/></g>') // '<g id="id-1"><use href="#id-1"/></g>'
 */
export function normaliseMarkup(markup) {
  const ids = [...new Set([...markup.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]))];
  const placeholder = new Map(ids.map((id, i) => [id, `id-${i + 1}`]));
  let text = markup;
  if (ids.length > 0) {
    // One pass, longest first, so an id that is a prefix of another does not break it.
    const escaped = [...ids].sort((a, b) => b.length - a.length).map((id) => id.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
    text = text.replace(new RegExp(`(?<![\\w-])(${escaped.join("|")})(?![\\w-])`, "g"), (id) => placeholder.get(id));
  }
  return text.replace(/-?\d+(?:\.\d+)?e[-+]?\d+|-?\d+\.\d{3,}/gi, (n) => {
    const rounded = Number(n).toFixed(2);
    return rounded === "-0.00" ? "0.00" : rounded;
  });
}

const MARKUP = new Set(["image/svg+xml", "text/html"]);

/** What the check compares of one output: its kind and its text, markup normalised. */
function comparable(output) {
  if (output.output_type === "stream") return [`stream ${output.name}`, joinText(output.text)];
  if (output.output_type === "error") return ["error", `${output.ename}: ${output.evalue}`];
  const parts = [output.output_type];
  for (const mime of Object.keys(output.data ?? {}).sort()) {
    if (!(mime.startsWith("text/") || mime === "image/svg+xml" || mime.endsWith("json"))) continue;
    const raw = output.data[mime];
    const text = typeof raw === "string" || Array.isArray(raw) ? joinText(raw) : JSON.stringify(raw);
    parts.push(`${mime}:\n${MARKUP.has(mime) ? normaliseMarkup(text) : text}`);
  }
  return parts;
}

function firstDifference(expected, actual) {
  const a = expected.split("\n");
  const b = actual.split("\n");
  let line = 0;
  while (line < a.length && line < b.length && a[line] === b[line]) line++;
  // Long lines (an SVG is one line) are shown around their first differing character.
  const was = a[line] ?? "";
  const now = b[line] ?? "";
  let column = 0;
  while (column < was.length && was[column] === now[column]) column++;
  const start = Math.max(0, column - 60);
  const clip = (s, present) => {
    if (!present) return "(nothing)";
    const excerpt = s.slice(start, start + 160);
    return `${start > 0 ? "…" : ""}${excerpt}${start + 160 < s.length ? "…" : ""}`;
  };
  const where = column > 0 ? `, column ${column + 1}` : "";
  return `first difference at output line ${line + 1}${where}:\n  committed: ${clip(was, line < a.length)}\n  now:       ${clip(now, line < b.length)}`;
}

/**
 * Compares the committed outputs of `notebook` with a fresh run; returns one message per
 * differing cell, naming the cell by its position (1-based, counting markdown cells too).
 */
export function compareOutputs(notebook, fresh) {
  const messages = [];
  notebook.cells.forEach((cell, index) => {
    if (cell.cell_type !== "code") return;
    const committed = (cell.outputs ?? []).map(comparable);
    const now = (fresh.cells[index]?.outputs ?? []).map(comparable);
    const expected = committed.map((parts) => parts.join("\n")).join("\n--- next output ---\n");
    const actual = now.map((parts) => parts.join("\n")).join("\n--- next output ---\n");
    if (expected !== actual) {
      messages.push(`cell ${index + 1}: outputs differ from the committed ones; ${firstDifference(expected, actual)}`);
    }
  });
  return messages;
}

/**
 * Names each code cell whose fresh output shows NaN: sim-core must never let one escape, so a
 * chart translated to NaN or a printed NaN is a bug to fix, never an output to commit.
 */
export function outputsWithNaN(notebook) {
  const messages = [];
  notebook.cells.forEach((cell, index) => {
    if (cell.cell_type !== "code") return;
    const text = (cell.outputs ?? []).map((output) => comparable(output).join("\n")).join("\n");
    const at = text.search(/\bNaN\b/);
    if (at >= 0)
      messages.push(`cell ${index + 1}: an output shows NaN: …${text.slice(Math.max(0, at - 60), at + 20)}…`);
  });
  return messages;
}

/** Jupyter's own layout (sorted keys, one-space indent), so saving in Jupyter changes little. */
export function formatNotebook(notebook) {
  const sortKeys = (value) => {
    if (Array.isArray(value)) return value.map(sortKeys);
    if (value === null || typeof value !== "object") return value;
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortKeys(value[key])]),
    );
  };
  return `${JSON.stringify(sortKeys(notebook), null, 1)}\n`;
}

export function readNotebook(path) {
  return JSON.parse(readFileSync(path, "utf8"));
}

function describeFailure(path, notebook, failure) {
  const where =
    failure.index < 0 ? "before its first cell" : `at cell ${failure.index + 1} (In [${failure.executionCount}])`;
  const source = failure.index < 0 ? "" : joinText(notebook.cells[failure.index]?.source).split("\n")[0];
  return `${basename(path)} failed ${where}${source ? `: ${source}` : ""}\n${failure.error}`;
}

/**
 * Re-executes a notebook and checks it against its committed outputs. Resolves to
 * `{ ok, messages }`; on a mismatch the fresh notebook is written to
 * `.reports/notebooks/<name>.changed.ipynb` to diff or to inspect in Jupyter.
 */
export async function checkNotebook(path, options) {
  const notebook = readNotebook(path);
  const result = await executeNotebook(path, options);
  if (result.failure) return { ok: false, messages: [describeFailure(path, notebook, result.failure)] };
  const fresh = withOutputs(notebook, result);
  const messages = [...outputsWithNaN(fresh), ...compareOutputs(notebook, fresh)].map((m) => `${basename(path)} ${m}`);
  const slowest = slowestCells(result);
  if (messages.length > 0) {
    const reportDir = join(root, ".reports", "notebooks");
    mkdirSync(reportDir, { recursive: true });
    const changed = join(reportDir, basename(path).replace(/\.ipynb$/, ".changed.ipynb"));
    writeFileSync(changed, formatNotebook(fresh));
    messages.push(`fresh outputs written to ${changed}; if the change is intended run: npm run notebooks:update`);
  }
  return { ok: messages.length === 0, messages, slowest };
}

/** The three slowest cells as "cell 27 (2.1 s)", for keeping a notebook's check quick. */
function slowestCells(result) {
  return [...result.cells]
    .sort((a, b) => b.durationMs - a.durationMs)
    .slice(0, 3)
    .map((cell) => `cell ${cell.index + 1} (${(cell.durationMs / 1000).toFixed(1)} s)`);
}

/** Re-executes a notebook and writes its outputs into the file; a failing cell is an error. */
export async function updateNotebook(path, options) {
  const notebook = readNotebook(path);
  const result = await executeNotebook(path, options);
  if (result.failure) return { ok: false, messages: [describeFailure(path, notebook, result.failure)] };
  const fresh = withOutputs(notebook, result);
  const nan = outputsWithNaN(fresh).map((m) => `${basename(path)} ${m}`);
  if (nan.length > 0) return { ok: false, messages: nan };
  writeFileSync(path, formatNotebook(fresh));
  return { ok: true, messages: [], slowest: slowestCells(result) };
}
