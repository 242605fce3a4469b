// Build-time data for pages: the labs in labs/labs.json and the notebooks present, so module
// pages link to what exists without anyone keeping a list by hand.
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { readLabs } from "../gen/labs.js";
import { modulePages } from "../gen/sidebar.js";

const repoDir = fileURLToPath(new URL("../../..", import.meta.url));

export interface CourseData {
  labs: { id: string; title: string; module: number | null; points: number | null }[];
  notebooks: string[];
  /** Module pages present, by frontmatter order (the module number). */
  modules: { order: number; title: string; link: string }[];
}

declare const data: CourseData;

export { data };

export default {
  watch: ["../../../labs/labs.json", "../../../notebooks/*.ipynb", "../../modules/*.md"],
  load(): CourseData {
    const dir = join(repoDir, "notebooks");
    return {
      labs: readLabs(repoDir).map((lab) => ({
        id: lab.id,
        title: lab.title,
        module: lab.module ?? null,
        points: lab.points ?? null,
      })),
      modules: modulePages(join(repoDir, "site")).map((m) => ({ order: m.order, title: m.text, link: m.link })),
      notebooks: existsSync(dir)
        ? readdirSync(dir)
            .filter((f) => /^\d\d-.*\.ipynb$/.test(f))
            .sort()
        : [],
    };
  },
};
