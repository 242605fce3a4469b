import type { ShadowTrafficResult } from "../scenarios/index.js";

/**
 * The story's topology with the mirror drawn, as Mermaid flowchart text: customers reach the
 * data-centre monolith; the sampled share is copied (dashed, labelled with the mode, sampler and
 * threshold) through the metadata shim to the cloud stack, drawn red when it is down and orange
 * when slow.
 *
 * @example
 * shadowTopologyMermaid(shadowTraffic.run({ durationSec: 5 })).split("\n")[0] // 'flowchart TB'
 */
export function shadowTopologyMermaid(result: ShadowTrafficResult): string {
  const { params } = result;
  const last = result.windows[result.windows.length - 1];
  const threshold = last === undefined ? params.thresholdPercent : last.thresholdPercent;
  const lines = [
    "flowchart TB",
    "  customers([customers])",
    '  subgraph dc["data centre"]',
    `    monolith["monolith<br/>genre and movie lists"]`,
    '    oracle[("Oracle")]',
    "  end",
    '  subgraph aws["AWS cloud"]',
    '    shim["metadata shim"]',
    '    front["cloud front end"]',
    '    services["cloud services"]',
    "  end",
    "  customers --> monolith",
    "  monolith --> oracle",
  ];
  if (params.mode !== "none") {
    const label = `${params.mode}, ${result.samplerName} < ${round(threshold)}%`;
    lines.push(`  monolith -. "${label}" .-> front`);
    lines.push("  front --> services");
    lines.push("  services --> shim");
    lines.push("  shim --> oracle");
  }
  if (params.cloud !== "healthy") {
    const color = params.cloud === "down" ? "#fdd,stroke:#d62728" : "#ffe8cc,stroke:#ff7f0e";
    lines.push(`  classDef ${params.cloud} fill:${color},stroke-width:2px`);
    lines.push(`  class front,services ${params.cloud}`);
  }
  return lines.join("\n");
}

function round(x: number): string {
  return String(Math.round(x * 10) / 10);
}
