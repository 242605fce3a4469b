// The lab runner on its own (no vitest run, no CLI): misbehaviour between and around calls.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { LabRunner } from "../../grader/runner/lab-runner.js";
import { planSandbox } from "../../grader/runner/sandbox.js";
import { leftovers, ROOT } from "./helpers.js";

const dir = mkdtempSync(join(tmpdir(), "lab-runner-"));
writeFileSync(join(dir, "package.json"), '{ "type": "module" }\n');
symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
mkdirSync(join(dir, "lab"));
writeFileSync(
  join(dir, "lab", "a.ts"),
  `import { twice } from "./b.js";
export function add(a: number, b: number): number { return twice(a + b) / 2; }
export function stray(): number {
  void Promise.reject(new Error("floating"));
  return 7;
}
/** Everything lab code can observe of where it runs. */
export function environment(): string[] {
  const g = globalThis as Record<string, unknown>;
  const seen = Object.getOwnPropertyNames(g).sort().map((name) => name + ":" + typeof g[name]);
  for (const probe of [() => Date.now(), () => Math.random(), () => new Date().getTime(), () => (0, eval)("1 + 1")]) {
    try { seen.push(String(probe())); } catch (error) { seen.push("throws " + (error as Error).name); }
  }
  return seen;
}
`,
);
writeFileSync(join(dir, "lab", "b.ts"), "export const twice = (x: number): number => 2 * x;\n");
const runner = new LabRunner({ labDir: join(dir, "lab"), isolate: false });
afterAll(() => {
  runner.close();
  rmSync(dir, { recursive: true, force: true });
});

const call = (exportName: string, args: unknown[] = []) =>
  runner.request({ op: "call", file: "a.ts", exportName, args }, 5_000);

test("LabRunner.request(call) answers after a stray rejection in lab code, and lab files import each other", async () => {
  expect(await call("stray")).toEqual({ ok: true, value: 7 });
  expect(await call("add", [2, 3])).toEqual({ ok: true, value: 5 });
});

test("LabRunner.request(call) starts a fresh runner when the last one died between calls", async () => {
  expect(await call("add", [1, 2])).toEqual({ ok: true, value: 3 });
  // Lab code cannot end its runner any more; the test does, from outside, as the kernel might.
  const [pid] = leftovers(join(dir, "lab")).map((line) => Number(line.split(":")[0]));
  if (pid) process.kill(pid, "SIGKILL");
  // Wait for the death itself (not for a time): the runner's command line names its lab folder.
  while (leftovers(join(dir, "lab")).length > 0) await new Promise((resolve) => setTimeout(resolve, 20));
  expect(await call("add", [1, 1])).toEqual({ ok: true, value: 2 });
});

test("LabRunner.request(call) gives lab code the same world graded or not: no clock, no randomness, no Node", async () => {
  const local = await call("environment");
  expect(local.ok).toBe(true);
  const seen = (local as { value: string[] }).value;
  expect(seen).toContain("console:object");
  expect(seen.filter((entry) => /^(process|require|Buffer|setTimeout|performance|fetch):/.test(entry))).toEqual([]);
  expect(seen.slice(-4)).toEqual(["throws TypeError", "throws TypeError", "throws TypeError", "2"]);
  // An isolated runner (as root) and one started with other environment variables see the same.
  const isolated = new LabRunner({ labDir: join(dir, "lab"), isolate: true, uid: 61999 });
  try {
    expect(await isolated.request({ op: "call", file: "a.ts", exportName: "environment", args: [] }, 5_000)).toEqual(
      local,
    );
  } finally {
    isolated.close();
  }
});

test("LabRunner.request(call) names a missing export and a file outside the lab folder", async () => {
  expect(await call("nope")).toMatchObject({
    ok: false,
    kind: "load",
    message: "a.ts has no exported function nope (found undefined)",
  });
  const outside = await runner.request({ op: "call", file: "../package.json", exportName: "x", args: [] }, 5_000);
  expect(outside).toMatchObject({ ok: false, message: expect.stringContaining("outside the lab folder") });
});

test("planSandbox(options) runs plain node when isolation is off", () => {
  const plan = planSandbox({ nodeArgs: ["child.js"], readOnly: [], isolate: false });
  expect(plan.isolated).toBe(false);
  expect(plan.args.slice(-2)).toEqual([process.execPath, "child.js"].slice(plan.command === process.execPath ? 1 : 0));
});
