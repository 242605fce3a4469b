// evacuation: the module 4 regionEvacuation scenario as its page runs it, the default (the
// classic failover of a region at 8 pm, 360 steps of 10 s) and each of the story's presets.
// Budget: the default run <= 20 ms, so a slider move redraws within 50 ms. Every input is run
// once before any is timed: the page pays the JIT's warm-up once, not on every control change.
// There is no typed-array twin: this times the scenario itself.
//
//   node --import tsx bench/evacuation.bench.ts --variant sim --size 20
import { regionEvacuation } from "sim-core";
import { runVariant } from "./lib/child.js";
import { pageRuns } from "./lib/page-runs.js";

runVariant({
  sim: ({ size, seed }) => ({ runs: size, ...pageRuns(regionEvacuation, size, seed) }),
});
