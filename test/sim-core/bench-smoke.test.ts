import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// Benchmarks are run by `npm run bench`, never timed here. This only proves, at tiny sizes, that
// every benchmark script runs, prints valid JSON, and that each typed-array twin still agrees
// with sim-core, so the benchmarks cannot rot unnoticed between runs.
const root = fileURLToPath(new URL("../..", import.meta.url));

function bench(args: string[]) {
  return spawnSync(process.execPath, ["scripts/bench.mjs", ...args], { cwd: root, encoding: "utf8" });
}

describe("npm run bench", () => {
  it("bench.mjs --json prints one valid JSON object per case, each with its baseline", () => {
    const run = bench(["--json", "--scale", "0.001", "--no-simpy", "--seed", "3"]);
    expect(run.stderr).toContain("seed=3");
    expect(run.status).toBe(0);
    const rows = run.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(rows.map((r) => r.name)).toEqual([
      "mm1",
      "mmc",
      "timers",
      "flow",
      "flow",
      "flow",
      "flow",
      "pbs",
      "fanOut",
      "fanOut",
      "fanOut",
      "decomposition",
      "evacuation",
    ]);
    for (const row of rows) {
      expect(row.seed).toBe(3);
      expect(row.error).toBeUndefined();
      expect(row.wallMs).toBeGreaterThanOrEqual(0);
      expect(row.peakRssMb).toBeGreaterThan(0);
      // A speed budget with no twin (the module-1 page's runs): it reports per-preset times.
      if (row.name === "decomposition" || row.name === "evacuation") {
        expect(row.baseline.skipped).toBe("no typed-array twin");
        expect(row.default.warmCpuMsPerRun).toBeGreaterThan(0);
        continue;
      }
      expect(row.baseline.error).toBeUndefined();
      expect(row.ratioVsBaseline).toBeGreaterThan(0);
      // Exact twins must reproduce sim-core's results; the flow twin agrees only statistically.
      if (row.name !== "flow") expect(row.sameAsBaseline).toBe(true);
      expect(row.simpy.skipped).toMatch(
        row.name === "pbs" || row.name === "fanOut" ? /no SimPy equivalent/ : /--no-simpy/,
      );
    }
    const [mm1, , timers, flow] = rows;
    expect(mm1.customers).toBe(1000);
    expect(mm1.meanResponse).toBeGreaterThan(0);
    expect(timers.events).toBe(1000);
    expect(flow.requests).toBe(10);
    expect(flow.ok).toBe(10);
  }, 120_000);

  it("bench.mjs --only NAME runs that benchmark alone and rejects unknown names", () => {
    const one = bench(["--json", "--only", "timers", "--scale", "0.0001", "--no-simpy"]);
    expect(one.status).toBe(0);
    expect(
      one.stdout
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line).name),
    ).toEqual(["timers"]);
    const bad = bench(["--only", "nope"]);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain(
      "--only nope: unknown benchmark (known: mm1, mmc, timers, flow, pbs, fanOut, decomposition, evacuation)",
    );
  }, 60_000);

  const simpy = spawnSync("/usr/bin/python3", ["-c", "import simpy"]).status === 0;
  it.skipIf(!simpy)(
    "bench/simpy/*.py each print one JSON line at a tiny size (when SimPy is installed)",
    () => {
      const scripts: [string, string[]][] = [
        ["bench/simpy/mmc.py", ["--servers", "2", "--lambda", "1", "--mu", "1"]],
        ["bench/simpy/timers.py", []],
        ["bench/simpy/flow.py", ["--rate", "2000"]],
      ];
      for (const [script, args] of scripts) {
        const run = spawnSync("/usr/bin/python3", [script, "--size", "200", "--seed", "1", ...args], {
          cwd: root,
          encoding: "utf8",
        });
        expect(run.status, run.stderr).toBe(0);
        const line = JSON.parse(run.stdout);
        expect(line.variant).toBe("simpy");
        expect(line.size).toBe(200);
      }
    },
    60_000,
  );
});
