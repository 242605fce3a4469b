#!/usr/bin/env node
// `npm run bench`: runs each benchmark in bench/ beside its baselines, each variant in its own
// child process (so peak RSS is per variant), and prints ratios measured in this same run.
//
//   npm run bench                      human table
//   npm run bench -- --json            one JSON object per line
//   npm run bench -- --only mm1        one benchmark (repeatable)
//   npm run bench -- --seed 7          another seed (default 1)
//   npm run bench -- --scale 0.01      every size times 0.01 (a quick look; the smoke test uses it)
//   npm run bench -- --no-simpy        skip SimPy even when present
//   npm run bench -- --repeat 3        run each JS variant 3 times, interleaved, keep the fastest
//   npm run bench -- --clock cpu       rank and compare by CPU time instead of wall time (steadier
//                                      when other work shares the machine; includes GC threads)
//                                      (this machine is shared: the best of a few is the least noisy)
//
// See bench/README.md for the convention a benchmark follows.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const PYTHON = "/usr/bin/python3"; // Debian's python3-simpy3 installs for this interpreter only.
const CHILD_TIMEOUT_MS = 15 * 60_000;

/**
 * The benchmarks. `compare` names result fields the typed-array baseline must reproduce exactly
 * (it draws the same numbers in the same order), proving it does the same work; an empty list
 * marks a twin that agrees only statistically. SimPy runs at most `simpy.maxSize` (default: the
 * full size); ratios against SimPy compare throughput, so a smaller SimPy run still compares.
 */
const BENCHMARKS = [
  {
    name: "mm1",
    file: "bench/mm1.ts",
    unit: "customers",
    cases: [{ size: 1_000_000 }],
    compare: ["customers", "meanResponse", "meanWait", "utilisation", "meanInSystem"],
    simpy: { script: "bench/simpy/mmc.py", args: ["--servers", "1", "--lambda", "0.9", "--mu", "1"] },
  },
  {
    name: "mmc",
    file: "bench/mmc.ts",
    unit: "customers",
    cases: [{ size: 1_000_000 }],
    compare: ["customers", "meanResponse", "meanWait", "utilisation", "meanInSystem"],
    simpy: { script: "bench/simpy/mmc.py", args: ["--servers", "10", "--lambda", "9", "--mu", "1"] },
  },
  {
    name: "timers",
    file: "bench/timers.ts",
    unit: "timers",
    cases: [{ size: 1_000_000 }],
    compare: ["timers", "events", "checksum"],
    simpy: { script: "bench/simpy/timers.py", args: [] },
  },
  {
    name: "flow",
    file: "bench/flow.ts",
    unit: "requests",
    // The first three at fanOutFlow's default 1,000 req/s (about 11 in flight); the last at a
    // rate and size that keep about 2,400 requests in flight (Little's law: 220,000/s × ~11 ms).
    cases: [
      { size: 10_000 },
      { size: 100_000 },
      { size: 1_000_000 },
      // SimPy gets 60,000 here so that its run, too, spends most of its time near 2,400 in flight.
      { size: 1_000_000, extra: { rate: 220_000, instances: 30 }, simpyMaxSize: 60_000 },
    ],
    // The twin draws its numbers in another order: it agrees statistically, not exactly.
    compare: [],
    // SimPy needs minutes per 100,000 requests here: it runs at most this many, compared by rate.
    simpy: { script: "bench/simpy/flow.py", args: [], maxSize: 20_000 },
  },
  {
    // PBS staleness by Monte Carlo (the storage floor's own benchmark; see its header).
    name: "pbs",
    file: "bench/pbs.bench.ts",
    unit: "trials",
    cases: [{ size: 1_000_000 }],
    compare: ["trials", "curve", "writeP99", "readP99"],
  },
  {
    // The fanOut scenario at Dean and Barroso's scale and beyond (see the file's header).
    name: "fanOut",
    file: "bench/fan-out.bench.ts",
    unit: "leaves",
    cases: [{ size: 200 }, { size: 2000 }, { size: 10_000 }],
    compare: ["leaves", "requests", "curve"],
  },
  {
    // The module-1 page's default runs against their 20 ms budget (see the file's header). No
    // typed twin: this times the scenario as the page runs it, `size` runs of each preset.
    name: "decomposition",
    file: "bench/decomposition.bench.ts",
    unit: "runs",
    cases: [{ size: 20 }],
    compare: [],
    typed: false,
  },
  {
    // The module-4 region evacuation page's runs against the same 20 ms budget (see the file's header).
    name: "evacuation",
    file: "bench/evacuation.bench.ts",
    unit: "runs",
    cases: [{ size: 20 }],
    compare: [],
    typed: false,
  },
];

