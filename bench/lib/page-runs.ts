// Times a scenario as its module page runs it: the default and each preset, `size` warm runs of
// each on consecutive seeds. Every input runs once before any is timed, because the page pays
// the JIT's warm-up once, not on every control change. CPU time is reported beside wall time:
// on a shared machine wall time includes waiting, CPU time includes the GC's threads.

export interface PerRun {
  warmMsPerRun: number;
  warmCpuMsPerRun: number;
}

interface PageScenario {
  run(input: never): unknown;
  presets: object;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** One input's `size` runs, in ms per run. */
function timeRuns(run: (input: object) => unknown, size: number, seed: number, input: object): PerRun {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  for (let i = 0; i < size; i++) run({ ...input, seed: seed + i });
  const cpu = process.cpuUsage(cpuStart);
  return {
    warmMsPerRun: round2((performance.now() - start) / size),
    warmCpuMsPerRun: round2((cpu.user + cpu.system) / 1000 / size),
  };
}

/** The default run and every preset of `scenario`, each warmed once and then timed. */
export function pageRuns(scenario: PageScenario, size: number, seed: number): Record<string, PerRun> {
  const run = scenario.run as (input: object) => unknown;
  const inputs: [string, object][] = [["default", {}], ...Object.entries(scenario.presets)];
  for (const [, input] of inputs) run({ ...input, seed });
  return Object.fromEntries(inputs.map(([name, input]) => [name, timeRuns(run, size, seed, input)]));
}
