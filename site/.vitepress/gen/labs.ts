// The site's view of the lab registry `labs/labs.json`, read by the grader's own reader
// (grader/registry.ts), so the site and the grader cannot disagree about what a lab is. A missing
// registry gives no lab pages (the site builds before any lab exists); a malformed one, or a
// registered lab without its README, fails the build instead of silently losing a page.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { type LabEntry, labPoints, loadRegistry } from "../../../grader/registry.js";

/** A registered lab with what its page shows: total points and where its texts are. */
export interface SiteLab extends LabEntry {
  points: number;
  /** Path of the README relative to the repository root. */
  readme: string;
  /** Path of hints.md relative to the repository root, when the lab has one. */
  hints?: string;
}

/** Every lab in `labs/labs.json`, in registry order. */
export function readLabs(repoDir: string): SiteLab[] {
  return loadRegistry(repoDir).labs.map((lab) => {
    const readme = `labs/${lab.id}/README.md`;
    if (!existsSync(join(repoDir, readme))) throw new Error(`labs.json: lab "${lab.id}" has no ${readme}`);
    const hints = `labs/${lab.id}/hints.md`;
    return { ...lab, points: labPoints(lab), readme, ...(existsSync(join(repoDir, hints)) ? { hints } : {}) };
  });
}