function parseOptions(argv) {
  const options = { json: false, only: [], seed: 1, scale: 1, simpy: true, repeat: 1, clock: "wall" };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--json") options.json = true;
    else if (arg === "--no-simpy") options.simpy = false;
    else if (arg === "--only") options.only.push(argv[++i]);
    else if (arg === "--seed") options.seed = Number(argv[++i]);
    else if (arg === "--scale") options.scale = Number(argv[++i]);
    else if (arg === "--repeat") options.repeat = Number(argv[++i]);
    else if (arg === "--clock") options.clock = argv[++i];
    else throw new Error(`unknown option ${arg} (see the header of scripts/bench.mjs)`);
  }
  if (!Number.isSafeInteger(options.seed)) throw new Error(`--seed must be an integer, got ${options.seed}`);
  if (options.clock !== "wall" && options.clock !== "cpu") {
    throw new Error(`--clock must be wall or cpu, got ${options.clock}`);
  }
  if (!(Number.isSafeInteger(options.repeat) && options.repeat >= 1)) {
    throw new Error(`--repeat must be an integer >= 1, got ${options.repeat}`);
  }
  if (!(options.scale > 0)) throw new Error(`--scale must be > 0, got ${options.scale}`);
  const known = BENCHMARKS.map((b) => b.name);
  for (const name of options.only) {
    if (!known.includes(name)) throw new Error(`--only ${name}: unknown benchmark (known: ${known.join(", ")})`);
  }
  return options;
}

/** Runs one child and returns the last JSON line it printed, or `{ error }`. */
function runChild(command, args) {
  const result = spawnSync(command, args, { cwd: root, encoding: "utf8", timeout: CHILD_TIMEOUT_MS });
  const lines = (result.stdout ?? "").trim().split("\n").filter(Boolean);
  if (result.status !== 0 || lines.length === 0) {
    const why = result.error?.message ?? (result.stderr || "").trim().split("\n").slice(-3).join(" | ");
    return { error: `exit ${result.status}: ${why}` };
  }
  return JSON.parse(lines[lines.length - 1]);
}

/** Why SimPy cannot run, or null when it can. Installs Debian's package when root and missing. */
function simpyUnavailable(log) {
  const probe = () => spawnSync(PYTHON, ["-c", "import simpy"], { encoding: "utf8" }).status === 0;
  if (probe()) return null;
  if (process.getuid?.() !== 0) return `SimPy missing (${PYTHON} cannot import simpy; apt-get install python3-simpy3)`;
  log("bench: installing python3-simpy3 with apt-get (once) ...");
  const apt = spawnSync("apt-get", ["install", "-y", "--no-install-recommends", "python3-simpy3"], {
    encoding: "utf8",
  });
  if (apt.status === 0 && probe()) return null;
  return `SimPy missing and apt-get install python3-simpy3 failed: ${(apt.stderr || apt.error?.message || "").trim().split("\n").pop()}`;
}

function runCase(bench, benchCase, options, simpyNote) {
  const size = Math.max(1, Math.round(benchCase.size * options.scale));
  const extra = Object.entries(benchCase.extra ?? {}).flatMap(([k, v]) => [`--${k}`, String(v)]);
  const common = ["--size", String(size), "--seed", String(options.seed), ...extra];
  const node = (variant) =>
    runChild(process.execPath, ["--import", "tsx", bench.file, "--variant", variant, ...common]);
  const ms = (v) => (options.clock === "cpu" ? v.cpuMs : v.wallMs);
  let sim = { wallMs: Infinity, cpuMs: Infinity };
  let typed = { wallMs: Infinity, cpuMs: Infinity };
  for (let r = 0; r < options.repeat; r++) {
    sim = fastest(sim, node("sim"), ms);
    if (bench.typed !== false) typed = fastest(typed, node("typed"), ms);
  }
  if (bench.typed === false) typed = { skipped: "no typed-array twin" };
  const simpy =
    bench.simpy === undefined
      ? { skipped: "no SimPy equivalent" }
      : simpyNote !== null
        ? { skipped: simpyNote }
        : runChild(PYTHON, [
            bench.simpy.script,
            "--size",
            String(Math.min(size, benchCase.simpyMaxSize ?? bench.simpy.maxSize ?? size)),
            "--seed",
            String(options.seed),
            ...extra,
            ...bench.simpy.args,
          ]);
  const row = { name: bench.name, [bench.unit]: size, ...(benchCase.extra ?? {}), seed: options.seed };
  row.clock = options.clock;
  if (options.repeat > 1) row.bestOf = options.repeat;
  const { variant: _v, size: _s, seed: _seed, ...simFields } = sim;
  Object.assign(row, simFields);
  if (sim.wallMs !== undefined && sim.events !== undefined) row.eventsPerS = Math.round(sim.events / (ms(sim) / 1000));
  row.baseline = typed;
  if (sim.error === undefined && typed.error === undefined && typed.skipped === undefined) {
    row.ratioVsBaseline = round(ms(sim) / ms(typed), 3);
    if (bench.compare.length > 0) row.sameAsBaseline = bench.compare.every((key) => sim[key] === typed[key]);
  }
  row.simpy = simpy;
  if (sim.error === undefined && simpy.wallMs !== undefined) {
    const rate = (v) => v[bench.unit] / ms(v);
    row.simpyOverSim = round(rate(sim) / rate(simpy), 2);
  }
  return row;
}

/** The faster of two runs by `ms`; an error wins so that it is reported. */
function fastest(a, b, ms) {
  if (a.error !== undefined) return a;
  if (b.error !== undefined) return b;
  return ms(b) < ms(a) ? b : a;
}

