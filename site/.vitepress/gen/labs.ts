// Reads the lab registry `labs/labs.json` (written by the grader's authors). The site must
// build before any lab exists, so a missing or empty registry gives no lab pages, not an error.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

export interface LabEntry {
  id: string;
  title: string;
  module?: number;
  points?: number;
  files: string[];
  /** Path of the README relative to the repository root. */
  readme: string;
  /** Path of hints.md relative to the repository root, when the lab has one. */
  hints?: string;
}

/** Every lab in `labs/labs.json` that has a README, in registry order. */
export function readLabs(repoDir: string): LabEntry[] {
  const file = join(repoDir, "labs", "labs.json");
  if (!existsSync(file)) return [];
  const raw: unknown = JSON.parse(readFileSync(file, "utf8"));
  const list = Array.isArray(raw) ? raw : ((raw as { labs?: unknown[] } | null)?.labs ?? []);
  const labs: LabEntry[] = [];
  for (const item of list) {
    if (item === null || typeof item !== "object") continue;
    const entry = item as Record<string, unknown>;
    const id = typeof entry.id === "string" ? entry.id : undefined;
    if (!id || !/^[\w.-]+$/.test(id)) continue;
    const dir = typeof entry.dir === "string" ? entry.dir : `labs/${id}`;
    const readme = `${dir}/README.md`;
    if (!existsSync(join(repoDir, readme))) continue;
    const hints = `${dir}/hints.md`;
    labs.push({
      id,
      title: typeof entry.title === "string" ? entry.title : id,
      ...(typeof entry.module === "number" ? { module: entry.module } : {}),
      ...pointsOf(entry),
      files: Array.isArray(entry.files) ? entry.files.filter((f): f is string => typeof f === "string") : [],
      readme,
      ...(existsSync(join(repoDir, hints)) ? { hints } : {}),
    });
  }
  return labs;
}

/** A lab's total points: its own `points`, else the sum of its `checks` manifest (id → points). */
function pointsOf(entry: Record<string, unknown>): { points?: number } {
  if (typeof entry.points === "number") return { points: entry.points };
  const checks = entry.checks;
  if (checks === null || typeof checks !== "object") return {};
  const values = Object.values(checks).filter((v): v is number => typeof v === "number");
  return values.length > 0 ? { points: values.reduce((a, b) => a + b, 0) } : {};
}
