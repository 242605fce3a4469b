// chaosExperiment: the default run of the module 4 scenario (Chaos Monkey kills a playback
// instance, control against experiment, 10 s) and each of the story's presets. Budget: the
// default run <= 20 ms, so a control change redraws within 50 ms. Every input is run once before
// any is timed: the page pays the JIT's warm-up once, not on every control change. There is no
// typed-array twin: this times the scenario as the page runs it.
//
//   node --import tsx bench/chaos.bench.ts --variant sim --size 20
import { chaosExperiment } from "sim-core";
import { runVariant } from "./lib/child.js";

type Input = Parameters<typeof chaosExperiment.run>[0];

function time(size: number, seed: number, input: Input) {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  for (let i = 0; i < size; i++) chaosExperiment.run({ ...input, seed: seed + i });
  const cpu = process.cpuUsage(cpuStart);
  return {
    warmMsPerRun: Math.round(((performance.now() - start) / size) * 100) / 100,
    warmCpuMsPerRun: Math.round(((cpu.user + cpu.system) / 1000 / size) * 100) / 100,
  };
}

runVariant({
  sim: ({ size, seed }) => {
    const inputs: [string, Input][] = [["default", {}], ...Object.entries(chaosExperiment.presets)];
    for (const [, input] of inputs) chaosExperiment.run({ ...input, seed }); // warm-up
    return { runs: size, ...Object.fromEntries(inputs.map(([name, input]) => [name, time(size, seed, input)])) };
  },
});
