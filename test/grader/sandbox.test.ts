// The OS sandbox on its own, as root: a probe plays lab code that got out of its realm and tries
// every host attack of the threat model. Each attempt must fail, and nothing may be left behind.
// Without root there is no OS sandbox (the learner realm still holds), so these tests are skipped.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createMemoryCgroup, oomKills, removeCgroup } from "../../grader/runner/cgroup.js";
import { releaseCgroup } from "../../grader/runner/cgroup-release.js";
import { canIsolate, LIMITS, planSandbox, REPO_ROOT } from "../../grader/runner/sandbox.js";

const dir = mkdtempSync(join(tmpdir(), "grader-sandbox-"));
const hostSecret = join(dir, "host-secret.txt");
const hostSocket = join(dir, "host.sock");
const probeDir = join(dir, "probe");
let server: Server | undefined;

const PROBE = `
import { spawn } from "node:child_process";
import { readFileSync, readdirSync, writeFileSync, existsSync } from "node:fs";
import { connect } from "node:net";
const out = {};
const attempt = (name, fn) => { try { out[name] = fn() ?? "ok"; } catch (e) { out[name] = "refused: " + (e.code ?? e.message); } };
const [secret, socket, repo] = process.argv.slice(2);
out.uid = process.getuid();
out.caps = readFileSync("/proc/self/status", "utf8").match(/CapEff:\\t(\\w+)/)[1];
out.processesSeen = readdirSync("/proc").filter((e) => /^\\d+$/.test(e)).length;
attempt("readHostFile", () => readFileSync(secret, "utf8"));
attempt("readPasswd", () => readFileSync("/etc/passwd", "utf8").slice(0, 10));
attempt("listRoot", () => readdirSync("/root"));
attempt("readSolutions", () => readdirSync(repo + "/solutions"));
attempt("readGit", () => readdirSync(repo + "/.git"));
attempt("readTests", () => readdirSync(repo + "/test"));
attempt("writeRepo", () => writeFileSync(repo + "/package.json", "{}"));
attempt("writeTmp", () => { writeFileSync("/tmp/dropped.json", "{}"); return "ok"; });
attempt("hugeFile", () => writeFileSync("/tmp/huge", Buffer.alloc(64 * 1024 * 1024)));
attempt("writeVarTmp", () => { writeFileSync("/var/tmp/dropped.json", "{}"); return "ok"; });
attempt("writeShm", () => { writeFileSync("/dev/shm/dropped.json", "{}"); return "ok"; });
const tryConnect = (options) => new Promise((resolve) => {
  const s = connect(options);
  s.on("connect", () => { s.destroy(); resolve("connected"); });
  s.on("error", (e) => resolve("refused: " + e.code));
  setTimeout(() => { s.destroy(); resolve("refused: timeout"); }, 2000);
});
out.tcp = await tryConnect({ host: "1.1.1.1", port: 443 });
out.loopbackToHost = await tryConnect({ host: "127.0.0.1", port: 22 });
out.unixSocket = await tryConnect({ path: socket });
let started = 0;
const children = [];
for (let i = 0; i < 400; i++) {
  try {
    const child = spawn("/usr/bin/sleep", ["30"], { stdio: "ignore" });
    const failed = await new Promise((resolve) => { child.on("spawn", () => resolve(false)); child.on("error", () => resolve(true)); });
    if (failed) break;
    children.push(child);
    started++;
  } catch { break; }
}
out.processesStarted = started;
for (const child of children) child.kill("SIGKILL");
console.log(JSON.stringify(out));
if (process.argv.includes("--memory")) {
  const hoard = [];
  for (let i = 0; i < 16; i++) { hoard.push(new Uint8Array(100_000_000).fill(1)); console.log("held " + (i + 1) * 100 + " MB"); }
}
`;

