// The manifest of expected checks: labs.json's public checks plus an instructor's hidden ones.
// Scores come only from here; what a run reports beyond it is ignored and flagged.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Registry } from "./registry.js";

export type Visibility = "visible" | "hidden" | "after_published" | "after_due_date";

export interface ExpectedCheck {
  lab: string;
  id: string;
  points: number;
  hidden: boolean;
  visibility: Visibility;
}

export interface Hidden {
  seeds: Record<string, number[]>;
  checks: ExpectedCheck[];
}

const VISIBILITIES: readonly Visibility[] = ["visible", "hidden", "after_published", "after_due_date"];

/**
 * Reads `<dir>/hidden.json`:
 * `{ "labs": { "<lab>": { "seeds": [7], "checks": { "<id>": { "points": 2, "visibility": "after_published" } } } } }`.
 *
 * @example
 * loadHidden("/srv/course-hidden").checks.length // 3
 */
export function loadHidden(dir: string): Hidden {
  const path = join(dir, "hidden.json");
  if (!existsSync(path)) throw new Error(`--hidden ${dir}: no hidden.json there`);
  const data = JSON.parse(readFileSync(path, "utf8")) as { labs?: Record<string, unknown> };
  const hidden: Hidden = { seeds: {}, checks: [] };
  for (const [lab, raw] of Object.entries(data.labs ?? {})) {
    const entry = raw as { seeds?: unknown; checks?: Record<string, { points?: unknown; visibility?: unknown }> };
    const seeds = entry.seeds ?? [];
    if (!Array.isArray(seeds) || !seeds.every((s) => Number.isSafeInteger(s))) {
      throw new Error(`hidden.json: labs.${lab}.seeds must be integers`);
    }
    hidden.seeds[lab] = seeds as number[];
    for (const [id, check] of Object.entries(entry.checks ?? {})) {
      const points = check.points;
      const visibility = (check.visibility ?? "after_published") as Visibility;
      if (typeof points !== "number" || !(points > 0))
        throw new Error(`hidden.json: labs.${lab}.checks.${id}.points must be > 0`);
      if (!VISIBILITIES.includes(visibility)) {
        throw new Error(`hidden.json: labs.${lab}.checks.${id}.visibility must be one of ${VISIBILITIES.join(", ")}`);
      }
      hidden.checks.push({ lab, id, points, hidden: true, visibility });
    }
  }
  return hidden;
}

/** Expected checks of the chosen labs, public first, in labs.json order. */
export function buildManifest(registry: Registry, labIds: readonly string[], hidden?: Hidden): ExpectedCheck[] {
  const expected: ExpectedCheck[] = [];
  for (const lab of registry.labs) {
    if (!labIds.includes(lab.id)) continue;
    for (const [id, points] of Object.entries(lab.checks)) {
      expected.push({ lab: lab.id, id, points, hidden: false, visibility: "visible" });
    }
    for (const check of hidden?.checks ?? []) if (check.lab === lab.id) expected.push(check);
  }
  return expected;
}
