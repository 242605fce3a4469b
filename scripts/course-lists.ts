// The lists the kit keeps in Markdown, generated from the course registry
// (sim-core/src/course/modules.ts): today the notebooks table in notebooks/README.md, between
// its `<!-- modules:start -->` and `<!-- modules:end -->` markers. `npm run course:lists` rewrites
// it; the course check (test/course/modules.test.ts) fails when the committed file differs.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { builtModules, type CourseModule, MODULES, moduleKey } from "../sim-core/src/course/index.js";

const START = "<!-- modules:start -->";
const END = "<!-- modules:end -->";

/** The notebooks table: one row per built module, linking its notebook. */
export function notebooksTable(modules: readonly CourseModule[]): string {
  const rows = builtModules(modules).map((m) => {
    const key = moduleKey(m);
    return `| [${key}](${key}.ipynb) | ${m.notebook.covers} |`;
  });
  return ["| notebook | what it covers |", "|---|---|", ...rows].join("\n");
}

/** `text` with the part between the markers replaced by `body`; throws if a marker is missing. */
export function withGenerated(text: string, body: string, where: string): string {
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${where}: missing ${START} … ${END}`);
  return `${text.slice(0, start + START.length)}\n${body}\n${text.slice(end)}`;
}

export const NOTEBOOKS_README = fileURLToPath(new URL("../notebooks/README.md", import.meta.url));

/** notebooks/README.md as the registry says it should be. */
export function expectedNotebooksReadme(): string {
  return withGenerated(readFileSync(NOTEBOOKS_README, "utf8"), notebooksTable(MODULES), "notebooks/README.md");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(NOTEBOOKS_README, expectedNotebooksReadme());
  console.log("course:lists: notebooks/README.md written from the course registry");
}
