// The parent side of the lab runner: starts the child on first use, sends one request at a time,
// enforces the deadline and the reply size, and turns every way the child can misbehave into an
// outcome the check can report. A fresh child replaces one that timed out or crashed.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { oomKills } from "./cgroup.js";
import { killTree } from "./kill-tree.js";
import { fromTagged } from "./plain-data.js";
import { type CallRequest, type DriveRequest, REPLY_BYTES_MAX, type Reply } from "./protocol.js";
import { HEAP_MB_DEFAULT, LIMITS, planSandbox, REPO_ROOT } from "./sandbox.js";

/** Per-call deadline: generous for a lab function, short for an infinite loop. */
export const CALL_TIMEOUT_MS_DEFAULT = 5_000;
/** Extra time a fresh runner gets to start node and tsx and compile the lab (busy 2-core box). */
export const STARTUP_GRACE_MS_DEFAULT = 20_000;
/** How much of the lab's own output a failure message quotes. */
const OUTPUT_TAIL_CHARS = 1_500;

/** A request before the runner numbers it. */
export type RequestBody = Omit<CallRequest, "id"> | Omit<DriveRequest, "id">;

export type Outcome =
  | { ok: true; value: unknown }
  | { ok: false; kind: "load" | "error" | "timeout" | "crash" | "oversize"; message: string; output: string };

export interface LabRunnerOptions {
  /** Folder holding the lab's files (a workspace copy of `labs/<id>/`). */
  labDir: string;
  /** Trusted driver modules, loaded before lab code. */
  drivers?: string[];
  heapMb?: number;
  startupGraceMs?: number;
  /** False runs lab code as the current user even as root. */
  isolate?: boolean;
  /** Memory cgroup of the submission, which sandboxed runners join. */
  cgroup?: string;
  /** User id lab code runs as when isolated. */
  uid?: number;
}

interface Live {
  process: ChildProcess;
  output: string;
  buffer: string;
  /** Id of the last request the child confirmed it received. */
  received: number;
  /** Lab files whose import started and has not finished. */
  loading: Set<string>;
  /** V8 printed its out-of-memory report (it scrolls out of the output tail). */
  outOfMemory: boolean;
  onReply?: (reply: Extract<Reply, { ok: boolean }>) => void;
  /** The request moved past start-up or an import: its own deadline starts now. */
  onProgress?: () => void;
  onDeath?: (why: string, kind?: "crash" | "oversize") => void;
}

const CHILD = fileURLToPath(new URL("./child.ts", import.meta.url));
const TSX = fileURLToPath(new URL("../../node_modules/tsx/dist/loader.mjs", import.meta.url));
/**
 * What a sandboxed runner may read of the grader's repository: its code, its packages and
 * sim-core. Never solutions/, test files, .git or anything else of the host.
 */
const RUNNER_READS = [
  "package.json",
  "tsconfig.json",
  "tsconfig.base.json",
  "node_modules",
  "sim-core",
  "grader/runner",
].map((path) => join(REPO_ROOT, path));

export class LabRunner {
  private live: Live | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private nextId = 1;
  private loadHang: string | undefined;
  /** True once a runner actually ran isolated (as another user, without network). */
  isolated = false;

  constructor(private readonly options: LabRunnerOptions) {}

