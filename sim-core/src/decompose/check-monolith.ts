import { checkArray, checkBoolean, checkNumber, SimConfigError } from "../errors/index.js";
import type { Monolith, RequestType } from "./model.js";

/** A guard against a typo making one request visit a million modules (count 1000 in a loop of loops). */
const MAX_VISITS_PER_REQUEST = 10_000;
const NAME = /^[A-Za-z][\w-]*$/;

/**
 * Validates a monolith: unique names, known modules and tables, positive shares, calls that
 * follow the layering rule (same or deeper layer) and form no cycle. Returns it unchanged.
 *
 * @example
 * const m = { name: "m", tables: ["t"], requests: [{ name: "r", share: 1, entry: "web", calls: [] }], modules: [{ name: "web", workMs: 1, reads: ["t"], writes: ["t"], critical: true, layer: 0 }] };
 * checkMonolith(m).name // 'm'
 */
export function checkMonolith(monolith: Monolith, path = "monolith"): Monolith {
  if (monolith === null || typeof monolith !== "object") throw new SimConfigError(path, monolith, "a Monolith object");
  const tables = new Set<string>();
  checkArray<string>(`${path}.tables`, monolith.tables, 0).forEach((t, i) => {
    checkName(`${path}.tables[${i}]`, t, tables, "table");
    tables.add(t);
  });
  const layers = new Map<string, number>();
  checkArray<Monolith["modules"][number]>(`${path}.modules`, monolith.modules).forEach((m, i) => {
    const at = `${path}.modules[${i}]`;
    if (m === null || typeof m !== "object") throw new SimConfigError(at, m, "a ModuleSpec object");
    checkName(`${at}.name`, m.name, layers, "module");
    checkNumber(`${at}.workMs`, m.workMs, { min: 0, max: 60_000 });
    checkBoolean(`${at}.critical`, m.critical);
    layers.set(m.name, checkNumber(`${at}.layer`, m.layer, { min: 0, max: 100, integer: true }));
    for (const kind of ["reads", "writes"] as const) {
      checkArray<string>(`${at}.${kind}`, m[kind], 0).forEach((t, k) => {
        if (!tables.has(t))
          throw new SimConfigError(`${at}.${kind}[${k}]`, t, `a table of the monolith: ${list(tables)}`);
      });
    }
  });
  const requestNames = new Set<string>();
  checkArray<RequestType>(`${path}.requests`, monolith.requests).forEach((r, i) => {
    const at = `${path}.requests[${i}]`;
    if (r === null || typeof r !== "object") throw new SimConfigError(at, r, "a RequestType object");
    checkName(`${at}.name`, r.name, requestNames, "request type");
    requestNames.add(r.name);
    checkNumber(`${at}.share`, r.share, { min: 0, minExclusive: true, max: 1e6 });
    checkModule(`${at}.entry`, r.entry, layers);
    checkCalls(r, at, layers);
  });
  return monolith;
}

function checkCalls(r: RequestType, at: string, layers: Map<string, number>): void {
  checkArray<RequestType["calls"][number]>(`${at}.calls`, r.calls, 0).forEach((c, k) => {
    const cp = `${at}.calls[${k}]`;
    if (c === null || typeof c !== "object") throw new SimConfigError(cp, c, "a ModuleCall object");
    const from = checkModule(`${cp}.from`, c.from, layers);
    const to = checkModule(`${cp}.to`, c.to, layers);
    checkNumber(`${cp}.count`, c.count, { min: 1, max: 1000, integer: true });
    checkNumber(`${cp}.payloadKb`, c.payloadKb, { min: 0, max: 100_000 });
    checkBoolean(`${cp}.loop`, c.loop);
    if (to < from) {
      throw new SimConfigError(
        `${cp}.to`,
        c.to,
        `a module in layer ${from} or deeper (layering rule; "${c.to}" is in layer ${to})`,
      );
    }
  });
  // Depth-first from the entry: a cycle would recurse for ever, and a call from a module the
  // request never reaches is dead data that a learner should hear about.
  const reached = new Set<string>();
  const visits = (module: string, chain: readonly string[]): number => {
    if (chain.includes(module)) {
      throw new SimConfigError(`${at}.calls`, [...chain, module].join(" -> "), "calls without a cycle (layering rule)");
    }
    reached.add(module);
    let total = 1;
    for (const c of r.calls) if (c.from === module) total += c.count * visits(c.to, [...chain, module]);
    if (total > MAX_VISITS_PER_REQUEST) {
      throw new SimConfigError(
        `${at}.calls`,
        `${total} module visits per request`,
        `at most ${MAX_VISITS_PER_REQUEST}`,
      );
    }
    return total;
  };
  visits(r.entry, []);
  r.calls.forEach((c, k) => {
    if (!reached.has(c.from)) {
      throw new SimConfigError(
        `${at}.calls[${k}].from`,
        c.from,
        `a module the request reaches from its entry "${r.entry}"`,
      );
    }
  });
}

function checkModule(path: string, name: unknown, layers: Map<string, number>): number {
  const layer = typeof name === "string" ? layers.get(name) : undefined;
  if (layer === undefined) throw new SimConfigError(path, name, `a module of the monolith: ${list(layers.keys())}`);
  return layer;
}

function checkName(path: string, name: unknown, seen: { has(n: string): boolean }, what: string): void {
  if (typeof name !== "string" || !NAME.test(name)) {
    throw new SimConfigError(path, name, `a ${what} name of letters, digits, - and _ starting with a letter`);
  }
  if (seen.has(name)) throw new SimConfigError(path, name, `a unique ${what} name`);
}

function list(names: Iterable<string>): string {
  return [...names].join(", ");
}
