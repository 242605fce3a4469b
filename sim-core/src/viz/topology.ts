import type { TimeoutBudgetsResult } from "../scenarios/index.js";

/** What `topologyToMermaid` draws: services, their instances and zones, and who calls whom. */
export interface ServiceTopology {
  services: { name: string; instances: { name: string; zone: string }[]; calls: string[] }[];
  /** Instance names drawn as failed. */
  faulty?: string[];
}

function id(name: string): string {
  return name.replace(/[^A-Za-z0-9_]/g, "_");
}

/**
 * A Mermaid flowchart of the services as the simulator placed them: one box per service with
 * its instances and their zones, arrows for calls, failed instances in red.
 *
 * @example
 * topologyToMermaid({ services: [{ name: "edge", instances: [{ name: "edge-1", zone: "us-east-1a" }], calls: [] }] }).split("\n")[0] // 'flowchart TB'
 */
export function topologyToMermaid(topology: ServiceTopology): string {
  const faulty = new Set(topology.faulty ?? []);
  // Tiers run top to bottom, each tier's instances side by side (Mermaid ignores a subgraph's
  // own direction once links reach into it). Left to right, three tiers of three instances drew
  // 2,100 px wide, cut off or shrunk to unreadable on a page, a notebook or a phone; top to
  // bottom they are about 700 px wide whatever the depth.
  const lines = ["flowchart TB", "  client([client])"];
  for (const s of topology.services) {
    lines.push(`  subgraph ${id(s.name)}_svc["${s.name}"]`);
    lines.push("    direction TB");
    for (const inst of s.instances) lines.push(`    ${id(inst.name)}["${inst.name}<br/>${inst.zone}"]`);
    lines.push("  end");
  }
  const first = topology.services[0];
  if (first !== undefined) lines.push(`  client --> ${id(first.name)}_svc`);
  for (const s of topology.services)
    for (const callee of s.calls) lines.push(`  ${id(s.name)}_svc --> ${id(callee)}_svc`);
  const failed = topology.services.flatMap((s) => s.instances.filter((i) => faulty.has(i.name)).map((i) => id(i.name)));
  if (failed.length > 0) {
    lines.push("  classDef failed fill:#fdd,stroke:#d62728,stroke-width:2px");
    lines.push(`  class ${failed.join(",")} failed`);
  }
  return lines.join("\n");
}

/**
 * The timeout-budgets run's topology as a Mermaid flowchart.
 *
 * @example
 * timeoutBudgetsTopologyMermaid(timeoutBudgets.run()).includes("deep-1") // true
 */
export function timeoutBudgetsTopologyMermaid(result: TimeoutBudgetsResult): string {
  return topologyToMermaid(result.topology);
}
