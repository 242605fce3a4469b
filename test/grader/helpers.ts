// Runs `npm run grade` the way a user does (a separate process), and finds leftovers.
import { spawn } from "node:child_process";
import { chmodSync, existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url)).replace(/\/$/, "");

export interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * `node --import tsx grader/cli.ts ...args`, as `npm run grade -- ...args` runs it. With `scratch`,
 * workspaces go there (TMPDIR), so every lab runner's command line names it (see leftovers).
 */
export function grade(args: string[], scratch?: string): Promise<Ran> {
  if (scratch) chmodSync(scratch, 0o755);
  return new Promise((resolve) => {
    const env = scratch ? { ...process.env, TMPDIR: scratch } : process.env;
    const child = spawn(process.execPath, ["--import", "tsx", "grader/cli.ts", ...args], { cwd: ROOT, env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8");
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
    });
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

/** Live processes whose command line contains `text` (a test's own scratch folder or mark). */
export function leftovers(text: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      // A zombie has already ended; only its parent's bookkeeping remains, so it is no leftover.
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      if (stat.slice(stat.lastIndexOf(")") + 2).startsWith("Z")) continue;
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, "utf8").replaceAll("\u0000", " ");
      if (cmdline.includes(text)) found.push(`${entry}: ${cmdline}`);
    } catch {
      // Ended while we looked.
    }
  }
  return found;
}

/** Files in the host's shared writable places owned by a sandbox user (uid 61000 and up). */
export function leftoverFiles(): string[] {
  const found: string[] = [];
  for (const dir of ["/tmp", "/var/tmp", "/dev/shm", homedir()]) {
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)) {
      try {
        if (statSync(join(dir, name)).uid >= 61000) found.push(join(dir, name));
      } catch {
        // Removed while we looked.
      }
    }
  }
  return found;
}

/** Names of the grader memory cgroups under this process's own, with the pid that made each. */
export function graderCgroups(): { name: string; owner: number }[] {
  const line = readFileSync("/proc/self/cgroup", "utf8")
    .split("\n")
    .find((l) => /^\d+:memory:/.test(l));
  const dir = line ? join("/sys/fs/cgroup/memory", line.split(":")[2]!) : undefined;
  if (!dir || !existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const owner = /^grader-(\d+)-/.exec(name)?.[1];
    return owner === undefined ? [] : [{ name, owner: Number(owner) }];
  });
}

/**
 * Memory cgroups made since `before` (names) whose grading process has ended without removing
 * them. Other tests may be grading at the same time: their live cgroups are not leftovers. The
 * grading processes of a run that just ended exit a moment after it (they close vitest first) and
 * a cgroup they leaked must not pass for a live one: their owners get up to `waitMs` to end.
 */
export async function leftoverCgroups(before: ReadonlySet<string>, waitMs = 10_000): Promise<string[]> {
  const made = () => graderCgroups().filter(({ name }) => !before.has(name));
  for (let waited = 0; waited < waitMs && made().some(({ owner }) => existsSync(`/proc/${owner}`)); waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return made()
    .filter(({ owner }) => !existsSync(`/proc/${owner}`))
    .map(({ name }) => name);
}
