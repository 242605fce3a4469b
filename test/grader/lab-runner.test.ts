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
  `import { execSync } from "node:child_process";
export function add(a: number, b: number): number { return a + b; }
export function stray(): number {
  setTimeout(() => { throw new Error("late"); }, 5);
  void Promise.reject(new Error("floating"));
  return 7;
}
export function dieLater(): number {
  // process.kill is refused in the runner; a shell is not.
  setTimeout(() => execSync("kill -9 " + process.pid), 5);
  return 1;
}
`,
);
const runner = new LabRunner({ labDir: join(dir, "lab"), isolate: false });
afterAll(() => {
  runner.close();
  rmSync(dir, { recursive: true, force: true });
});

const call = (exportName: string, args: unknown[] = []) =>
  runner.request({ op: "call", file: "a.ts", exportName, args }, 5_000);

test("LabRunner.request(call) answers after a stray rejection and a throwing timer in lab code", async () => {
  expect(await call("stray")).toEqual({ ok: true, value: 7 });
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(await call("add", [2, 3])).toEqual({ ok: true, value: 5 });
});

test("LabRunner.request(call) starts a fresh runner when the last one died between calls", async () => {
  expect(await call("dieLater")).toEqual({ ok: true, value: 1 });
  // Wait for the death itself (not for a time): the runner's command line names its lab folder.
  while (leftovers(join(dir, "lab")).length > 0) await new Promise((resolve) => setTimeout(resolve, 20));
  expect(await call("add", [1, 1])).toEqual({ ok: true, value: 2 });
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
