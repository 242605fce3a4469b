// How the lab runner is started. As root (an instructor's batch, Gradescope) it runs in fresh
// PID, mount and network namespaces as an unprivileged user: no network, no view of other
// processes, and the solutions, hidden checks and other submissions hidden under empty mounts.
// As an ordinary user on a laptop it runs as that user; scores there are feedback only.
import { chmodSync, existsSync, statSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";

const SETPRIV = "/usr/bin/setpriv";
const UNSHARE = "/usr/bin/unshare";

/** Folder of the grader's repository (the one holding node_modules, sim-core and test/labs). */
export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** The user id lab code runs as under root; nobody on Debian. */
export const SANDBOX_UID_DEFAULT = 65534;

/** Heap cap of the lab runner, in MiB: plenty for a lab, far below the machine. */
export const HEAP_MB_DEFAULT = 256;

export interface SandboxPlan {
  command: string;
  args: string[];
  /** True when lab code runs as another user without network. */
  isolated: boolean;
}

export interface SandboxOptions {
  /** Node arguments and script of the lab runner. */
  nodeArgs: string[];
  /** Folders lab code must not read (solutions, hidden checks, other submissions). */
  hide: readonly string[];
  uid?: number;
  /** Set false to run as the current user even as root (the grader's own tests do both). */
  isolate?: boolean;
}

/** Whether this process can start isolated lab runners (root on Linux with util-linux). */
export function canIsolate(): boolean {
  return process.getuid?.() === 0 && existsSync(SETPRIV) && existsSync(UNSHARE);
}

/**
 * Lets the sandbox user reach `dir` (the course and its node_modules): adds the traverse bit
 * (o+x, never read or write) to each ancestor that lacks it, such as a 0700 folder made by
 * `mktemp -d` around a fresh clone, and returns the folders it changed. Without it every isolated
 * runner dies at start-up unable to load tsx. Only as root, and only where isolation will run.
 *
 * @example
 * ensureTraversable("/") // []
 */
export function ensureTraversable(dir: string): string[] {
  const changed: string[] = [];
  for (let at = dir; ; at = dirname(at)) {
    const mode = statSync(at).mode;
    if ((mode & 0o001) === 0) {
      chmodSync(at, (mode & 0o7777) | 0o001);
      changed.push(at);
    }
    if (dirname(at) === at) return changed;
  }
}

function quote(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/**
 * Builds the command that starts the lab runner, isolated when possible.
 *
 * @example
 * planSandbox({ nodeArgs: ["child.js"], hide: [], isolate: false }).isolated // false
 */
export function planSandbox(options: SandboxOptions): SandboxPlan {
  const node = process.execPath;
  // The runner dies with the test process that started it, even when that one is killed.
  const deathSignal = existsSync(SETPRIV) ? [SETPRIV, "--pdeathsig", "KILL", "--"] : [];
  if (!(options.isolate ?? true) || !canIsolate()) {
    const [command, ...rest] = [...deathSignal, node, ...options.nodeArgs];
    return { command: command!, args: rest, isolated: false };
  }
  const uid = String(options.uid ?? SANDBOX_UID_DEFAULT);
  const mounts = options.hide
    .filter((dir) => existsSync(dir))
    .map((dir) => `mount -t tmpfs -o size=4k,mode=0755 grader-hidden ${quote(dir)}`);
  const drop = `exec ${SETPRIV} --reuid=${uid} --regid=${uid} --clear-groups --no-new-privs --pdeathsig KILL -- "$@"`;
  const script = [...mounts, drop].join(" && ");
  return {
    command: SETPRIV,
    args: [
      "--pdeathsig",
      "KILL",
      "--",
      UNSHARE,
      "--pid",
      "--fork",
      "--kill-child",
      "--mount-proc",
      "--net",
      "--",
      "/bin/sh",
      "-c",
      script,
      "lab-runner",
      node,
      ...options.nodeArgs,
    ],
    isolated: true,
  };
}
