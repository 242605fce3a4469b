// The course site's configuration. Navigation is generated from the files present (see
// gen/sidebar.ts), so module and lab authors never edit this file.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitepress";
import { withMermaid } from "vitepress-plugin-mermaid";
import { rewriteLabLinks } from "./gen/lab-links.js";
import { buildSidebar } from "./gen/sidebar.js";

const siteDir = dirname(dirname(fileURLToPath(import.meta.url)));
const repoDir = dirname(siteDir);

const config = withMermaid(
  defineConfig({
    title: "Cloud-native migration workshop",
    description: "How Netflix moved from a monolith and one Oracle database to microservices and Cassandra, simulated.",
    lang: "en",
    // A favicon avoids a 404 in every page's console (and the browser tests forbid console errors).
    head: [["link", { rel: "icon", type: "image/svg+xml", href: "/favicon.svg" }]],
    lastUpdated: false,
    // site/README.md documents the site for its authors; it is not a course page.
    srcExclude: ["README.md"],
    // The browser tests build into a private folder so a concurrent build cannot pull pages from
    // under their preview server; everyone else gets the default site/.vitepress/dist.
    ...(process.env.SITE_OUT_DIR ? { outDir: process.env.SITE_OUT_DIR } : {}),
    // Dead internal links fail the build (VitePress's default, stated here so nobody relaxes it).
    ignoreDeadLinks: false,
    themeConfig: {
      nav: [
        { text: "Modules", link: "/modules/00-simulation-basics" },
        { text: "Labs", link: "/labs/" },
        { text: "Instructors", link: "/instructor/" },
        { text: "Reference", link: "/reference/api" },
      ],
      sidebar: buildSidebar(repoDir),
      // Local search: the index is built with the site, so search works offline.
      search: { provider: "local" },
      outline: [2, 3],
      footer: { message: "Apache-2.0. Every number on these pages comes from sim-core or cites its source." },
    },
    markdown: {
      // <SimNumber> sits inside sentences; without this, a line that starts with it would be
      // taken for a block of HTML and split the paragraph.
      component: { inlineTags: ["SimNumber"] },
      config(md) {
        rewriteLabLinks(md);
      },
    },
    mermaid: { startOnLoad: false },
    vite: {
      resolve: { alias: { "sim-core": join(repoDir, "sim-core", "src", "index.ts") } },
      server: { host: "127.0.0.1", fs: { allow: [repoDir] } },
      preview: { host: "127.0.0.1" },
      build: { chunkSizeWarningLimit: 4000 },
      // The dev server must pre-bundle mermaid, which is imported on demand and pulls in CommonJS
      // packages (fastdom) that the browser cannot import as they are.
      optimizeDeps: { include: ["mermaid", "@observablehq/plot"] },
    },
  }),
);

// vitepress-plugin-mermaid asks to pre-bundle packages this install does not have ("debug");
// keep only the ones present so the dev server starts without warnings.
const include = config.vite?.optimizeDeps?.include;
if (config.vite?.optimizeDeps && include) {
  config.vite.optimizeDeps.include = include.filter((name) => existsSync(join(repoDir, "node_modules", name)));
}

export default config;
