// Ending a submission's memory cgroup (cgroup.ts makes it): wait for its processes, kill what
// outlives the wait, and sweep the cgroups of graders that died without removing theirs. Each
// leftover cgroup is a leak on the host that also trips the next run's leftover check.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { GRADER_CGROUP, graderCgroups, removeCgroup } from "./cgroup.js";

/** How long a submission's processes get to end on their own once its grading is over. */
export const RELEASE_WAIT_MS = 5_000;
/** How long, after SIGKILL, before the grader gives up: only a process stuck in the kernel lasts. */
export const KILL_WAIT_MS = 2_000;

/**
 * Removes a cgroup once its last process has exited (waits up to `waitMs`). Under load a lab
 * runner can still be exiting when the wait runs out: then every process still in the cgroup is
 * killed (it belongs to this submission, whose grading is over) and the removal retried for up to
 * `killWaitMs`. False only when a process survived that too; the caller must say so.
 *
 * @example
 * await releaseCgroup(dir) // true, and nothing of the submission runs any more
 */
export async function releaseCgroup(
  dir: string,
  waitMs = RELEASE_WAIT_MS,
  killWaitMs = KILL_WAIT_MS,
): Promise<boolean> {
  if (await retryRemove(dir, waitMs)) return true;
  // Each round kills again: a dying runner may have forked after the previous round read the list.
  return retryRemove(dir, killWaitMs, () => killMembers(dir));
}

/** Tries to remove `dir` every 50 ms for up to `waitMs`, calling `before` ahead of each try. */
async function retryRemove(dir: string, waitMs: number, before?: () => void): Promise<boolean> {
  for (let waited = 0; ; waited += 50) {
    before?.();
    if (removeCgroup(dir)) return true;
    if (waited >= waitMs) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * SIGKILLs every process in a grader cgroup and returns their pids. v1 lists processes in
 * `cgroup.procs` and threads in `tasks` (both are read); v2 lists processes in `cgroup.procs` and,
 * from Linux 5.14, kills them all at once, forks in flight included, through `cgroup.kill`.
 *
 * @example
 * killMembers("/sys/fs/cgroup/memory/…/grader-123-1") // [4567, 4570]
 */
export function killMembers(dir: string): number[] {
  if (!GRADER_CGROUP.test(basename(dir))) throw new Error(`not a grader cgroup: ${dir}`);
  try {
    writeFileSync(join(dir, "cgroup.kill"), "1");
  } catch {
    // v1, or a kernel before 5.14: the list below does it.
  }
  const pids = new Set<number>();
  for (const file of ["cgroup.procs", "tasks"]) {
    try {
      for (const line of readFileSync(join(dir, file), "utf8").split("\n")) pids.add(Number(line));
    } catch {
      // v2 has no `tasks`; or the cgroup is already gone.
    }
  }
  // 0 is a process outside our PID namespace (and "" reads as 0): it cannot be signalled from here.
  const killed = [...pids].filter((pid) => Number.isInteger(pid) && pid > 0 && pid !== process.pid);
  for (const pid of killed) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // Ended while we looked.
    }
  }
  return killed;
}

/** Removes every cgroup a grading process `owner` made (after it was killed); returns those left. */
export async function releaseCgroupsOf(owner: number): Promise<string[]> {
  const mine = graderCgroups().filter((cgroup) => cgroup.owner === owner);
  const released = await Promise.all(mine.map(({ dir }) => releaseCgroup(dir)));
  return mine.filter((_, i) => !released[i]).map(({ dir }) => dir);
}

/**
 * Removes the cgroups of graders that ended without removing them (a crash, a kill -9), so they
 * do not pile up. A cgroup whose owner still runs is never touched, even when it looks idle: that
 * grader may be about to start a runner in it. Returns what was removed and what could not be.
 *
 * @example
 * await sweepOrphanCgroups() // { removed: ["/sys/fs/cgroup/memory/…/grader-99-1"], left: [] }
 */
export async function sweepOrphanCgroups(): Promise<{ removed: string[]; left: string[] }> {
  // A pid that exists is taken as the owner, even if the number was reused: the safe mistake.
  const orphans = graderCgroups().filter(({ owner }) => !existsSync(`/proc/${owner}`));
  // Their processes belong to a grading that is over: no wait, kill at once.
  const released = await Promise.all(orphans.map(({ dir }) => releaseCgroup(dir, 0)));
  const dirs = orphans.map(({ dir }) => dir);
  return { removed: dirs.filter((_, i) => released[i]), left: dirs.filter((_, i) => !released[i]) };
}

/**
 * What the report says when a cgroup outlived every attempt: the leak is named, not silent.
 *
 * @example
 * cgroupLeftNote("/sys/fs/cgroup/memory/grader-12-1") // "the grader could not remove the memory cgroup …"
 */
export function cgroupLeftNote(dir: string): string {
  return (
    `the grader could not remove the memory cgroup ${dir}: a process of this submission outlived ` +
    `SIGKILL for ${KILL_WAIT_MS / 1000} s; the next grader to start removes it (or rmdir it once it is empty)`
  );
}
