// decomposition: the default run of the module 1 scenario (the monolith as it was) and each of
// the story's presets. Budget: the default run <= 20 ms, so a control change redraws within 50 ms.
// There is no typed-array twin: this times the scenario as the page runs it.
//
//   node --import tsx bench/decomposition.bench.ts --variant sim --size 20
import { decomposition } from "sim-core";
import { runVariant } from "./lib/child.js";

function time(size: number, seed: number, input: Parameters<typeof decomposition.run>[0]) {
  decomposition.run({ ...input, seed }); // warm-up: the page pays this once
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  for (let i = 0; i < size; i++) decomposition.run({ ...input, seed: seed + i });
  const cpu = process.cpuUsage(cpuStart);
  return {
    warmMsPerRun: Math.round(((performance.now() - start) / size) * 100) / 100,
    warmCpuMsPerRun: Math.round(((cpu.user + cpu.system) / 1000 / size) * 100) / 100,
  };
}

runVariant({
  sim: ({ size, seed }) => ({
    runs: size,
    default: time(size, seed, {}),
    ...Object.fromEntries(
      Object.entries(decomposition.presets).map(([name, preset]) => [name, time(size, seed, preset)]),
    ),
  }),
});
