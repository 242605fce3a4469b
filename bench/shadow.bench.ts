// shadow: the default run of each module 2 scenario (shadowTraffic, responseDiff, canaryRelease)
// and each of the story's presets. Budget: each default run <= 20 ms, so a control change
// redraws within 50 ms. There is no typed-array twin: this times the scenarios as the page runs
// them. CPU time is reported beside wall time: on a shared machine wall time includes waiting.
//
//   node --import tsx bench/shadow.bench.ts --variant sim --size 20
import { canaryRelease, responseDiff, shadowTraffic } from "sim-core";
import { runVariant } from "./lib/child.js";
import { pageRuns } from "./lib/page-runs.js";

runVariant({
  sim: ({ size, seed }) => ({
    runs: size,
    shadowTraffic: pageRuns(shadowTraffic, size, seed),
    responseDiff: pageRuns(responseDiff, size, seed),
    canaryRelease: pageRuns(canaryRelease, size, seed),
  }),
});
