import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

// viz/ turns results into Plot options and Mermaid text and runs unchanged in the browser, and
// sim-core's main entry is what the site bundles. Only the top floor, notebook/ (shipped apart as
// "sim-core/notebook"), may reach Node: jsdom, tslab, node: built-ins. This test reads every
// import specifier of the source and holds each floor to that.

const SOURCE = new URL("../../../sim-core/src/", import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith(".ts") ? [path] : [];
  });
}

/** Every module a file names: static imports and re-exports, `import("…")` and `require("…")`. */
function specifiers(code: string): string[] {
  const withoutComments = code.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
  const found: string[] = [];
  for (const pattern of [
    /\bfrom\s+"([^"]+)"/g,
    /\bimport\s*\(\s*"([^"]+)"\s*\)/g,
    /\brequire\s*\(\s*"([^"]+)"\s*\)/g,
  ]) {
    for (const match of withoutComments.matchAll(pattern)) found.push(match[1] as string);
  }
  return found;
}

/** Packages the browser bundle may load; everything else that is not relative is refused. */
const BROWSER_PACKAGES = new Set(["@observablehq/plot", "seedrandom"]);

/** Why a specifier is not allowed in a browser-safe file, or null when it is fine. */
function nodeOnly(specifier: string, fileDir: string): string | null {
  if (specifier.startsWith(".")) {
    const target = relative(SOURCE, join(fileDir, specifier));
    return target.startsWith("notebook/") || target === "notebook" ? "imports the Node-only notebook floor" : null;
  }
  return BROWSER_PACKAGES.has(specifier) ? null : "is not a browser package sim-core allows";
}

function offenders(files: string[]): string[] {
  return files.flatMap((file) => {
    const dir = join(file, "..");
    return specifiers(readFileSync(file, "utf8")).flatMap((specifier) => {
      const why = nodeOnly(specifier, dir);
      return why === null ? [] : [`${relative(SOURCE, file)}: "${specifier}" ${why}`];
    });
  });
}

describe("browser-safe floors", () => {
  it("viz/ imports nothing Node-only (no jsdom, tslab, node: built-ins, nor notebook/)", () => {
    const files = sourceFiles(join(SOURCE, "viz"));
    expect(files.length).toBeGreaterThan(5);
    expect(offenders(files)).toEqual([]);
  });

  it("every floor below notebook/ imports nothing Node-only, so sim-core's main entry runs in a browser", () => {
    const files = sourceFiles(SOURCE).filter((file) => !relative(SOURCE, file).startsWith("notebook/"));
    expect(files.length).toBeGreaterThan(50);
    expect(offenders(files)).toEqual([]);
  });

  it("the scan would catch a Node-only import and let a browser one through", () => {
    const viz = join(SOURCE, "viz");
    const code = [
      'import { JSDOM } from "jsdom";',
      'import { readFileSync } from "node:fs";',
      'export { show } from "../notebook/index.js";',
      'const jupyter = require("tslab/dist/jupyter");',
      'const mermaid = await import("mermaid");',
      '// import { comment } from "node:os";',
      'import * as Plot from "@observablehq/plot";',
      'import { scenarios } from "../scenarios/index.js";',
    ].join("\n");
    const flagged = specifiers(code).filter((specifier) => nodeOnly(specifier, viz) !== null);
    expect(flagged).toEqual(["jsdom", "node:fs", "../notebook/index.js", "mermaid", "tslab/dist/jupyter"]);
  });
});
