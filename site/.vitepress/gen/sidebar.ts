// The sidebar is generated: modules from the course registry (sim-core/src/course/modules.ts,
// imported from source because the config loads before sim-core is built), labs from
// labs/labs.json. Module and lab authors never edit this file or the config.
import { builtModules, type CourseModule, MODULES, modulePaths } from "../../../sim-core/src/course/index.js";
import { readLabs } from "./labs.js";

export interface SidebarLink {
  text: string;
  link: string;
}

export interface ModulePage extends SidebarLink {
  order: number;
  file: string;
}

/** The built modules' pages, in course order, as the sidebar lists them (the course's by default). */
export function modulePages(modules: readonly CourseModule[] = MODULES): ModulePage[] {
  return builtModules(modules).map((m) => {
    const paths = modulePaths(m);
    return { order: m.number, file: paths.page, text: `${m.number} · ${m.title}`, link: paths.link };
  });
}

/** Lab pages, one per entry of `labs/labs.json` whose README exists. */
export function labLinks(repoDir: string): SidebarLink[] {
  return readLabs(repoDir).map((lab) => ({ text: lab.title, link: `/labs/${lab.id}` }));
}

/** The whole sidebar: course modules, labs, instructor guide, reference. */
export function buildSidebar(repoDir: string) {
  const labs = labLinks(repoDir);
  return [
    { text: "Start", items: [{ text: "Home", link: "/" }] },
    { text: "Modules", items: modulePages().map(({ text, link }) => ({ text, link })) },
    { text: "Labs", items: [{ text: "All labs", link: "/labs/" }, ...labs] },
    { text: "Instructor guide", items: [{ text: "Running the workshop", link: "/instructor/" }] },
    {
      text: "Reference",
      items: [
        { text: "sim-core API", link: "/reference/api" },
        { text: "Real-system defaults", link: "/reference/defaults" },
        { text: "Glossary", link: "/reference/glossary" },
        { text: "All scenarios", link: "/reference/scenarios" },
        { text: "Sources", link: "/reference/sources" },
      ],
    },
  ];
}
