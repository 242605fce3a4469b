import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { Fingerprint, scenarios } from "sim-core";
import { describe, expect, it } from "vitest";

const SOURCE = new URL("../../sim-core/src/", import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith(".ts") ? [path] : [];
  });
}

// Sources of nondeterminism sim-core must never read. Comments are stripped first so a doc
// comment may still name them.
const FORBIDDEN = [
  /\bMath\.random\b/,
  /\bDate\b/,
  /\bperformance\.now\b/,
  /\bsetTimeout\b/,
  /\bsetInterval\b/,
  /\bsetImmediate\b/,
  /\bprocess\.env\b/,
  /\bcrypto\.getRandomValues\b/,
];

function stripComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'\x60])\/\/.*$/gm, "$1");
}

describe("determinism", () => {
  it("sim-core's source never reads Math.random, Date, performance.now, timers or the environment", () => {
    const offenders: string[] = [];
    const files = sourceFiles(SOURCE);
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const code = stripComments(readFileSync(file, "utf8"));
      for (const pattern of FORBIDDEN) if (pattern.test(code)) offenders.push(`${file}: ${pattern}`);
    }
    expect(offenders).toEqual([]);
  });

  it("the scan would catch a forbidden call", () => {
    expect(FORBIDDEN.some((p) => p.test(stripComments("const x = Math.random(); // fine")))).toBe(true);
    expect(FORBIDDEN.some((p) => p.test(stripComments("// Math.random is banned")))).toBe(false);
  });

  for (const [id, scenario] of Object.entries(scenarios)) {
    it(`${id}.run() gives the same fingerprint for the same seed and another for another seed`, () => {
      const first = scenario.run({ seed: 1 });
      const again = scenario.run({ seed: 1 });
      const other = scenario.run({ seed: 2 });
      expect(first.fingerprint).toMatch(/^[0-9a-f]{16}$/);
      expect(again.fingerprint).toBe(first.fingerprint);
      expect(other.fingerprint).not.toBe(first.fingerprint);
      expect(JSON.stringify(again)).toBe(JSON.stringify(first));
    });
  }

  it("Fingerprint.hex() depends on every folded value and on their order", () => {
    const hex = (values: number[]) => {
      const f = new Fingerprint();
      for (const v of values) f.foldNumber(v);
      return f.hex();
    };
    expect(hex([1, 2, 3])).toBe(hex([1, 2, 3]));
    expect(hex([1, 2, 3])).not.toBe(hex([1, 2, 4]));
    expect(hex([1, 2, 3])).not.toBe(hex([3, 2, 1]));
    expect(hex([0.5])).not.toBe(hex([0.25]));
    expect(hex([2 ** 40])).not.toBe(hex([2 ** 41]));
  });
});