function round(x, digits) {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

const fmt = (x) => (x === undefined ? "-" : Math.round(x).toLocaleString("en-US"));

/** What each variant's own results say, so a reader can see the variants did the same work. */
function describe(name, v) {
  if (v.error !== undefined || v.skipped !== undefined) return v.error ?? v.skipped;
  if (name === "mm1" || name === "mmc") {
    const theory = v.theoryMeanResponse === undefined ? "" : ` (theory ${v.theoryMeanResponse.toFixed(3)})`;
    return `mean response ${v.meanResponse.toFixed(3)} ms${theory}`;
  }
  if (name === "flow") {
    return `latency mean ${v.latencyMsMean.toFixed(2)} ms, ${fmt(v.inFlightMean)} in flight (peak ${fmt(v.inFlightPeak)})`;
  }
  if (name === "fanOut") return `${fmt(v.requests)} requests, slow share at n: ${String(v.curve).split(",").pop()}`;
  if (name === "decomposition") {
    const presets = Object.entries(v).filter(([, x]) => x !== null && typeof x === "object" && "warmCpuMsPerRun" in x);
    return `CPU ms per run: ${presets.map(([k, x]) => `${k} ${x.warmCpuMsPerRun}`).join(", ")} (budget 20)`;
  }
  if (name === "pbs") return `P(consistent) at 0, 1, 2 ms: ${String(v.curve).split(",").slice(0, 3).join(", ")}`;
  return v.checksum === undefined ? "" : `checksum ${v.checksum}`;
}

function printTable(rows, clock) {
  const lines = [
    ["name", "workload", "variant", "wallMs", "cpuMs", `work/${clock} s`, "ratio", "peak RSS MB", "what it computed"],
  ];
  const ms = (v) => (clock === "cpu" ? v.cpuMs : v.wallMs);
  for (const { row, unit } of rows) {
    const extra = row.rate === undefined ? "" : ` at ${fmt(row.rate)}/s, ${row.instances} instances`;
    const workload = `${fmt(row[unit])} ${unit}${extra}`;
    const simpyLabel = `simpy ${row.simpy.simpyVersion ?? ""}`.trim();
    const simpySize =
      row.simpy[unit] !== undefined && row.simpy[unit] !== row[unit] ? ` (ran ${fmt(row.simpy[unit])})` : "";
    const variants = [
      ["sim-core", row, row.ratioVsBaseline === undefined ? "" : `${row.ratioVsBaseline.toFixed(2)} × typed`],
      [
        "typed-array",
        row.baseline,
        row.sameAsBaseline === undefined ? "baseline" : row.sameAsBaseline ? "baseline, same result" : "RESULT DIFFERS",
      ],
      [
        simpyLabel + simpySize,
        row.simpy,
        row.simpyOverSim === undefined ? "" : `sim-core at ${row.simpyOverSim.toFixed(1)} × its rate`,
      ],
    ];
    for (const [index, [label, v, ratio]] of variants.entries()) {
      const rate = v[unit] !== undefined && ms(v) !== undefined ? v[unit] / (ms(v) / 1000) : undefined;
      lines.push([
        index === 0 ? row.name : "",
        index === 0 ? workload : "",
        label,
        fmt(v.wallMs),
        fmt(v.cpuMs),
        rate === undefined ? "-" : `${fmt(rate)}/s`,
        v.error || v.skipped ? "" : ratio,
        v.peakRssMb === undefined ? "-" : v.peakRssMb.toFixed(1),
        describe(row.name, v),
      ]);
    }
  }
  const widths = lines[0].map((_, c) => Math.max(...lines.map((l) => String(l[c]).length)));
  for (const l of lines)
    console.log(
      l
        .map((cell, c) => String(cell).padEnd(widths[c]))
        .join("  ")
        .trimEnd(),
    );
}

const options = parseOptions(process.argv.slice(2));
const log = options.json ? (m) => console.error(m) : (m) => console.log(m);
const scaleArg = options.scale === 1 ? "" : ` --scale ${options.scale}`;
const best = options.repeat > 1 ? `, best of ${options.repeat}` : "";
log(
  `seed=${options.seed}  (reproduce: npm run bench -- --seed ${options.seed}${scaleArg})  ratios by ${options.clock} time${best}`,
);
const simpyNote = options.simpy ? simpyUnavailable(log) : "SimPy skipped (--no-simpy)";
if (simpyNote !== null) log(`bench: ${simpyNote}`);
const rows = [];
let failed = false;
for (const bench of BENCHMARKS) {
  if (options.only.length > 0 && !options.only.includes(bench.name)) continue;
  for (const benchCase of bench.cases) {
    const row = runCase(bench, benchCase, options, simpyNote);
    if (row.error !== undefined || row.baseline.error !== undefined || row.sameAsBaseline === false) failed = true;
    if (options.json) console.log(JSON.stringify(row));
    else rows.push({ row, unit: bench.unit });
  }
}
if (!options.json) printTable(rows, options.clock);
process.exit(failed ? 1 : 0);
