// Part of `npm run site:build`: Mermaid draws diagrams in the browser, so a diagram that does not
// parse would otherwise ship as an error box. This parses, in Node, every ```mermaid block in
// the site's pages and every diagram a registered scenario generates from its default run.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import mermaid from "mermaid";
import { lookupScenario, scenarioIds } from "../site/.vitepress/theme/catalog.js";
import "../site/.vitepress/theme/registry.js";
import { repoDir, siteDir } from "./site-browser.js";

function markdownFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name === "dist" || entry.name === "cache") continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...markdownFiles(path));
    else if (entry.name.endsWith(".md")) files.push(path);
  }
  return files;
}

const diagrams: { where: string; code: string }[] = [];
for (const file of markdownFiles(siteDir)) {
  const text = readFileSync(file, "utf8");
  for (const match of text.matchAll(/^```mermaid\s*\n([\s\S]*?)^```/gm)) {
    diagrams.push({ where: relative(repoDir, file), code: match[1] ?? "" });
  }
}
for (const id of scenarioIds()) {
  const entry = lookupScenario(id);
  if (!entry.topology && !entry.trace) continue;
  const result = entry.scenario.run({});
  if (entry.topology) diagrams.push({ where: `scenario ${id} topology`, code: entry.topology(result) });
  if (entry.trace) diagrams.push({ where: `scenario ${id} request trace`, code: entry.trace(result) });
}

let failures = 0;
for (const { where, code } of diagrams) {
  try {
    await mermaid.parse(code);
  } catch (error) {
    failures++;
    console.error(`diagram in ${where} does not parse:\n${(error as Error).message}\n`);
  }
}
console.log(`site: ${diagrams.length} diagrams parse${failures ? `, ${failures} do not` : ""}`);
process.exit(failures === 0 ? 0 : 1);
