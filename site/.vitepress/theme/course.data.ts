// Build-time data for pages: the labs in labs/labs.json (through the grader's reader) and the
// course registry's modules, so pages link to what exists without anyone keeping a list by hand.
import { fileURLToPath } from "node:url";
import { MODULES, moduleKey, modulePaths } from "../../../sim-core/src/course/index.js";
import { readLabs } from "../gen/labs.js";

const repoDir = fileURLToPath(new URL("../../..", import.meta.url));

export interface CourseData {
  labs: { id: string; title: string; module: number; points: number }[];
  /** Every module of the registry in course order; planned ones have no page, notebook or labs. */
  modules: {
    number: number;
    title: string;
    outcome: string;
    planned: boolean;
    /** Site link of the page, or null for a planned module. */
    link: string | null;
    /** Notebook file name under notebooks/, or null for a planned module. */
    notebook: string | null;
  }[];
}

declare const data: CourseData;

export { data };

export default {
  watch: ["../../../labs/labs.json", "../../../sim-core/src/course/*.ts"],
  load(): CourseData {
    return {
      labs: readLabs(repoDir).map((lab) => ({ id: lab.id, title: lab.title, module: lab.module, points: lab.points })),
      modules: MODULES.map((m) => {
        const planned = "planned" in m && m.planned;
        return {
          number: m.number,
          title: m.title,
          outcome: m.outcome,
          planned,
          link: planned ? null : modulePaths(m).link,
          notebook: planned ? null : `${moduleKey(m)}.ipynb`,
        };
      }),
    };
  },
};
