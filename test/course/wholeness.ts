// Is every registered module whole? For each built module of the course registry: its page,
// notebook, scenario tests and labs (stub, README, hints, solution, graded checks, labs.json
// entry) exist, and its page and notebook name only scenarios, presets, parameters, controls,
// charts and diagrams that exist. Returns problems as sentences; an empty list means whole.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  type AnyScenario,
  builtModules,
  type CourseModule,
  labPaths,
  modulePaths,
  type ScenarioEntry,
  scenarioTestPath,
} from "sim-core";
import type { Registry } from "../../grader/registry.js";

const COMPONENT = /<(Simulation|SimNumber|Predict|Topology|RequestTrace|ScenarioDiagram)\b([^>]*)>/g;

function attribute(attrs: string, name: string): string | undefined {
  return new RegExp(`(?:^|\\s):?${name}="([^"]*)"`).exec(attrs)?.[1];
}

/** Keys of a page attribute's object literal, `{ a: 1, b: 'x' }` → a, b. */
function objectKeys(text: string | undefined): string[] {
  return text === undefined ? [] : [...text.matchAll(/[{,]\s*([A-Za-z_]\w*)\s*:/g)].map((m) => m[1] as string);
}

/** Strings of a page attribute's array literal, `['a', 'b']` → a, b. */
function arrayStrings(text: string | undefined): string[] {
  return text === undefined ? [] : [...text.matchAll(/'([^']*)'/g)].map((m) => m[1] as string);
}

/** Problems with the scenario components of one page. */
export function pageProblems(page: string, text: string, scenarios: ReadonlyMap<string, ScenarioEntry>): string[] {
  const problems: string[] = [];
  for (const [, component, attrs = ""] of text.matchAll(COMPONENT)) {
    const id = attribute(attrs, "scenario");
    if (id === undefined) continue;
    const entry = scenarios.get(id);
    const at = `${page}: <${component} scenario="${id}">`;
    if (entry === undefined) {
      problems.push(`${at} names no registered scenario`);
      continue;
    }
    const { scenario, views } = entry;
    const preset = attribute(attrs, "preset");
    if (preset !== undefined && !(preset in scenario.presets)) problems.push(`${at} names no preset "${preset}"`);
    const names = [
      ...objectKeys(attribute(attrs, "params")),
      ...objectKeys(attribute(attrs, "ranges")),
      ...arrayStrings(attribute(attrs, "controls")),
    ];
    for (const name of names) if (!(name in scenario.params)) problems.push(`${at} names no parameter "${name}"`);
    const charts = new Set(views.charts.map((c) => c.id));
    for (const chart of arrayStrings(attribute(attrs, "charts"))) {
      if (!charts.has(chart)) problems.push(`${at} names no chart "${chart}"`);
    }
    const diagram = attribute(attrs, "diagram");
    if (diagram !== undefined && !(diagram in (views.diagrams ?? {})) && diagram !== "trace") {
      problems.push(`${at} names no diagram "${diagram}"`);
    }
  }
  return problems;
}

/** Problems with the scenarios and presets a notebook's code names (`timeoutBudgets.presets.storm`). */
export function notebookProblems(
  notebook: string,
  code: string,
  scenarios: ReadonlyMap<string, { scenario: AnyScenario }>,
): string[] {
  const problems: string[] = [];
  for (const [, id = "", preset = ""] of code.matchAll(/\b(\w+)\.presets\.(\w+)/g)) {
    const entry = scenarios.get(id);
    if (entry === undefined) problems.push(`${notebook}: ${id}.presets.${preset} names no registered scenario`);
    else if (!(preset in entry.scenario.presets)) problems.push(`${notebook}: ${id} has no preset "${preset}"`);
  }
  return problems;
}

/**
 * Problems with the points a lab README's check table states (`| check | points | … |`): each
 * must equal labs/labs.json, where points are recorded, so the README cannot drift from grading.
 */
export function readmePointsProblems(lab: string, readme: string, checks: Readonly<Record<string, number>>): string[] {
  const problems: string[] = [];
  for (const [, id = "", points = ""] of readme.matchAll(/^\| `?([a-z0-9-]+)`? \| (\d+) \|/gm)) {
    const listed = checks[id];
    if (listed === undefined) problems.push(`lab ${lab} README: check "${id}" is not in labs/labs.json`);
    else if (Number(points) !== listed) {
      problems.push(`lab ${lab} README: check "${id}" says ${points} points, labs/labs.json ${listed}`);
    }
  }
  return problems;
}

function notebookCode(path: string): string {
  const notebook = JSON.parse(readFileSync(path, "utf8")) as { cells: { cell_type: string; source: string[] }[] };
  return notebook.cells
    .filter((c) => c.cell_type === "code")
    .map((c) => c.source.join(""))
    .join("\n");
}

/** Every problem that keeps the course's modules from being whole. */
export function courseProblems(root: string, modules: readonly CourseModule[], labs: Registry): string[] {
  const problems: string[] = [];
  const missing = (what: string, path: string) => {
    if (!existsSync(join(root, path))) problems.push(`${what}: ${path} is missing`);
  };
  const built = builtModules(modules);
  const scenarios = new Map(built.flatMap((m) => Object.entries(m.scenarios)));
  const registeredLabs = new Map(built.flatMap((m) => m.labs.map((id) => [id, m.number] as const)));
  for (const module of built) {
    const name = `module ${module.number}`;
    const paths = modulePaths(module);
    missing(`${name} page`, paths.page);
    missing(`${name} notebook`, paths.notebook);
    if (Object.keys(module.scenarios).length === 0) problems.push(`${name} lists no scenario`);
    for (const id of Object.keys(module.scenarios)) missing(`${name} scenario ${id} test`, scenarioTestPath(id));
    if (existsSync(join(root, paths.page))) {
      problems.push(...pageProblems(paths.page, readFileSync(join(root, paths.page), "utf8"), scenarios));
    }
    if (existsSync(join(root, paths.notebook))) {
      problems.push(...notebookProblems(paths.notebook, notebookCode(join(root, paths.notebook)), scenarios));
    }
    for (const lab of module.labs) {
      const p = labPaths(lab);
      missing(`lab ${lab} README`, p.readme);
      missing(`lab ${lab} hints`, p.hints);
      missing(`lab ${lab} solution`, p.solution);
      missing(`lab ${lab} graded checks`, p.checks);
      const entry = labs.labs.find((l) => l.id === lab);
      if (entry === undefined) {
        problems.push(`lab ${lab}: not in labs/labs.json`);
        continue;
      }
      if (entry.module !== module.number) {
        problems.push(`lab ${lab}: labs/labs.json says module ${entry.module}, the registry ${module.number}`);
      }
      for (const file of entry.files) missing(`lab ${lab} stub`, `${p.dir}/${file}`);
      if (existsSync(join(root, p.readme))) {
        problems.push(...readmePointsProblems(lab, readFileSync(join(root, p.readme), "utf8"), entry.checks));
      }
      if (Object.keys(entry.checks).length === 0) problems.push(`lab ${lab}: labs/labs.json lists no graded check`);
    }
  }
  for (const lab of labs.labs) {
    if (!registeredLabs.has(lab.id)) problems.push(`lab ${lab.id}: in labs/labs.json but no module lists it`);
  }
  // A page or notebook outside the registry would be shown nowhere (or linked to a planned module).
  const known = new Set(built.flatMap((m) => [modulePaths(m).page, modulePaths(m).notebook]));
  for (const [dir, ext] of [
    ["site/modules", ".md"],
    ["notebooks", ".ipynb"],
  ] as const) {
    const files = existsSync(join(root, dir)) ? readdirSync(join(root, dir)) : [];
    for (const file of files.filter((f) => f.endsWith(ext) && f !== "index.md")) {
      if (!known.has(`${dir}/${file}`)) problems.push(`${dir}/${file} belongs to no built module of the registry`);
    }
  }
  return problems;
}
