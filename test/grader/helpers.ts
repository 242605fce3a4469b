// Runs `npm run grade` the way a user does (a separate process), and finds leftovers.
import { spawn } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url)).replace(/\/$/, "");

export interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `node --import tsx grader/cli.ts ...args`, as `npm run grade -- ...args` runs it. */
export function grade(args: string[]): Promise<Ran> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "grader/cli.ts", ...args], { cwd: ROOT });
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

/** Live processes whose command line contains `text`, or that run as a sandbox user (uid ≥ 61000). */
export function leftovers(text: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      // A zombie has already ended; only its parent's bookkeeping remains, so it is no leftover.
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      if (stat.slice(stat.lastIndexOf(")") + 2).startsWith("Z")) continue;
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, "utf8").replaceAll("\u0000", " ");
      const uid = statSync(`/proc/${entry}`).uid;
      if (cmdline.includes(text) || uid >= 61000) found.push(`${entry} (uid ${uid}): ${cmdline}`);
    } catch {
      // Ended while we looked.
    }
  }
  return found;
}
