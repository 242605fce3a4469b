import { netflixSystem } from "../chaos/index.js";
import type { ChaosExperimentResult } from "../scenarios/index.js";

/**
 * The system under test as a Mermaid flowchart: the call graph between services on top, below it
 * one box per zone holding its instances in a row, and the parts the experiment's faults hit drawn
 * red (killed instances, a lost zone, a slowed or failing service, a partition between zones).
 * Top to bottom with the zones stacked keeps it narrow enough to read on a phone.
 *
 * @example
 * chaosTopologyMermaid(chaosExperiment.run({ fault: "gorilla", durationMs: 3000, faultAtMs: 0 })).includes("class z_us_east_1b failed") // true
 */
export function chaosTopologyMermaid(result: ChaosExperimentResult): string {
  const { services, topology } = netflixSystem(result.params, result.layout);
  const untilMs = result.abortedAtMs ?? result.params.durationMs;
  // Faults scheduled after the experiment stopped never touched it.
  const faults = result.faults.filter((f) => f.atMs < untilMs);
  const id = (s: string) => s.replace(/[^\w]/g, "_");
  const lines = ["flowchart TB"];
  const failedNodes: string[] = [];
  // Stopped spares (a Kong run's API capacity an autoscaler can start) are drawn dashed.
  const stoppedNodes: string[] = [];
  const failedZones = new Set<string>();
  for (const f of faults) {
    if (f.kind === "zoneOutage") failedZones.add(f.zone);
    if (f.kind === "regionOutage") for (const z of topology.zones) if (z.region === f.region) failedZones.add(z.name);
  }
  topology.zones.forEach((zone, zi) => {
    // Mermaid lays a subgraph without a direction across its parent's; top to bottom, instances
    // that share no link sit side by side in a row.
    lines.push(`  subgraph z_${id(zone.name)}["${zone.name}"]`, "    direction TB");
    for (const s of services)
      (s.nodes ?? []).forEach((node, i) => {
        if (topology.node(node).zoneIndex !== zi) return;
        const name = `${s.name}#${i}`;
        const stopped = i >= s.instances - (s.stoppedInstances ?? 0);
        lines.push(`    ${id(name)}["${stopped ? `${name} (stopped)` : name}"]`);
        const killed = faults.some((f) => f.kind === "terminate" && f.service === s.name && f.instance === i);
        if (killed || failedZones.has(zone.name)) failedNodes.push(id(name));
        else if (stopped) stoppedNodes.push(id(name));
      });
    lines.push("  end");
  });
  // The call graph between services, above the zones.
  lines.push('  client(["customers"])');
  lines.push(`  client --> svc_${services[0]?.name ?? "edge"}`);
  for (const s of services) {
    const note = faults
      .flatMap((f) =>
        f.kind === "latency" && f.service === s.name
          ? [`+${f.addedMs} ms on ${f.sharePct}%`]
          : f.kind === "errors" && f.service === s.name
            ? [`errors on ${f.sharePct}%`]
            : [],
      )
      .join(", ");
    lines.push(`  svc_${s.name}{{"${s.name}${note === "" ? "" : ` (${note})`}"}}`);
    if (note !== "") failedNodes.push(`svc_${s.name}`);
    for (const stage of s.calls ?? [])
      for (const c of Array.isArray(stage) ? stage : [stage]) {
        const arrow = c.fallback === true ? `-. fallback .->` : "-->";
        lines.push(`  svc_${s.name} ${arrow} svc_${c.service}`);
      }
  }
  // Invisible links stack the zones under the call graph, in zone order.
  const zoneIds = topology.zones.map((z) => `z_${id(z.name)}`);
  const last = services.at(-1)?.name;
  if (last !== undefined && zoneIds.length > 0) lines.push(`  svc_${last} ~~~ ${zoneIds.join(" ~~~ ")}`);
  for (const f of faults) if (f.kind === "partition") lines.push(`  z_${id(f.zoneA)} -. partition .- z_${id(f.zoneB)}`);
  lines.push("  classDef failed fill:#f8d7da,stroke:#d62728,color:#7a1c1c");
  if (failedNodes.length > 0) lines.push(`  class ${failedNodes.join(",")} failed`);
  if (stoppedNodes.length > 0)
    lines.push(
      "  classDef stopped fill:#f4f4f4,stroke:#999,stroke-dasharray:4 3,color:#666",
      `  class ${stoppedNodes.join(",")} stopped`,
    );
  for (const z of failedZones) lines.push(`  class z_${id(z)} failed`);
  return lines.join("\n");
}
