// pbs: the WARS Monte Carlo of PBS (Bailis et al., VLDB 2012) at N = 3, R = W = 1 with the
// "LNKD-DISK" delay model, one million trials and an 11-point staleness curve. Target: <= 2 s.
// Variants: `sim` calls sim-core's pbsStaleness; `typed` is the same loop with the mixture draws
// inlined (no closures), drawing the same numbers in the same order, so results must match
// exactly; `scenario` times the default cassandraReplication run (budget 20 ms; size = runs).
//
//   node --import tsx bench/pbs.bench.ts --variant sim --size 1000000
import { cassandraReplication, createRng, pbsStaleness, WARS_MODELS } from "sim-core";
import { runVariant } from "./lib/child.js";

const T_MS = [0, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];
const N = 3;
const R = 1;
const W = 1;

function simVariant(size: number, seed: number): Record<string, unknown> {
  const delays = WARS_MODELS["LNKD-DISK"];
  const res = pbsStaleness({ n: N, r: R, w: W, delays, tMs: T_MS, trials: size, seed });
  return {
    trials: size,
    curve: res.curve.map((c) => c.pConsistent).join(","),
    writeP99: res.writeLatencyMs.p99,
    readP99: res.readLatencyMs.p99,
  };
}

/** The same mixtures as WARS_MODELS["LNKD-DISK"], inlined: (exponential weight, mean, Pareto scale, shape). */
const WRITE = { w0: 0.62, mean: 1 / 0.183, scale: 1.05, shape: 1.51 };
const FAST = { w0: 0.0878, mean: 1 / 1.66, scale: 0.235, shape: 10 };

function typedVariant(size: number, seed: number): Record<string, unknown> {
  const rng = createRng(seed).fork("pbs");
  const draw = (m: typeof WRITE): number => {
    const c0 = m.w0 / (m.w0 + (1 - m.w0));
    return rng.next() < c0 ? -m.mean * Math.log(1 - rng.next()) : m.scale / (1 - rng.next()) ** (1 / m.shape);
  };
  const wArrive = new Float64Array(N);
  const rArrive = new Float64Array(N);
  const threshold = new Float64Array(size);
  const writeMs = new Float64Array(size);
  const readMs = new Float64Array(size);
  for (let t = 0; t < size; t++) {
    let commit = Infinity;
    let first = 0;
    let firstRespond = Infinity;
    for (let i = 0; i < N; i++) {
      const wi = draw(WRITE);
      wArrive[i] = wi;
      const ack = wi + draw(FAST);
      const ri = draw(FAST);
      rArrive[i] = ri;
      const respond = ri + draw(FAST);
      if (ack < commit) commit = ack;
      // Strict < keeps the lowest index on ties, as the insertion sort in pbsStaleness does.
      if (respond < firstRespond) {
        firstRespond = respond;
        first = i;
      }
    }
    threshold[t] = (wArrive[first] as number) - commit - (rArrive[first] as number);
    writeMs[t] = commit;
    readMs[t] = firstRespond;
  }
  const curve = T_MS.map((tMs) => {
    let ok = 0;
    for (let i = 0; i < size; i++) if ((threshold[i] as number) <= tMs) ok++;
    return ok / size;
  });
  writeMs.sort();
  readMs.sort();
  const p99 = (a: Float64Array) => a[Math.min(a.length - 1, Math.max(0, Math.ceil(0.99 * a.length) - 1))];
  return { trials: size, curve: curve.join(","), writeP99: p99(writeMs), readP99: p99(readMs) };
}

function scenarioVariant(size: number, seed: number): Record<string, unknown> {
  const first = performance.now();
  cassandraReplication.run({ seed });
  const coldMs = performance.now() - first;
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  for (let i = 0; i < size; i++) cassandraReplication.run({ seed: seed + i });
  const warmMsPerRun = (performance.now() - start) / size;
  const cpu = process.cpuUsage(cpuStart);
  // CPU time per run is steadier than wall time on a shared machine (it includes GC threads).
  const warmCpuMsPerRun = (cpu.user + cpu.system) / 1000 / size;
  return {
    runs: size,
    coldMs: Math.round(coldMs * 10) / 10,
    warmMsPerRun: Math.round(warmMsPerRun * 100) / 100,
    warmCpuMsPerRun: Math.round(warmCpuMsPerRun * 100) / 100,
  };
}

runVariant({
  sim: ({ size, seed }) => simVariant(size, seed),
  typed: ({ size, seed }) => typedVariant(size, seed),
  scenario: ({ size, seed }) => scenarioVariant(size, seed),
});
