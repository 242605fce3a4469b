// A memory cgroup per graded submission, where the machine lets root make one (cgroup v1 as on
// these machines, or v2): it caps everything the submission's lab runners hold, heap and
// off-heap alike, which a V8 heap cap alone does not. Where none can be made, only the heap cap
// holds (the report's notes say so).
import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Where the memory controller of this process lives, and which cgroup version it is. */
function parent(): { dir: string; v2: boolean } | undefined {
  let lines: string[];
  try {
    lines = readFileSync("/proc/self/cgroup", "utf8").split("\n");
  } catch {
    return undefined;
  }
  const v1 = lines.find((line) => /^\d+:memory:/.test(line));
  if (v1 && existsSync("/sys/fs/cgroup/memory"))
    return { dir: join("/sys/fs/cgroup/memory", v1.split(":")[2]!), v2: false };
  const v2 = lines.find((line) => line.startsWith("0::"));
  if (v2 && existsSync("/sys/fs/cgroup/cgroup.controllers"))
    return { dir: join("/sys/fs/cgroup", v2.slice(3)), v2: true };
  return undefined;
}

/**
 * Makes `grader-<owner pid>-<n>` with a memory limit and returns its folder, or undefined when
 * this machine does not let us (not root, read-only cgroups, no memory controller).
 *
 * @example
 * const dir = createMemoryCgroup(768 * 2 ** 20); // "/sys/fs/cgroup/memory/…/grader-123-1" as root
 */
export function createMemoryCgroup(limitBytes: number, owner = process.pid): string | undefined {
  const at = parent();
  if (!at) return undefined;
  const dir = join(at.dir, `grader-${owner}-${++count}`);
  try {
    mkdirSync(dir);
    if (at.v2) {
      writeFileSync(join(dir, "memory.max"), String(limitBytes));
      if (existsSync(join(dir, "memory.swap.max"))) writeFileSync(join(dir, "memory.swap.max"), "0");
    } else writeFileSync(join(dir, "memory.limit_in_bytes"), String(limitBytes));
    return dir;
  } catch {
    removeCgroup(dir);
    return undefined;
  }
}
let count = 0;

/** How many times the kernel killed a process of the cgroup for memory. */
export function oomKills(dir: string): number {
  for (const file of ["memory.oom_control", "memory.events"]) {
    try {
      const match = /oom_kill (\d+)/.exec(readFileSync(join(dir, file), "utf8"));
      if (match) return Number(match[1]);
    } catch {
      // The other version's file.
    }
  }
  return 0;
}

/** Removes an empty cgroup; true when it is gone. */
export function removeCgroup(dir: string): boolean {
  try {
    rmdirSync(dir);
    return true;
  } catch {
    return !existsSync(dir);
  }
}

/**
 * The names createMemoryCgroup gives: `grader-<owner pid>-<n>`. Only cgroups so named are ever
 * killed or swept (cgroup-release.ts), never a parent or a stranger's cgroup.
 */
export const GRADER_CGROUP = /^grader-(\d+)-\d+$/;

/**
 * The grader cgroups under this process's memory cgroup, with the pid of the grader that made each.
 *
 * @example
 * graderCgroups() // [{ dir: "/sys/fs/cgroup/memory/…/grader-123-1", owner: 123 }]
 */
export function graderCgroups(): { dir: string; owner: number }[] {
  const at = parent();
  if (!at) return [];
  let names: string[];
  try {
    names = readdirSync(at.dir);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const owner = GRADER_CGROUP.exec(name)?.[1];
    return owner === undefined ? [] : [{ dir: join(at.dir, name), owner: Number(owner) }];
  });
}
