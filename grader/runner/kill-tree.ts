import { readdirSync, readFileSync } from "node:fs";

/** Parent pid of each process, read from /proc (Linux); empty elsewhere. */
function parents(): Map<number, number> {
  const map = new Map<number, number>();
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return map;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command name may hold spaces and parentheses; fields after the last ")" are fixed.
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      map.set(Number(entry), Number(fields[1]));
    } catch {
      // The process ended while we looked.
    }
  }
  return map;
}

/** Every descendant of `pid`, children before grandchildren. */
export function descendants(pid: number): number[] {
  const map = parents();
  const found: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const current = queue.shift()!;
    for (const [child, parent] of map) {
      if (parent === current && !found.includes(child)) {
        found.push(child);
        queue.push(child);
      }
    }
  }
  return found;
}

function kill(target: number): void {
  try {
    process.kill(target, "SIGKILL");
  } catch {
    // Already gone.
  }
}

/**
 * Kills a process, its process group and every descendant that moved to a group of its own,
 * before any of them can reparent away from the tree.
 *
 * @example
 * killTree(child.pid) // child and everything it started are gone
 */
export function killTree(pid: number): number[] {
  const tree = descendants(pid);
  kill(-pid);
  kill(pid);
  for (const child of tree) kill(child);
  return [pid, ...tree];
}

/** True while `pid` exists and has not ended (a zombie has ended). */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return !stat.slice(stat.lastIndexOf(")") + 2).startsWith("Z");
  } catch {
    return false;
  }
}

/**
 * Kills a tree like killTree, then waits (up to `waitMs`) until every process of it has ended,
 * so a caller that reports "stopped" does not race the kernel delivering the signals.
 *
 * @example
 * await killTreeAndWait(child.pid) // nothing of the tree is running any more
 */
export async function killTreeAndWait(pid: number, waitMs = 5_000): Promise<void> {
  let pids = killTree(pid);
  for (let waited = 0; waited < waitMs && pids.length > 0; waited += 50) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    // Processes a dying parent had just started are found and killed on the next round.
    for (const p of pids) if (alive(p)) for (const child of killTree(p)) if (!pids.includes(child)) pids.push(child);
    pids = pids.filter(alive);
  }
}
