// CONTRIBUTING.md, House rules: every public function has a doc comment with a runnable example
// and its result.
// sim-core's own doc-example test covers its main index; this one covers the Node-only
// `sim-core/notebook` entry, whose examples may `await` (Mermaid renders asynchronously).
import { isDeepStrictEqual } from "node:util";
import * as Plot from "@observablehq/plot";
import { JSDOM } from "jsdom";
import * as simCore from "sim-core";
import ts from "typescript";
import { describe, expect, test, vi } from "vitest";
import * as notebook from "../../sim-core/src/notebook/index.js";

const ENTRY = new URL("../../sim-core/src/notebook/index.ts", import.meta.url).pathname;

function collect(): { name: string; code: string }[] {
  const program = ts.createProgram([ENTRY], { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext });
  const checker = program.getTypeChecker();
  const entry = program.getSourceFile(ENTRY);
  const moduleSymbol = entry && checker.getSymbolAtLocation(entry);
  if (moduleSymbol === undefined) throw new Error(`cannot read the exports of ${ENTRY}`);
  const examples: { name: string; code: string }[] = [];
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    if (!(symbol.flags & (ts.SymbolFlags.Function | ts.SymbolFlags.Class))) continue;
    const tags = symbol.getJsDocTags(checker).filter((tag) => tag.name === "example");
    examples.push(...tags.map((tag) => ({ name: exported.name, code: ts.displayPartsToString(tag.text) })));
    if (tags.length === 0) examples.push({ name: exported.name, code: "" });
  }
  return examples;
}

const scope: Record<string, unknown> = { ...simCore, ...notebook, Plot, JSDOM };

async function evaluate(code: string): Promise<unknown> {
  const js = ts.transpileModule(code, { compilerOptions: { target: ts.ScriptTarget.ES2022 } }).outputText;
  const AsyncFunction = (async () => {}).constructor as new (...args: string[]) => (...values: unknown[]) => unknown;
  return new AsyncFunction(...Object.keys(scope), js)(...Object.values(scope));
}

/** "'n  p'" → the value; a trailing "(remark)" is dropped, e.g. "undefined (an SVG output)". */
async function expectedValue(text: string): Promise<unknown> {
  let candidate = text.trim();
  for (;;) {
    try {
      return await evaluate(`return (${candidate});`);
    } catch (error) {
      const open = candidate.lastIndexOf(" (");
      if (!candidate.endsWith(")") || open < 0) throw error;
      candidate = candidate.slice(0, open).trim();
    }
  }
}

describe("sim-core/notebook doc examples", () => {
  for (const { name, code } of collect()) {
    test(`${name}: @example runs and shows its result`, async () => {
      expect(code, `${name} needs an @example`).not.toBe("");
      const lines = code.trim().split("\n");
      const match = /^(.*?)\s*\/\/\s*(.+)$/.exec(lines.pop() ?? "");
      expect(match, `the last line of ${name}'s example needs "expression // result"`).not.toBeNull();
      if (match === null) return;
      // Examples of show* print their text form outside a kernel; keep the test output quiet.
      const log = vi.spyOn(console, "log").mockImplementation(() => {});
      try {
        const actual = await evaluate(`${lines.join("\n")}\nreturn (${match[1]});`);
        const expected = await expectedValue(match[2] as string);
        if (!isDeepStrictEqual(actual, expected)) expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
      } finally {
        log.mockRestore();
      }
    });
  }
});
