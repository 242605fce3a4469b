// chaosExperiment: the default run of the module 4 scenario (Chaos Monkey kills a playback
// instance, control against experiment, 10 s) and each of the story's presets. Budget: the
// default run <= 20 ms, so a control change redraws within 50 ms. Every input is run once before
// any is timed: the page pays the JIT's warm-up once, not on every control change. There is no
// typed-array twin: this times the scenario as the page runs it.
//
//   node --import tsx bench/chaos.bench.ts --variant sim --size 20
import { chaosExperiment } from "sim-core";
import { runVariant } from "./lib/child.js";
import { pageRuns } from "./lib/page-runs.js";

runVariant({
  sim: ({ size, seed }) => ({ runs: size, ...pageRuns(chaosExperiment, size, seed) }),
});
