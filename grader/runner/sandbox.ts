// How the lab runner is started. As root (an instructor's batch, Gradescope, CI) it runs in an
// OS sandbox built from an allow-list: bubblewrap gives it fresh PID, network, IPC and mount
// namespaces with a read-only view of only what the runner needs and private, size-limited
// /tmp, /var/tmp and /dev/shm; it then drops to an unprivileged user with no capabilities,
// under process limits (prlimit) and, where the machine lets us, a memory cgroup (no address
// space limit instead: tsx reserves gigabytes of it for WebAssembly it never fills). Without root
// (a laptop) the runner runs as the user: the learner realm still holds, the OS sandbox is off.
import { spawnSync } from "node:child_process";
import { existsSync, lstatSync, readlinkSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const SETPRIV = "/usr/bin/setpriv";
const BWRAP = "/usr/bin/bwrap";
const PRLIMIT = "/usr/bin/prlimit";

/** Folder of the grader's repository (the one holding node_modules, sim-core and test/labs). */
export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** The user id lab code runs as under root; nobody on Debian. */
export const SANDBOX_UID_DEFAULT = 65534;

/** Heap cap of the lab runner, in MiB: plenty for a lab, far below the machine. */
export const HEAP_MB_DEFAULT = 256;

/**
 * Limits of a sandboxed runner. Memory counts everything the runner's processes hold (heap,
 * off-heap buffers, esbuild's transpiler), so it is the heap cap plus room for the rest.
 */
export const LIMITS = {
  memoryMb: HEAP_MB_DEFAULT + 512,
  /** Processes and threads of the sandbox user: node (~11 threads) and esbuild's Go runtime. */
  processes: 256,
  fileBytes: 16 * 1024 * 1024,
  cpuS: 600,
  openFiles: 256,
  tmpBytes: 16 * 1024 * 1024,
} as const;

export interface SandboxPlan {
  command: string;
  args: string[];
  /** True when lab code runs in the OS sandbox (as another user, without network). */
  isolated: boolean;
  /** Why the OS sandbox is off, when it is. */
  off?: string;
}

export interface SandboxOptions {
  /** Node arguments and script of the lab runner. */
  nodeArgs: string[];
  /** Files and folders the runner may read (the lab folder, drivers, the grader's code). */
  readOnly: readonly string[];
  uid?: number;
  /** Memory cgroup folder the runner joins (one per submission, see cgroup.ts). */
  cgroup?: string;
  /** Set false to run as the current user even as root (the grader's own tests do both). */
  isolate?: boolean;
}

let tried: { why: string | undefined } | undefined;

/** Why this process cannot start sandboxed lab runners, or undefined when it can. */
export function sandboxUnavailable(): string | undefined {
  if (process.platform !== "linux") return "the OS sandbox needs Linux";
  if (process.getuid?.() !== 0) return "the OS sandbox needs root (an instructor's batch, Gradescope, CI)";
  for (const tool of [BWRAP, SETPRIV, PRLIMIT]) {
    if (!existsSync(tool)) return `${tool} is missing (apt-get install -y bubblewrap util-linux)`;
  }
  // Some containers forbid new namespaces even to root: try once, rather than fail every call.
  tried ??= (() => {
    const probe = spawnSync(
      BWRAP,
      ["--unshare-pid", "--unshare-net", "--die-with-parent", ...systemMounts(), "--", "/bin/true"],
      { timeout: 10_000, encoding: "utf8" },
    );
    return {
      why:
        probe.status === 0
          ? undefined
          : `bubblewrap cannot make a sandbox here: ${(probe.stderr ?? "").trim() || probe.error?.message}`,
    };
  })();
  return tried.why;
}

/** Whether this process can start sandboxed lab runners. */
export function canIsolate(): boolean {
  return sandboxUnavailable() === undefined;
}

/** The system folders every runner needs (node and its libraries), as the host lays them out. */
function systemMounts(): string[] {
  const args: string[] = [];
  for (const dir of ["/usr", "/bin", "/sbin", "/lib", "/lib64", "/lib32", "/libx32"]) {
    if (!existsSync(dir)) continue;
    const link = readLink(dir);
    if (link !== undefined) args.push("--symlink", link, dir);
    else args.push("--ro-bind", dir, dir);
  }
  // node outside /usr (nvm, a tarball in /opt): its own folder.
  const nodeHome = dirname(dirname(process.execPath));
  if (!nodeHome.startsWith("/usr")) args.push("--ro-bind", nodeHome, nodeHome);
  return args;
}

function readLink(path: string): string | undefined {
  return lstatSync(path).isSymbolicLink() ? readlinkSync(path) : undefined;
}

/**
 * The folders leading to bind targets, made traversable (0755) inside the sandbox: bubblewrap
 * makes them 0700, which the sandbox user could not pass. Nothing on the host changes.
 */
function folders(paths: readonly string[]): string[] {
  const made = new Set<string>();
  for (const path of paths) {
    for (let at = dirname(path); at !== "/" && !made.has(at); at = dirname(at)) made.add(at);
  }
  return [...made]
    .filter((dir) => !dir.startsWith("/usr/"))
    .sort((a, b) => a.split("/").length - b.split("/").length)
    .flatMap((dir) => ["--perms", "0755", "--dir", dir]);
}

/**
 * Builds the command that starts the lab runner, in the OS sandbox when possible.
 *
 * @example
 * planSandbox({ nodeArgs: ["child.js"], readOnly: [], isolate: false }).isolated // false
 */
export function planSandbox(options: SandboxOptions): SandboxPlan {
  const node = process.execPath;
  const unavailable = sandboxUnavailable();
  if (!(options.isolate ?? true) || unavailable !== undefined) {
    // The runner dies with the test process that started it, even when that one is killed.
    const deathSignal = existsSync(SETPRIV) ? [SETPRIV, "--pdeathsig", "KILL", "--"] : [];
    const [command, ...rest] = [...deathSignal, node, ...options.nodeArgs];
    return {
      command: command!,
      args: rest,
      isolated: false,
      off: unavailable ?? "turned off (--no-isolate)",
    };
  }
  const uid = String(options.uid ?? SANDBOX_UID_DEFAULT);
  const tmpfs = (path: string) => ["--perms", "1777", "--size", String(LIMITS.tmpBytes), "--tmpfs", path];
  // The dynamic loader's cache, and OpenSSL's configuration, which node reads when it starts
  // (Debian's node links the system OpenSSL); then what the runner itself needs.
  const readable = ["/etc/ld.so.cache", "/etc/ssl/openssl.cnf", ...options.readOnly].filter((path) => existsSync(path));
  const binds = [...folders(readable), ...readable.flatMap((path) => ["--ro-bind", path, path])];
  const cgroup = options.cgroup;
  const prlimit = [
    PRLIMIT,
    `--nproc=${LIMITS.processes}`,
    `--fsize=${LIMITS.fileBytes}`,
    `--cpu=${LIMITS.cpuS}`,
    `--nofile=${LIMITS.openFiles}`,
    `--core=0`,
    "--",
  ];
  const bwrap = [
    BWRAP,
    "--unshare-pid",
    "--unshare-net",
    "--unshare-ipc",
    "--unshare-uts",
    "--unshare-cgroup-try",
    "--die-with-parent",
    "--new-session",
    "--hostname",
    "lab",
    ...systemMounts(),
    "--proc",
    "/proc",
    "--dev",
    "/dev",
    ...tmpfs("/tmp"),
    ...tmpfs("/var/tmp"),
    ...tmpfs("/dev/shm"),
    ...binds,
    "--chdir",
    "/tmp",
    // Only to become the sandbox user below; setpriv then drops every capability.
    "--cap-add",
    "CAP_SETUID",
    "--cap-add",
    "CAP_SETGID",
    "--",
    SETPRIV,
    `--reuid=${uid}`,
    `--regid=${uid}`,
    "--clear-groups",
    "--inh-caps=-all",
    "--bounding-set=-all",
    "--no-new-privs",
    "--",
    node,
    ...options.nodeArgs,
  ];
  const inner = [...prlimit, ...bwrap];
  // The cgroup is joined by a shell that then becomes the sandbox, so nothing escapes the limit.
  const [command, ...args] = cgroup
    ? ["/bin/sh", "-c", 'echo $$ > "$0" && exec "$@"', join(cgroup, "cgroup.procs"), ...inner]
    : [SETPRIV, "--pdeathsig", "KILL", "--", ...inner];
  return {
    command: command!,
    args,
    isolated: true,
  };
}