/** Runs the probe in the sandbox; resolves with its output and how it ended. */
function runProbe(cgroup: string | undefined, extra: string[] = []): Promise<{ out: string; code: number | null }> {
  const plan = planSandbox({
    nodeArgs: [join(probeDir, "probe.mjs"), hostSecret, hostSocket, REPO_ROOT.replace(/\/$/, ""), ...extra],
    readOnly: [probeDir],
    uid: 61998,
    ...(cgroup ? { cgroup } : {}),
  });
  expect(plan.isolated).toBe(true);
  return new Promise((resolve) => {
    const child = spawn(plan.command, plan.args, { stdio: ["ignore", "pipe", "pipe"], env: { PATH: "/usr/bin:/bin" } });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8");
    });
    child.stderr.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8");
    });
    child.on("exit", (code) => resolve({ out, code }));
  });
}

/** Whether this machine lets root make memory cgroups (not every container does). */
function cgroupsWork(): boolean {
  const made = canIsolate() ? createMemoryCgroup(2 ** 30) : undefined;
  return made !== undefined && removeCgroup(made);
}

describe.runIf(canIsolate())("the OS sandbox around lab runners (as root)", () => {
  let report: Record<string, unknown>;
  const tmpBefore = new Set(readdirSync("/tmp"));

  beforeAll(async () => {
    writeFileSync(hostSecret, "host secret\n");
    // The probe lives in a folder of its own, the only one bound besides the system's.
    mkdirSync(probeDir, { mode: 0o755 });
    writeFileSync(join(probeDir, "probe.mjs"), PROBE, { mode: 0o644 });
    server = createServer((socket) => socket.end("hello from the host\n"));
    await new Promise<void>((resolve) => server!.listen(hostSocket, resolve));
    const { out } = await runProbe(undefined);
    report = JSON.parse(
      out
        .trim()
        .split("\n")
        .find((line) => line.startsWith("{")) ?? "{}",
    );
  }, 120_000);

  afterAll(() => {
    server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test("planSandbox runs lab code as an unprivileged user without capabilities, alone in its PID namespace", () => {
    expect(report.uid).toBe(61998);
    expect(report.caps).toBe("0000000000000000");
    expect(report.processesSeen).toBeLessThanOrEqual(3);
  });

  test("planSandbox shows only an allow-listed, read-only part of the host", () => {
    for (const read of ["readHostFile", "readPasswd", "listRoot", "readSolutions", "readGit", "readTests"]) {
      expect(report[read], read).toMatch(/^refused: ENOENT/);
    }
    expect(report.writeRepo).toMatch(/^refused: (ENOENT|EROFS)/);
  });

  test("planSandbox gives private, size-limited /tmp, /var/tmp and /dev/shm that vanish with the runner", () => {
    expect([report.writeTmp, report.writeVarTmp, report.writeShm]).toEqual(["ok", "ok", "ok"]);
    expect(report.hugeFile).toMatch(/^refused: (EFBIG|ENOSPC)/);
    expect(readdirSync("/tmp").filter((name) => !tmpBefore.has(name) && /dropped|huge/.test(name))).toEqual([]);
  });

  test("planSandbox cuts every network, unix sockets on the host included", () => {
    expect(report.tcp).toMatch(/^refused/);
    expect(report.loopbackToHost).toMatch(/^refused/);
    expect(report.unixSocket).toMatch(/^refused/);
  });

  test("planSandbox caps the processes lab code may start", () => {
    expect(report.processesStarted).toBeGreaterThan(0);
    expect(report.processesStarted).toBeLessThan(LIMITS.processes);
  });

  test.runIf(cgroupsWork())(
    "planSandbox with a memory cgroup stops off-heap memory at the limit",
    async () => {
      const cgroup = createMemoryCgroup(LIMITS.memoryMb * 1024 * 1024)!;
      try {
        const { out, code } = await runProbe(cgroup, ["--memory"]);
        expect(out).not.toContain(`held ${LIMITS.memoryMb + 200} MB`);
        expect(out).not.toContain("held 1600 MB");
        expect(code).not.toBe(0);
        expect(oomKills(cgroup)).toBeGreaterThan(0);
      } finally {
        expect(await releaseCgroup(cgroup)).toBe(true);
      }
    },
    120_000,
  );
});
