// shadow: the default run of each module 2 scenario (shadowTraffic, responseDiff, canaryRelease)
// and each of the story's presets. Budget: each default run <= 20 ms, so a control change
// redraws within 50 ms. There is no typed-array twin: this times the scenarios as the page runs
// them. CPU time is reported beside wall time: on a shared machine wall time includes waiting.
//
//   node --import tsx bench/shadow.bench.ts --variant sim --size 20
import { canaryRelease, responseDiff, shadowTraffic } from "sim-core";
import { runVariant } from "./lib/child.js";

// biome-ignore lint/suspicious/noExplicitAny: each scenario takes its own input type.
function time(run: (input: any) => unknown, size: number, seed: number, input: object) {
  // Warm-up: the page pays for compiling the code once; three runs let the optimiser settle, so
  // the first case measured is not charged for everyone's warm-up.
  for (let i = 0; i < 3; i++) run({ ...input, seed: seed - 1 - i });
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  for (let i = 0; i < size; i++) run({ ...input, seed: seed + i });
  const cpu = process.cpuUsage(cpuStart);
  return {
    warmMsPerRun: Math.round(((performance.now() - start) / size) * 100) / 100,
    warmCpuMsPerRun: Math.round(((cpu.user + cpu.system) / 1000 / size) * 100) / 100,
  };
}

function all(scenario: { run: (input: never) => unknown; presets: object }, size: number, seed: number) {
  const run = scenario.run as (input: object) => unknown;
  return {
    default: time(run, size, seed, {}),
    ...Object.fromEntries(Object.entries(scenario.presets).map(([name, p]) => [name, time(run, size, seed, p)])),
  };
}

runVariant({
  sim: ({ size, seed }) => ({
    runs: size,
    shadowTraffic: all(shadowTraffic, size, seed),
    responseDiff: all(responseDiff, size, seed),
    canaryRelease: all(canaryRelease, size, seed),
  }),
});
