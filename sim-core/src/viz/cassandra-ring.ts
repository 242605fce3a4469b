import type { CassandraReplicationResult } from "../scenarios/index.js";

type RingView = Pick<CassandraReplicationResult, "topology" | "sampleKeys">;

/**
 * Mermaid flowchart of where a key's replicas land: regions and zones as nested boxes, the key
 * pointing at each replica in placement order (1 = the primary, the owner of the next token).
 * Down nodes are drawn dashed; replicas are highlighted.
 *
 * @example
 * ringMermaid(cassandraReplication.run()).split("\n")[0] // 'flowchart LR'
 */
export function ringMermaid(result: RingView, sampleIndex = 0): string {
  const sample = result.sampleKeys[sampleIndex] ?? result.sampleKeys[0];
  const replicas = sample?.replicas ?? [];
  const lines = ["flowchart LR"];
  const keyId = "key";
  if (sample !== undefined) lines.push(`  ${keyId}(["${sample.key}<br/>token ${formatToken(sample.token)}"])`);
  result.topology.regions.forEach((region, r) => {
    lines.push(`  subgraph r${r}["${region.name}"]`);
    region.zones.forEach((zone, z) => {
      lines.push(`    subgraph r${r}z${z}["${zone.name}"]`);
      for (const node of zone.nodes) lines.push(`      n${node.id}["${node.name}${node.up ? "" : " (down)"}"]`);
      lines.push("    end");
    });
    lines.push("  end");
  });
  replicas.forEach((id, i) => lines.push(`  ${keyId} -->|"${i + 1}"| n${id}`));
  lines.push("  classDef replica fill:#cfe2f3,stroke:#1f77b4,stroke-width:2px");
  lines.push("  classDef down stroke-dasharray:4 3,color:#888");
  if (replicas.length > 0) lines.push(`  class ${replicas.map((id) => `n${id}`).join(",")} replica`);
  const down = result.topology.regions.flatMap((r) => r.zones.flatMap((z) => z.nodes.filter((n) => !n.up)));
  if (down.length > 0) lines.push(`  class ${down.map((n) => `n${n.id}`).join(",")} down`);
  return lines.join("\n");
}

/** A 64-bit token in short scientific form, e.g. 8.94e18. */
function formatToken(token: number): string {
  return token.toExponential(2).replace("e+", "e");
}
