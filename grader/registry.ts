// labs/labs.json: the registry of graded labs and the manifest of their checks. Scores come only
// from this manifest: a check listed here that a run does not report scores 0 as "missing".
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

export interface LabEntry {
  /** Folder name under labs/ and solutions/, and the test file's name: "05-timeout-budgets". */
  id: string;
  title: string;
  /** Course module number (0–5). */
  module: number;
  /** Files the learner edits, relative to labs/<id>/; the only files the grader takes. */
  files: string[];
  /** Public seeds the checks run the scenario with. */
  seeds: number[];
  /** Graded check ids and their points, in report order. */
  checks: Record<string, number>;
}

export interface Registry {
  labs: LabEntry[];
}

const ID = /^[a-z0-9][a-z0-9-]*$/;
const FILE = /^[A-Za-z0-9_][A-Za-z0-9_.-]*(\/[A-Za-z0-9_][A-Za-z0-9_.-]*)*$/;

function fail(path: string, problem: string): never {
  throw new Error(`labs.json: ${path} ${problem}`);
}

/**
 * Validates a parsed labs.json; every problem names the field and what is allowed.
 *
 * @example
 * parseRegistry({ labs: [] }).labs.length // 0
 */
export function parseRegistry(data: unknown): Registry {
  if (data === null || typeof data !== "object" || !Array.isArray((data as Registry).labs)) {
    fail("(root)", 'must be an object with a "labs" array');
  }
  const seen = new Set<string>();
  const labs = (data as { labs: unknown[] }).labs.map((raw, i): LabEntry => {
    const at = `labs[${i}]`;
    if (raw === null || typeof raw !== "object") fail(at, "must be an object");
    const lab = raw as Record<string, unknown>;
    if (typeof lab.id !== "string" || !ID.test(lab.id))
      fail(`${at}.id`, "must be lowercase letters, digits and dashes");
    if (seen.has(lab.id)) fail(`${at}.id`, `repeats "${lab.id}"`);
    seen.add(lab.id);
    if (typeof lab.title !== "string" || lab.title === "") fail(`${at}.title`, "must be a non-empty string");
    if (!Number.isInteger(lab.module) || (lab.module as number) < 0)
      fail(`${at}.module`, "must be a module number ≥ 0");
    const files = lab.files;
    if (!Array.isArray(files) || files.length === 0) fail(`${at}.files`, "must list at least one file");
    for (const file of files) {
      if (typeof file !== "string" || !FILE.test(file) || file.split("/").includes("..")) {
        fail(`${at}.files`, `has ${JSON.stringify(file)}: use relative paths inside the lab folder`);
      }
    }
    const seeds = lab.seeds ?? [];
    if (!Array.isArray(seeds) || !seeds.every((s) => Number.isSafeInteger(s))) fail(`${at}.seeds`, "must be integers");
    const checks = lab.checks;
    if (checks === null || typeof checks !== "object" || Array.isArray(checks)) {
      fail(`${at}.checks`, "must map check ids to points");
    }
    for (const [check, points] of Object.entries(checks as object)) {
      if (!ID.test(check)) fail(`${at}.checks.${check}`, "must be lowercase letters, digits and dashes");
      if (typeof points !== "number" || !(points > 0) || !Number.isFinite(points)) {
        fail(`${at}.checks.${check}`, "must be a positive number of points");
      }
    }
    return {
      id: lab.id,
      title: lab.title,
      module: lab.module as number,
      files: files as string[],
      seeds: seeds as number[],
      checks: checks as Record<string, number>,
    };
  });
  return { labs };
}

/** Reads `<courseRoot>/labs/labs.json`; a missing file is an empty registry. */
export function loadRegistry(courseRoot: string): Registry {
  const path = join(courseRoot, "labs", "labs.json");
  if (!existsSync(path)) return { labs: [] };
  return parseRegistry(JSON.parse(readFileSync(path, "utf8")));
}

/** Total points of a lab. */
export function labPoints(lab: LabEntry): number {
  return Object.values(lab.checks).reduce((sum, points) => sum + points, 0);
}