  /** Sends one request; requests queue so the child handles one at a time. */
  request(request: RequestBody, timeoutMs = CALL_TIMEOUT_MS_DEFAULT): Promise<Outcome> {
    const run = this.queue.then(() => this.send(request, timeoutMs));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Stops the child and everything it started. */
  close(): void {
    if (this.live?.process.pid) killTree(this.live.process.pid);
    this.live = undefined;
  }

  private start(): Live {
    const plan = planSandbox({
      // The lab folder as an argument tells `ps` which workspace a runner serves.
      nodeArgs: [
        `--max-old-space-size=${this.options.heapMb ?? HEAP_MB_DEFAULT}`,
        "--import",
        TSX,
        CHILD,
        this.options.labDir,
      ],
      readOnly: [...RUNNER_READS, ...(this.options.drivers ?? []), this.options.labDir],
      isolate: this.options.isolate ?? true,
      ...(this.options.uid === undefined ? {} : { uid: this.options.uid }),
      ...(this.options.cgroup === undefined ? {} : { cgroup: this.options.cgroup }),
    });
    this.isolated = plan.isolated;
    const oomBefore = this.options.cgroup ? oomKills(this.options.cgroup) : 0;
    const child = spawn(plan.command, plan.args, {
      cwd: this.options.labDir,
      detached: true,
      stdio: ["pipe", "pipe", "pipe", "pipe"],
      // Lab code sees no grader paths or secrets: only what it needs to run.
      env: {
        PATH: process.env.PATH ?? "/usr/bin:/bin",
        HOME: "/tmp",
        NODE_ENV: "test",
        GRADER_LAB_DIR: this.options.labDir,
        GRADER_DRIVERS: JSON.stringify(this.options.drivers ?? []),
        TSX_DISABLE_CACHE: "1",
      },
    });
    const live: Live = { process: child, output: "", buffer: "", loading: new Set(), outOfMemory: false, received: 0 };
    const keep = (chunk: Buffer) => {
      const text = chunk.toString("utf8");
      if (/heap out of memory|Reached heap limit/.test(text)) live.outOfMemory = true;
      live.output = (live.output + text).slice(-OUTPUT_TAIL_CHARS);
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    (child.stdio[3] as Readable).on("data", (chunk: Buffer) => {
      live.buffer += chunk.toString("utf8");
      if (live.buffer.length > REPLY_BYTES_MAX) {
        live.onDeath?.(`returned more than ${REPLY_BYTES_MAX} bytes of data`, "oversize");
        return;
      }
      let newline = live.buffer.indexOf("\n");
      while (newline >= 0) {
        const line = live.buffer.slice(0, newline);
        live.buffer = live.buffer.slice(newline + 1);
        let reply: Reply;
        try {
          reply = JSON.parse(line) as Reply;
        } catch {
          live.onDeath?.("sent an answer that is not valid JSON");
          return;
        }
        if ("loading" in reply) live.loading.add(reply.loading);
        else if ("loaded" in reply) {
          live.loading.delete(reply.loaded);
          live.onProgress?.();
        } else if ("started" in reply) live.onProgress?.();
        else if ("received" in reply) live.received = reply.id;
        else live.onReply?.(reply);
        newline = live.buffer.indexOf("\n");
      }
    });
    child.on("exit", (code, signal) => {
      // A runner that died between calls (a timer in lab code threw, say) is replaced next call.
      if (this.live === live) this.live = undefined;
      if (this.options.cgroup && oomKills(this.options.cgroup) > oomBefore) live.outOfMemory = true;
      const why = live.outOfMemory
        ? `ran out of memory (the lab process may use ${this.options.heapMb ?? HEAP_MB_DEFAULT} MB of heap${plan.isolated ? `, ${LIMITS.memoryMb} MB in all` : ""})`
        : `ended the lab process (exit code ${code}, signal ${signal})`;
      live.onDeath?.(why);
    });
    child.on("error", (error) => live.onDeath?.(`could not start the lab process: ${error.message}`));
    child.stdin?.on("error", () => undefined);
    return live;
  }

  private send(request: RequestBody, timeoutMs: number, retried = false): Promise<Outcome> {
    if (this.loadHang) {
      return Promise.resolve({ ok: false, kind: "timeout", message: this.loadHang, output: "" });
    }
    if (!existsSync(this.options.labDir)) {
      const message = `the lab folder ${this.options.labDir} does not exist`;
      return Promise.resolve({ ok: false, kind: "load", message, output: "" });
    }
    const fresh = !this.live;
    const live = this.live ?? this.start();
    this.live = live;
    live.output = "";
    const id = this.nextId++;
    const grace = fresh ? (this.options.startupGraceMs ?? STARTUP_GRACE_MS_DEFAULT) : 0;
    return new Promise<Outcome>((resolve) => {
      const finish = (outcome: Outcome, stop: boolean) => {
        clearTimeout(timer);
        live.onReply = undefined;
        live.onDeath = undefined;
        live.onProgress = undefined;
        if (stop) {
          if (live.process.pid) killTree(live.process.pid);
          if (this.live === live) this.live = undefined;
        }
        resolve(outcome);
      };
      const expire = () => {
        const hung = [...live.loading][0];
        if (hung !== undefined) {
          // Importing is deterministic: every later call would hang the same way, so fail them fast.
          this.loadHang = `loading ${hung} did not finish within ${timeoutMs + grace} ms (an infinite loop or a never-resolving await at the top level of the file?)`;
          finish({ ok: false, kind: "timeout", message: this.loadHang, output: live.output }, true);
          return;
        }
        const message = `did not finish within ${timeoutMs} ms (infinite loop, or a promise that never resolves?)`;
        finish({ ok: false, kind: "timeout", message, output: live.output }, true);
      };
      // Start-up and importing lab files have their own allowance: the call's deadline restarts
      // when the child starts the call and after each lab file it finishes importing.
      let timer = setTimeout(expire, timeoutMs + grace);
      live.onProgress = () => {
        clearTimeout(timer);
        timer = setTimeout(expire, timeoutMs);
      };
      live.onDeath = (why, kind = "crash") => {
        if (live.received < id && !retried) {
          // The runner died before it saw this request (it died between calls): the request did
          // not run, so it goes to a fresh runner once.
          clearTimeout(timer);
          live.onReply = undefined;
          live.onDeath = undefined;
          if (this.live === live) this.live = undefined;
          resolve(this.send(request, timeoutMs, true));
          return;
        }
        // V8's own out-of-memory report is a native stack trace: noise to a learner.
        const output = live.outOfMemory ? "" : live.output;
        finish({ ok: false, kind, message: why, output }, true);
      };
      live.onReply = (reply) => {
        if (reply.id !== id) return;
        if (reply.ok) {
          finish({ ok: true, value: fromTagged(JSON.parse(reply.json)) }, false);
        } else {
          const kind = reply.phase === "load" ? "load" : reply.phase === "oversize" ? "oversize" : "error";
          finish({ ok: false, kind, message: reply.error, output: live.output }, false);
        }
      };
      live.process.stdin?.write(`${JSON.stringify({ ...request, id })}\n`);
    });
  }
}
