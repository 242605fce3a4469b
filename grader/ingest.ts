// Takes a submission into a fresh workspace: only the files each lab lists, only as regular
// text files under a size cap. Nothing else of the submission is read: not its tests, config,
// package files or node_modules. Problems are recorded per lab and shown as the checks' reason.
import {
  chmodSync,
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { dirname, join } from "node:path";
import type { LabEntry } from "./registry.js";
import { REPO_ROOT } from "./runner/sandbox.js";

/** Largest lab file taken, in bytes: a lab file is a page or two of code. */
export const FILE_BYTES_MAX = 256 * 1024;

export interface IngestResult {
  /** Folder laid out like labs/, holding only the taken files. */
  labsDir: string;
  /** Why a lab's files could not all be taken, by lab id. */
  problems: Record<string, string[]>;
  /** Names in the submission the grader ignored (listed so a learner knows they had no effect). */
  ignored: string[];
}

function isText(bytes: Buffer): boolean {
  if (bytes.includes(0)) return false;
  return !new TextDecoder("utf-8", { fatal: false }).decode(bytes).includes("\uFFFD");
}

/** Why `path` cannot be taken as a lab file, or undefined when it can. */
function problemWith(path: string, name: string): string | undefined {
  let stat: ReturnType<typeof lstatSync>;
  try {
    stat = lstatSync(path);
  } catch {
    return `${name} is missing from the submission`;
  }
  if (stat.isSymbolicLink()) return `${name} is a symbolic link; submit the file itself`;
  if (!stat.isFile()) return `${name} is not a regular file`;
  // A hard link could point at a file only the grader (root) may read; copying it would leak it.
  if (stat.nlink > 1) return `${name} is a hard link; submit a plain copy of the file`;
  if (stat.size > FILE_BYTES_MAX) return `${name} is ${stat.size} bytes, over the ${FILE_BYTES_MAX}-byte limit`;
  if (!isText(readFileSync(path))) return `${name} is not UTF-8 text (a binary file?)`;
  return undefined;
}

/** True when no folder on the way from `root` to `path` is a symbolic link. */
function noLinkedFolders(root: string, relative: string): boolean {
  let current = root;
  for (const part of relative.split("/").slice(0, -1)) {
    current = join(current, part);
    if (existsSync(current) && lstatSync(current).isSymbolicLink()) return false;
  }
  return true;
}

/**
 * Copies each lab's listed files from `target` (laid out like labs/) into `workspace`, and
 * makes the workspace runnable: ESM package marker, shared read-only node_modules.
 *
 * @example
 * ingest("/subs/ada", labs, "/tmp/grader-x/ws").problems // { "05-timeout-budgets": ["budget.ts is missing …"] }
 */
export function ingest(
  target: string,
  labs: readonly LabEntry[],
  workspace: string,
  /** Every lab of the course: folders of labs not graded this time are not "ignored files". */
  registered: readonly string[] = labs.map((lab) => lab.id),
): IngestResult {
  const labsDir = join(workspace, "labs");
  mkdirSync(labsDir, { recursive: true });
  // The workspace is an ES module package that resolves sim-core from the grader's own install.
  writeFileSync(join(workspace, "package.json"), '{ "type": "module", "private": true }\n');
  symlinkSync(join(REPO_ROOT, "node_modules"), join(workspace, "node_modules"), "dir");
  const problems: Record<string, string[]> = {};
  for (const lab of labs) {
    const list: string[] = [];
    mkdirSync(join(labsDir, lab.id), { recursive: true });
    const labRoot = join(target, lab.id);
    if (existsSync(labRoot) && lstatSync(labRoot).isSymbolicLink()) {
      problems[lab.id] = [`the folder ${lab.id} is a symbolic link; submit the folder itself`];
      continue;
    }
    for (const file of lab.files) {
      const problem = noLinkedFolders(labRoot, file)
        ? problemWith(join(labRoot, file), file)
        : `${file} is inside a symbolic link`;
      if (problem) {
        list.push(problem);
        continue;
      }
      const destination = join(labsDir, lab.id, file);
      mkdirSync(dirname(destination), { recursive: true });
      copyFileSync(join(labRoot, file), destination);
      chmodSync(destination, 0o644);
    }
    if (list.length > 0) problems[lab.id] = list;
  }
  const known = new Set([...labs.map((lab) => lab.id), ...registered]);
  const ignored = existsSync(target)
    ? readdirSync(target).filter((name) => !known.has(name) && name !== "labs.json")
    : [];
  return { labsDir, problems, ignored };
}
