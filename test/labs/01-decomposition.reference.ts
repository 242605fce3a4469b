// What a monolith forces on any valid decomposition, computed on the trusted side for lab 01's
// checks: which modules must share a service, and which non-critical modules can run apart from
// every critical one (so the grader knows whose failure must leave the critical paths standing).
import { chattyPairs, type Monolith } from "sim-core";

/**
 * The finest cut the lab's rules allow, as groups of modules in monolith order. Chatty pairs and
 * the writers of one table must share a service; services must not call each other in a cycle,
 * so groups on a cycle of calls and table accesses merge too (the strongly connected components
 * of the group graph: any coarser valid cut keeps each of them whole, or the cycle survives).
 */
export function finestCut(monolith: Monolith): string[][] {
  const names = monolith.modules.map((m) => m.name);
  const parent = new Map(names.map((n) => [n, n]));
  const find = (n: string): string => (parent.get(n) === n ? n : find(parent.get(n) as string));
  const union = (a: string, b: string) => {
    parent.set(find(b), find(a));
  };
  for (const p of chattyPairs(monolith)) union(p.from, p.to);
  const writer = new Map<string, string>();
  for (const m of monolith.modules) {
    for (const t of m.writes) {
      const w = writer.get(t);
      if (w === undefined) writer.set(t, m.name);
      else union(w, m.name);
    }
  }
  const tableModule = tableModules(monolith);
  const edges = new Map<string, Set<string>>(names.map((n) => [n, new Set()]));
  const link = (a: string, b: string) => edges.get(a)?.add(b);
  for (const r of monolith.requests) for (const c of r.calls) link(c.from, c.to);
  for (const m of monolith.modules) for (const t of [...m.reads, ...m.writes]) link(m.name, tableModule(t));
  // Reachability over groups (a dozen modules: a walk from each is plenty).
  const reaches = (from: string): Set<string> => {
    const seen = new Set<string>();
    const stack = names.filter((n) => find(n) === find(from));
    while (stack.length > 0) {
      const n = stack.pop() as string;
      if (seen.has(n)) continue;
      seen.add(n);
      for (const next of edges.get(n) ?? []) for (const k of names) if (find(k) === find(next)) stack.push(k);
    }
    return seen;
  };
  const reach = new Map(names.map((n) => [n, reaches(n)]));
  const groups: string[][] = [];
  for (const n of names) {
    const group = groups.find((g) => {
      const head = g[0] as string;
      return reach.get(head)?.has(n) && reach.get(n)?.has(head);
    });
    if (group) group.push(n);
    else groups.push([n]);
  }
  // A group also holds everything its own modules must share a service with.
  return groups;
}

/** Who owns each table in a well-made cut: its writer, else its first reader, else the first module. */
export function tableModules(monolith: Monolith): (table: string) => string {
  return (t) =>
    monolith.modules.find((m) => m.writes.includes(t))?.name ??
    monolith.modules.find((m) => m.reads.includes(t))?.name ??
    (monolith.modules[0]?.name as string);
}

/**
 * One non-critical module of each group of the finest cut that can run apart from every critical
 * module: the group holds no critical module, and no module of a group that holds one reads a
 * table the group owns (a read through the owner's API has no fallback, even when the reading
 * module is itself non-critical but runs beside critical ones). When its service fails, every
 * request must still be answered, from fallbacks.
 */
export function isolatableModules(monolith: Monolith): string[] {
  const critical = new Set(monolith.modules.filter((m) => m.critical).map((m) => m.name));
  const owner = tableModules(monolith);
  const groups = finestCut(monolith);
  const beside = new Set(groups.filter((g) => g.some((n) => critical.has(n))).flat());
  return groups
    .filter((g) => g.every((n) => !critical.has(n)))
    .filter((g) =>
      monolith.modules.every(
        (m) => !beside.has(m.name) || [...m.reads, ...m.writes].every((t) => !g.includes(owner(t))),
      ),
    )
    .map((g) => g[0] as string);
}
