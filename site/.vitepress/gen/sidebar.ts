// The nav and sidebar are generated from the files present, so a module author adds a page by
// adding a file (with `title` and `order` in its frontmatter) and nobody edits the config.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { firstHeading, readFrontmatter } from "./frontmatter.js";
import { readLabs } from "./labs.js";

export interface SidebarLink {
  text: string;
  link: string;
}

export interface ModulePage extends SidebarLink {
  order: number;
  file: string;
}

/** Module pages in `site/modules/`, sorted by frontmatter `order`, then file name. */
export function modulePages(siteDir: string): ModulePage[] {
  const dir = join(siteDir, "modules");
  if (!existsSync(dir)) return [];
  const pages: ModulePage[] = [];
  for (const file of readdirSync(dir).sort()) {
    if (!file.endsWith(".md") || file === "index.md") continue;
    const text = readFileSync(join(dir, file), "utf8");
    const fm = readFrontmatter(text);
    const order = Number(fm.order ?? Number.parseInt(file, 10));
    pages.push({
      file,
      order: Number.isFinite(order) ? order : 99,
      text: fm.title ?? firstHeading(text) ?? file.replace(/\.md$/, ""),
      link: `/modules/${file.replace(/\.md$/, "")}`,
    });
  }
  return pages.sort((a, b) => a.order - b.order || a.file.localeCompare(b.file));
}

/** Lab pages, one per entry of `labs/labs.json` whose README exists. */
export function labLinks(repoDir: string): SidebarLink[] {
  return readLabs(repoDir).map((lab) => ({ text: lab.title, link: `/labs/${lab.id}` }));
}

/** The whole sidebar: course modules, labs, instructor guide, reference. */
export function buildSidebar(siteDir: string, repoDir: string) {
  const labs = labLinks(repoDir);
  return [
    { text: "Start", items: [{ text: "Home", link: "/" }] },
    { text: "Modules", items: modulePages(siteDir).map(({ text, link }) => ({ text, link })) },
    { text: "Labs", items: [{ text: "All labs", link: "/labs/" }, ...labs] },
    { text: "Instructor guide", items: [{ text: "Running the workshop", link: "/instructor/" }] },
    {
      text: "Reference",
      items: [
        { text: "sim-core API", link: "/reference/api" },
        { text: "Real-system defaults", link: "/reference/defaults" },
        { text: "Glossary", link: "/reference/glossary" },
        { text: "All scenarios", link: "/reference/scenarios" },
      ],
    },
  ];
}
