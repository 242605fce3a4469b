import { modulePairs } from "../decompose/index.js";
import type { DecompositionResult } from "../scenarios/index.js";

/**
 * The module call graph with the cut drawn, as Mermaid flowchart text: one box per service
 * holding its modules, solid arrows for calls inside a process, thick arrows for calls across
 * the network (labelled with calls per request), dotted arrows to the shared database and to
 * each service's own store.
 *
 * @example
 * decompositionMermaid(decomposition.run({ requestsPerType: 10, days: 14 })).split("\n")[0] // 'flowchart LR'
 */
export function decompositionMermaid(result: DecompositionResult): string {
  const { monolith, decomposition: d } = result;
  const serviceOf = new Map<string, string>();
  const lines: string[] = [];
  const id = (name: string) => name.replace(/[^\w]/g, "_");
  for (const [service, modules] of Object.entries(d.services)) {
    for (const m of modules) serviceOf.set(m, service);
    const owned = Object.entries(d.tables).filter(([, owner]) => owner === service);
    // A service of one module of its name and no store needs no box: its arrows show the cut.
    if (modules.length === 1 && modules[0] === service && owned.length === 0) {
      lines.push(`  ${id(service)}["${service}"]`);
      continue;
    }
    lines.push(`  subgraph svc_${id(service)}["${service}"]`);
    for (const m of modules) lines.push(`    ${id(m)}["${m}"]`);
    // A service's own store sits inside its box: its data goes where it goes.
    if (owned.length > 0) lines.push(`    db_${id(service)}[("${owned.map(([t]) => t).join(", ")}")]`);
    lines.push("  end");
  }
  for (const p of modulePairs(monolith)) {
    const remote = serviceOf.get(p.from) !== serviceOf.get(p.to);
    const label = `${round(p.callsPerRequestMax)}×`;
    lines.push(`  ${id(p.from)} ${remote ? "==" : "--"} "${label}" ${remote ? "==>" : "-->"} ${id(p.to)}`);
  }
  const shared = new Set(
    Object.entries(d.tables)
      .filter(([, owner]) => owner === "oracle")
      .map(([t]) => t),
  );
  if (shared.size > 0) {
    lines.push('  oracle[("oracle")]');
    for (const m of monolith.modules) {
      if ([...m.reads, ...m.writes].some((t) => shared.has(t))) lines.push(`  ${id(m.name)} -.-> oracle`);
    }
  }
  // Each module that touches a table its service owns is linked to the service's store.
  for (const m of monolith.modules) {
    const service = serviceOf.get(m.name) as string;
    if ([...m.reads, ...m.writes].some((t) => d.tables[t] === service))
      lines.push(`  ${id(m.name)} -.-> db_${id(service)}`);
  }
  // The call graph is shallow and wide: left to right keeps loose modules in a narrow column,
  // but stacks service boxes into a tower, so a cut of several boxes reads better top down.
  const boxes = lines.filter((l) => l.startsWith("  subgraph")).length;
  return [`flowchart ${boxes > 2 ? "TD" : "LR"}`, ...lines].join("\n");
}

function round(x: number): string {
  return String(Math.round(x * 10) / 10);
}
