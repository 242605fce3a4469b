import { isDeepStrictEqual } from "node:util";
import * as Plot from "@observablehq/plot";
import { JSDOM } from "jsdom";
import * as simCore from "sim-core";
import ts from "typescript";
import { describe, expect, it } from "vitest";

// CONTRIBUTING.md, House rules: every public function has a doc comment with one runnable
// example and its result.
// This test finds each export of sim-core, requires an @example on functions and classes, runs
// every example, and compares the value of its last line with the `// result` comment.

const ENTRY = new URL("../../sim-core/src/index.ts", import.meta.url).pathname;

interface Example {
  name: string;
  code: string;
}

function collect(): { examples: Example[]; missing: string[] } {
  const program = ts.createProgram([ENTRY], { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext });
  const checker = program.getTypeChecker();
  const entry = program.getSourceFile(ENTRY);
  if (entry === undefined) throw new Error(`cannot read ${ENTRY}`);
  const moduleSymbol = checker.getSymbolAtLocation(entry);
  if (moduleSymbol === undefined) throw new Error("sim-core's index has no exports");
  const examples: Example[] = [];
  const missing: string[] = [];
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const callable = symbol.flags & (ts.SymbolFlags.Function | ts.SymbolFlags.Class);
    const valueWithCall =
      symbol.flags & ts.SymbolFlags.Variable &&
      symbol.valueDeclaration !== undefined &&
      checker.getTypeOfSymbolAtLocation(symbol, symbol.valueDeclaration).getCallSignatures().length > 0;
    const tags = symbol.getJsDocTags(checker).filter((tag) => tag.name === "example");
    for (const tag of tags) examples.push({ name: exported.name, code: ts.displayPartsToString(tag.text) });
    if ((callable || valueWithCall) && tags.length === 0) missing.push(exported.name);
  }
  return { examples, missing };
}

/**
 * Splits an example into setup code, a final expression and its expected result. The result is
 * a `// comment` after the last expression, on its line or alone on the next line; statements
 * before the expression on the same line (`a(); b() // 1`) count as setup.
 */
function split(code: string): { setup: string; expression: string; expected: string } | null {
  const lines = code.trim().split("\n");
  let last = lines.pop() ?? "";
  if (/^\s*\/\//.test(last)) last = `${lines.pop() ?? ""} ${last.trim()}`;
  const match = /^(.*?)\s*\/\/\s*(.+)$/.exec(last);
  if (match === null) return null;
  const code0 = (match[1] as string).trim().replace(/;$/, "");
  const cut = code0.lastIndexOf("; ");
  const setup = [...lines, cut >= 0 ? code0.slice(0, cut + 1) : ""].join("\n");
  return { setup, expression: cut >= 0 ? code0.slice(cut + 2) : code0, expected: match[2] as string };
}

function transpile(code: string): string {
  return ts.transpileModule(code, { compilerOptions: { target: ts.ScriptTarget.ES2022 } }).outputText;
}

function evaluate(code: string): unknown {
  const scope = { ...simCore, Plot, JSDOM };
  const names = Object.keys(scope);
  // Running the documentation examples is the point of this test.
  const run = new Function(...names, transpile(code));
  return run(...names.map((n) => (scope as Record<string, unknown>)[n]));
}

/** Parses the expected text: a JS value, optionally with "≈" and a trailing "(comment)". */
function expectedValue(text: string): { value: unknown; approximate: boolean } | null {
  const approximate = text.startsWith("≈");
  let candidate = text.replace(/^≈\s*/, "").trim();
  for (;;) {
    try {
      return { value: evaluate(`return (${candidate});`), approximate };
    } catch {
      const stripped = withoutTrailingComment(candidate);
      if (stripped === null) return null;
      candidate = stripped;
    }
  }
}

/** Removes a final balanced "(…)" remark, e.g. "10 (M/M/1: 1 / (μ − λ))" → "10". */
function withoutTrailingComment(text: string): string | null {
  if (!text.endsWith(")")) return null;
  let depth = 0;
  for (let i = text.length - 1; i >= 0; i--) {
    if (text[i] === ")") depth++;
    else if (text[i] === "(" && --depth === 0) return i > 0 ? text.slice(0, i).trim() : null;
  }
  return null;
}

const { examples, missing } = collect();

describe("doc examples", () => {
  it("every exported function and class of sim-core has an @example", () => {
    expect(missing).toEqual([]);
  });

  for (const example of examples) {
    it(`${example.name}: @example runs and shows its result`, () => {
      const parts = split(example.code);
      expect(parts, `the last line of ${example.name}'s example needs "expression // result"`).not.toBeNull();
      if (parts === null) return;
      const actual = evaluate(`${parts.setup}\nreturn (${parts.expression});`);
      const expected = expectedValue(parts.expected);
      expect(expected, `cannot read the expected result "${parts.expected}"`).not.toBeNull();
      if (expected === null) return;
      if (expected.approximate && typeof actual === "number" && typeof expected.value === "number") {
        expect(actual).toBeCloseTo(expected.value, 6);
      } else {
        const same =
          isDeepStrictEqual(actual, expected.value) || JSON.stringify(actual) === JSON.stringify(expected.value);
        // On a mismatch, compare printable forms so the failure shows both values.
        if (!same) expect(JSON.stringify(actual)).toBe(JSON.stringify(expected.value));
      }
    });
  }
});
