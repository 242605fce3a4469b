// Part of `npm run site:build`: parses, in Node, every ```mermaid block in the site's pages and
// every diagram each registered scenario draws from its default run, and fails on any that
// Mermaid cannot parse (the browser would otherwise show an error box instead of a diagram).
import { type DiagramSource, markdownDiagrams, unparsableDiagrams } from "../site/.vitepress/gen/diagrams.js";
import { diagramOf, lookupScenario, scenarioIds } from "../site/.vitepress/theme/catalog.js";
import { siteDir } from "./site-browser.js";

const diagrams: DiagramSource[] = markdownDiagrams(siteDir).map((d) => ({ ...d, where: `site/${d.where}` }));
for (const id of scenarioIds()) {
  const entry = lookupScenario(id);
  const result = entry.scenario.run({});
  for (const name of new Set([...Object.keys(entry.diagrams), "trace"])) {
    const code = diagramOf(entry, name, result);
    if (code !== undefined) diagrams.push({ where: `scenario ${id}, diagram "${name}"`, code });
  }
}

const failures = await unparsableDiagrams(diagrams);
for (const { where, error } of failures) console.error(`diagram in ${where} does not parse:\n${error}\n`);
console.log(`site: ${diagrams.length} diagrams checked, ${failures.length} do not parse`);
process.exit(failures.length === 0 ? 0 : 1);
