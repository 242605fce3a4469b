// decomposition: the default run of the module 1 scenario (the monolith as it was) and each of
// the story's presets. Budget: the default run <= 20 ms, so a control change redraws within 50 ms.
// There is no typed-array twin: this times the scenario as the page runs it.
//
//   node --import tsx bench/decomposition.bench.ts --variant sim --size 20
import { decomposition } from "sim-core";
import { runVariant } from "./lib/child.js";
import { pageRuns } from "./lib/page-runs.js";

runVariant({
  sim: ({ size, seed }) => ({ runs: size, ...pageRuns(decomposition, size, seed) }),
});
