// evacuation: the module 4 regionEvacuation scenario as its page runs it, the default (the
// classic failover of a region at 8 pm, 360 steps of 10 s) and each of the story's presets.
// Budget: the default run <= 20 ms, so a slider move redraws within 50 ms. Every input is run
// once before any is timed: the page pays the JIT's warm-up once, not on every control change.
// There is no typed-array twin: this times the scenario itself.
//
//   node --import tsx bench/evacuation.bench.ts --variant sim --size 20
import { regionEvacuation } from "sim-core";
import { runVariant } from "./lib/child.js";

type Input = Parameters<typeof regionEvacuation.run>[0];

function time(size: number, seed: number, input: Input) {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  for (let i = 0; i < size; i++) regionEvacuation.run({ ...input, seed: seed + i });
  const cpu = process.cpuUsage(cpuStart);
  return {
    warmMsPerRun: Math.round(((performance.now() - start) / size) * 100) / 100,
    warmCpuMsPerRun: Math.round(((cpu.user + cpu.system) / 1000 / size) * 100) / 100,
  };
}

runVariant({
  sim: ({ size, seed }) => {
    const inputs: [string, Input][] = [["default", {}], ...Object.entries(regionEvacuation.presets)];
    for (const [, input] of inputs) regionEvacuation.run({ ...input, seed }); // warm-up
    return { runs: size, ...Object.fromEntries(inputs.map(([name, input]) => [name, time(size, seed, input)])) };
  },
});
