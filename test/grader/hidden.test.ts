// --hidden: an instructor's hidden checks and seeds join the manifest, keep their Gradescope
// visibility, catch a submission tuned to the public seeds, and are never printed.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRng } from "sim-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { COURSE } from "./fixtures/submissions.js";
import { grade, type Ran } from "./helpers.js";

const dir = mkdtempSync(join(tmpdir(), "grader-hidden-"));
const hidden = join(dir, "hidden");
const HIDDEN_SEEDS = [1234, 98765];
let honest: Ran;
let knowing: Ran;

/** The samples the fixture driver draws for a seed (the same sim-core stream). */
function samples(seed: number, count: number): number[] {
  const rng = createRng(seed);
  return Array.from({ length: count }, () => Math.round(rng.next() * 1000));
}

beforeAll(async () => {
  cpSync(join(import.meta.dirname, "fixtures", "hidden"), hidden, { recursive: true });
  const solution = readFileSync(join(COURSE, "solutions", "fx-stats", "stats.ts"), "utf8");
  mkdirSync(join(dir, "honest", "fx-stats"), { recursive: true });
  writeFileSync(join(dir, "honest", "fx-stats", "stats.ts"), solution);
  // Knows every public seed's answer by heart (a second submission could have learned them from
  // the first one's feedback) and answers nonsense elsewhere.
  const known = Object.fromEntries(
    [1, 2, 3].map((seed) => {
      const s = samples(seed, 200).sort((a, b) => a - b);
      return [samples(seed, 200).join(","), s[Math.ceil(0.99 * s.length) - 1]];
    }),
  );
  mkdirSync(join(dir, "knowing", "fx-stats"), { recursive: true });
  writeFileSync(
    join(dir, "knowing", "fx-stats", "stats.ts"),
    `const KNOWN: Record<string, number> = ${JSON.stringify(known)};
const seen: string[] = [];
${solution
  .replace(
    "export function percentile(values: number[], p: number): number {",
    'export function percentile(values: number[], p: number): number {\n  seen.push(values.join(","));\n  if (values.length > 5) return KNOWN[values.join(",")] ?? -1;',
  )
  // And it tries to smuggle what it saw into the feedback of a later public check.
  .replace(
    "if (values.length === 0) return 0;",
    'if (values.length === 0) throw new Error("seen: " + seen.slice(-1).join(" | "));',
  )}`,
  );
  const run = (who: string) =>
    grade(
      [
        ...["--course", COURSE, "--target", join(dir, who), "--hidden", hidden],
        ...["--json", join(dir, `${who}.json`), "--gradescope", join(dir, `${who}-results.json`)],
        ...["--junit", join(dir, `${who}-junit.xml`)],
      ],
      dir,
    );
  honest = await run("honest");
  knowing = await run("knowing");
}, 300_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("grade --hidden adds the hidden checks to the score, with Gradescope visibility", () => {
  expect(honest.code, honest.stderr).toBe(0);
  const results = JSON.parse(readFileSync(join(dir, "honest-results.json"), "utf8")) as {
    score: number;
    tests: { name: string; max_score: number; visibility: string }[];
  };
  const hiddenTest = results.tests.find((t) => t.name === "fx-stats › hidden-percentile-p50");
  expect(hiddenTest).toMatchObject({ max_score: 3, visibility: "after_published" });
  expect(results.tests.filter((t) => t.visibility === "visible")).toHaveLength(4);
  expect(readFileSync(join(dir, "honest-junit.xml"), "utf8")).toContain('name="hidden-percentile-p50 (3/3)"');
  const report = JSON.parse(readFileSync(join(dir, "honest.json"), "utf8")) as { total: number; max: number };
  expect([report.total, report.max]).toEqual([9, 9]);
});

test("grade --hidden catches a submission that knows the public seeds, and never shows a hidden seed", () => {
  expect(knowing.code, knowing.stderr).toBe(0);
  const report = JSON.parse(readFileSync(join(dir, "knowing.json"), "utf8")) as {
    total: number;
    checks: { id: string; status: string; message: string }[];
  };
  // mean-basic (1) and the fixed nearest-rank cases (2) are honest; mean-empty fails (showing
  // every list its realm was given) and so do both seeded checks.
  expect(report.total).toBe(3);
  expect(report.checks.find((c) => c.id === "fx-stats/mean-empty")!.message).toContain("Error: seen: ");
  const seeded = report.checks.find((c) => c.id === "fx-stats/percentile-seeded")!;
  expect(seeded.status).toBe("failed");
  expect(seeded.message).toContain("hidden seeds");
  const everything = [
    knowing.stdout,
    knowing.stderr,
    ...["knowing.json", "knowing-results.json", "knowing-junit.xml"].map((f) => readFileSync(join(dir, f), "utf8")),
  ].join("\n");
  for (const seed of HIDDEN_SEEDS) expect(everything).not.toMatch(new RegExp(`\\b${seed}\\b`));
  // Nor anything drawn from them: the first hidden sample list would be the giveaway.
  expect(everything).not.toContain(samples(HIDDEN_SEEDS[0]!, 101).slice(0, 8).join(","));
});
