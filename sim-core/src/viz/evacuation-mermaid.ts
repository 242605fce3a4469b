import { EVACUATION_REGIONS } from "../chaos/index.js";
import type { RegionEvacuationResult } from "../scenarios/index.js";

const [FAILED_REGION, RECEIVING_REGION] = EVACUATION_REGIONS;

/**
 * The two regions as a Mermaid flowchart at one moment of the run (by default its end): each
 * region's customers, its Zuul edge and its fleet; the failed region drawn failed (or drained in
 * a drill), and the share of its customers moved to the other region on the arrow.
 *
 * @example
 * evacuationTopologyMermaid(regionEvacuation.run(regionEvacuation.presets.kongReady)).includes("class r_failed failed") // true
 */
export function evacuationTopologyMermaid(result: RegionEvacuationResult, atMs?: number): string {
  const steps = result.steps;
  const at = atMs ?? steps.at(-1)?.timeMs ?? 0;
  const step = steps.filter((s) => s.timeMs <= at).at(-1) ?? steps[0];
  if (step === undefined) return "flowchart LR";
  const moved = Math.round(step.shiftedPct);
  const drill = result.params.failure === "drill";
  const minute = Math.round((step.timeMs / 60_000) * 10) / 10;
  const lines = [
    "flowchart LR",
    `  c_failed(["${FAILED_REGION} customers"])`,
    `  c_receiving(["${RECEIVING_REGION} customers"])`,
    `  subgraph r_failed["${FAILED_REGION} (${drill ? "drained" : "failed"})"]`,
    `    zuul_failed{{"Zuul"}} --> fleet_failed["${drill ? "serving the unmoved" : "down"}"]`,
    "  end",
    `  subgraph r_receiving["${RECEIVING_REGION} at minute ${minute}"]`,
    `    zuul_receiving{{"Zuul"}} --> fleet_receiving["${step.instancesReady} ready, ${step.instancesWarming} warming, ${step.instancesStarting} starting"]`,
    "  end",
    "  c_receiving --> zuul_receiving",
  ];
  if (moved > 0) lines.push(`  c_failed -- "${moved}% moved" --> zuul_receiving`);
  if (moved < 100) lines.push(`  c_failed -. "${100 - moved}% ${drill ? "still here" : "failing"}" .-> zuul_failed`);
  // An invisible link keeps the emptied region beside its customers, where the reader last saw it.
  else lines.push("  c_failed ~~~ zuul_failed");
  lines.push("  classDef failed fill:#f8d7da,stroke:#d62728,color:#7a1c1c");
  lines.push("  classDef drained fill:#fff3cd,stroke:#b8860b,color:#5c4400");
  if (step.failedPct > result.params.impactThresholdPct) lines.push("  class fleet_receiving failed");
  lines.push(`  class r_failed ${drill ? "drained" : "failed"}`);
  return lines.join("\n");
}
