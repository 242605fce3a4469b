// The Gradescope packaging: run_autograder grades /autograder/submission (here a fake tree in a
// temp folder) and writes results.json in Gradescope's format; the zip keeps what it needs.
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inflateRawSync } from "node:zlib";
import { afterAll, expect, test } from "vitest";
import { zip } from "../../grader/gradescope/zip-writer.js";
import { COURSE, writeFixtures } from "./fixtures/submissions.js";
import { ROOT } from "./helpers.js";

const dir = mkdtempSync(join(tmpdir(), "gradescope-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Results {
  score: number;
  output: string;
  tests: { name: string; score: number; max_score: number; status: string; output: string; visibility: string }[];
}

function runAutograder(root: string, course: string): Results {
  const ran = spawnSync("bash", [join(ROOT, "grader", "gradescope", "run_autograder")], {
    env: { ...process.env, AUTOGRADER_ROOT: root, GRADER_COURSE: course },
    encoding: "utf8",
  });
  expect(ran.status, ran.stderr).toBe(0);
  return JSON.parse(readFileSync(join(root, "results", "results.json"), "utf8")) as Results;
}

test("run_autograder grades /autograder/submission into results/results.json", () => {
  const root = join(dir, "autograder");
  writeFixtures(join(dir, "subs"), ["plausible-wrong"]);
  // A learner who uploads the labs/ folder itself.
  mkdirSync(join(root, "submission"), { recursive: true });
  cpSync(join(dir, "subs", "plausible-wrong"), join(root, "submission", "labs"), { recursive: true });
  const results = runAutograder(root, COURSE);
  expect(results.score).toBe(2);
  expect(results.tests.map((t) => [t.name, t.score, t.max_score, t.status])).toEqual([
    ["fx-stats › mean-basic", 1, 1, "passed"],
    ["fx-stats › mean-empty", 1, 1, "passed"],
    ["fx-stats › percentile-nearest-rank", 0, 2, "failed"],
    ["fx-stats › percentile-seeded", 0, 2, "failed"],
  ]);
  expect(results.tests.every((t) => t.visibility === "visible")).toBe(true);
  expect(results.tests[2]!.output).toContain("expected: 20");
});

test("run_autograder still writes results.json when the grader cannot run", () => {
  const root = join(dir, "broken");
  mkdirSync(join(root, "submission"), { recursive: true });
  const results = runAutograder(root, join(dir, "no-such-course"));
  expect(results.score).toBe(0);
  expect(results.output).toContain("autograder failed");
});

test("zip(entries) writes an archive whose entries inflate back with their modes", () => {
  const archive = zip([
    { name: "run_autograder", data: Buffer.from("#!/bin/sh\n"), mode: 0o755 },
    { name: "grader/cli.ts", data: Buffer.from("export {};\n".repeat(50)), mode: 0o644 },
  ]);
  // Read the central directory back, as an unzip tool does.
  const end = archive.length - 22;
  expect(archive.readUInt32LE(end)).toBe(0x06054b50);
  let at = archive.readUInt32LE(end + 16);
  const found: [string, number, string][] = [];
  for (let i = 0; i < archive.readUInt16LE(end + 10); i++) {
    const nameLength = archive.readUInt16LE(at + 28);
    const name = archive.subarray(at + 46, at + 46 + nameLength).toString("utf8");
    const mode = (archive.readUInt32LE(at + 38) >>> 16) & 0o777;
    const local = archive.readUInt32LE(at + 42);
    const packed = archive.readUInt32LE(at + 20);
    const start = local + 30 + archive.readUInt16LE(local + 26);
    found.push([
      name,
      mode,
      inflateRawSync(archive.subarray(start, start + packed))
        .toString("utf8")
        .slice(0, 10),
    ]);
    at += 46 + nameLength;
  }
  expect(found).toEqual([
    ["run_autograder", 0o755, "#!/bin/sh\n"],
    ["grader/cli.ts", 0o644, "export {};"],
  ]);
});
