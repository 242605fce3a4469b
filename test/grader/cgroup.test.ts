// Ending a submission's memory cgroup: a process that outlives the wait is killed and the cgroup
// removed; a process that ends in time is not killed; a dead grader's cgroup is swept, a live
// grader's never. Needs root and a memory controller (a laptop, some containers: skipped).
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { createMemoryCgroup, removeCgroup } from "../../grader/runner/cgroup.js";
import { killMembers, releaseCgroup, sweepOrphanCgroups } from "../../grader/runner/cgroup-release.js";

const LIMIT_BYTES = 256 * 2 ** 20;

/** Why these tests cannot run here, or undefined when they can. */
function unavailable(): string | undefined {
  if (process.platform !== "linux") return "memory cgroups need Linux";
  if (process.getuid?.() !== 0) return "making a memory cgroup needs root";
  const made = createMemoryCgroup(LIMIT_BYTES);
  if (made === undefined || !removeCgroup(made)) return "this machine lets no one make a memory cgroup";
  return undefined;
}
const why = unavailable();

interface Member {
  child: ChildProcess;
  ended: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const started: Member[] = [];
const made: string[] = [];

/** `sleep seconds` started inside the cgroup (it joins before it execs, as the sandbox does). */
async function sleepIn(dir: string, seconds: string): Promise<Member> {
  const child = spawn("/bin/sh", ["-c", 'echo $$ > "$0" && exec sleep "$1"', `${dir}/cgroup.procs`, seconds], {
    stdio: "ignore",
  });
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  const member = { child, ended };
  started.push(member);
  // The shell writes its pid into the cgroup before it becomes `sleep`: wait until it is listed.
  while (!readFileSync(`${dir}/cgroup.procs`, "utf8").split("\n").includes(String(child.pid))) {
    if (child.exitCode !== null) throw new Error(`the child could not join ${dir}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return member;
}

function cgroup(owner = process.pid): string {
  const dir = createMemoryCgroup(LIMIT_BYTES, owner);
  if (dir === undefined) throw new Error("createMemoryCgroup failed although it worked a moment ago");
  made.push(dir);
  return dir;
}

/** A pid that existed and has ended (reaped, so /proc no longer lists it). */
async function deadPid(): Promise<number> {
  const child = spawn("/bin/true");
  await new Promise((resolve) => child.on("exit", resolve));
  expect(existsSync(`/proc/${child.pid}`)).toBe(false);
  return child.pid!;
}

describe("releaseCgroup and sweepOrphanCgroups (as root with a memory controller)", () => {
  beforeEach(({ skip }) => {
    if (why !== undefined) skip(why);
  });

  afterEach(async () => {
    for (const { child } of started.splice(0)) child.kill("SIGKILL");
    for (const dir of made.splice(0)) await releaseCgroup(dir, 0);
  });

  test("releaseCgroup kills a process still in the cgroup when the wait runs out, then removes it", async () => {
    const dir = cgroup();
    const sleeper = await sleepIn(dir, "300");
    expect(await releaseCgroup(dir, 100)).toBe(true);
    expect(existsSync(dir)).toBe(false);
    expect(await sleeper.ended).toEqual({ code: null, signal: "SIGKILL" });
  });

  test("releaseCgroup lets a process that ends within the wait end on its own", async () => {
    const dir = cgroup();
    const sleeper = await sleepIn(dir, "0.2");
    expect(await releaseCgroup(dir, 30_000)).toBe(true);
    expect(existsSync(dir)).toBe(false);
    expect(await sleeper.ended).toEqual({ code: 0, signal: null });
  });

  test("sweepOrphanCgroups removes a dead grader's cgroup with its process and keeps a live grader's", async () => {
    const orphan = cgroup(await deadPid());
    const live = cgroup(process.pid);
    const stray = await sleepIn(orphan, "300");
    const busy = await sleepIn(live, "300");
    const swept = await sweepOrphanCgroups();
    expect(swept.removed).toContain(orphan);
    expect(swept.left).toEqual([]);
    expect(await stray.ended).toEqual({ code: null, signal: "SIGKILL" });
    // The stray has ended, so a kill of the live cgroup would have landed too: its sleeper is still in it.
    expect(existsSync(live)).toBe(true);
    expect(readFileSync(`${live}/cgroup.procs`, "utf8").split("\n")).toContain(String(busy.child.pid));
  });
});

test("killMembers refuses a cgroup the grader did not make (the parent of every grader cgroup)", () => {
  expect(() => killMembers("/sys/fs/cgroup/memory/process_api")).toThrow(/not a grader cgroup/);
});
