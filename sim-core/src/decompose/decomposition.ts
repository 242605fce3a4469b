import { SimConfigError } from "../errors/index.js";
import { checkMonolith } from "./check-monolith.js";
import { type Monolith, SHARED_DATABASE } from "./model.js";

/**
 * The policy a learner writes: which service runs each module, and where each table lives.
 * Key order is kept (services are listed, drawn and placed in this order).
 */
export interface Decomposition {
  /** Service name → the modules it runs; every module in exactly one service. */
  services: Readonly<Record<string, readonly string[]>>;
  /**
   * Table → where it lives: `SHARED_DATABASE` ("oracle", the one database every service may
   * query), or the name of the service that owns it in a store of its own; other services then
   * reach its rows only by calling the owner.
   */
  tables: Readonly<Record<string, string>>;
}

/** A strategy makes a decomposition for any monolith (what the lab asks for). */
export type DecompositionStrategy = (monolith: Monolith) => Decomposition;

/** A validated decomposition, with lookups. */
export interface Cut {
  services: readonly string[];
  serviceOf: ReadonlyMap<string, string>;
  /** Table → SHARED_DATABASE or the owning service. */
  storeOf: ReadonlyMap<string, string>;
}

/**
 * The naive default: the monolith as it is, one service running every module on one database.
 *
 * @example
 * monolithDecomposition({ name: "m", tables: ["t"], requests: [], modules: [{ name: "web", workMs: 1, reads: [], writes: ["t"], critical: true, layer: 0 }] })
 * // { services: { monolith: ['web'] }, tables: { t: 'oracle' } }
 */
export function monolithDecomposition(monolith: Monolith): Decomposition {
  return {
    services: { monolith: monolith.modules.map((m) => m.name) },
    tables: Object.fromEntries(monolith.tables.map((t) => [t, SHARED_DATABASE])),
  };
}

/**
 * The naive split: one service per module ("one service per class"), every table left in the
 * shared database.
 *
 * @example
 * const web = { name: "web", workMs: 1, reads: [], writes: [], critical: true, layer: 0 };
 * const m = { name: "m", tables: [], requests: [], modules: [web, { ...web, name: "billing", layer: 1 }] };
 * Object.keys(oneServicePerModule(m).services) // ['web', 'billing']
 */
export function oneServicePerModule(monolith: Monolith): Decomposition {
  return {
    services: Object.fromEntries(monolith.modules.map((m) => [m.name, [m.name]])),
    tables: Object.fromEntries(monolith.tables.map((t) => [t, SHARED_DATABASE])),
  };
}

/**
 * Validates a decomposition against its monolith: every module in exactly one service, every
 * table with one owner (the shared database or a service), and no cycle between services (the
 * layering rule). Errors name the path, e.g. `decomposition.services.web[1]`.
 *
 * @example
 * const m = { name: "m", tables: ["t"], requests: [{ name: "r", share: 1, entry: "web", calls: [] }], modules: [{ name: "web", workMs: 1, reads: ["t"], writes: ["t"], critical: true, layer: 0 }] };
 * checkDecomposition(m, monolithDecomposition(m)).serviceOf.get("web") // 'monolith'
 */
export function checkDecomposition(monolith: Monolith, d: Decomposition, path = "decomposition"): Cut {
  checkMonolith(monolith);
  if (d === null || typeof d !== "object") throw new SimConfigError(path, d, "a Decomposition { services, tables }");
  if (d.services === null || typeof d.services !== "object" || Array.isArray(d.services)) {
    throw new SimConfigError(`${path}.services`, d.services, "an object from service name to its modules");
  }
  const known = new Set(monolith.modules.map((m) => m.name));
  const serviceOf = new Map<string, string>();
  const services = Object.keys(d.services);
  if (services.length === 0) throw new SimConfigError(`${path}.services`, d.services, "at least one service");
  for (const s of services) {
    const at = `${path}.services.${s}`;
    if (!/^[A-Za-z][\w-]*$/.test(s) || s === SHARED_DATABASE) {
      throw new SimConfigError(at, s, `a service name of letters, digits, - and _, not "${SHARED_DATABASE}"`);
    }
    const modules = d.services[s];
    if (!Array.isArray(modules) || modules.length === 0)
      throw new SimConfigError(at, modules, "a non-empty array of module names");
    modules.forEach((m, k) => {
      if (typeof m !== "string" || !known.has(m))
        throw new SimConfigError(`${at}[${k}]`, m, `a module of the monolith: ${[...known].join(", ")}`);
      const other = serviceOf.get(m);
      if (other !== undefined)
        throw new SimConfigError(`${at}[${k}]`, m, `a module in one service only (already in "${other}")`);
      serviceOf.set(m, s);
    });
  }
  const missing = [...known].filter((m) => !serviceOf.has(m));
  if (missing.length > 0)
    throw new SimConfigError(`${path}.services`, missing.join(", "), "every module in some service");
  const storeOf = checkTables(monolith, d, path, new Set(services));
  const cut = { services, serviceOf, storeOf };
  checkAcyclic(monolith, cut, path);
  return cut;
}

function checkTables(monolith: Monolith, d: Decomposition, path: string, services: Set<string>): Map<string, string> {
  const tables = d.tables;
  if (tables === null || typeof tables !== "object" || Array.isArray(tables)) {
    throw new SimConfigError(`${path}.tables`, tables, "an object from table name to its owner");
  }
  const storeOf = new Map<string, string>();
  for (const t of Object.keys(tables)) {
    if (!monolith.tables.includes(t))
      throw new SimConfigError(`${path}.tables.${t}`, t, `a table of the monolith: ${monolith.tables.join(", ")}`);
  }
  for (const t of monolith.tables) {
    const owner = tables[t];
    if (typeof owner !== "string" || (owner !== SHARED_DATABASE && !services.has(owner))) {
      throw new SimConfigError(
        `${path}.tables.${t}`,
        owner,
        `an owner: "${SHARED_DATABASE}" or one of the services ${[...services].join(", ")}`,
      );
    }
    storeOf.set(t, owner);
  }
  return storeOf;
}

/**
 * The calls between services (code calls across the cut, and reads of a table another service
 * owns) must not form a cycle: services in a cycle can neither start nor change on their own.
 */
function checkAcyclic(monolith: Monolith, cut: Cut, path: string): void {
  const edges = serviceEdges(monolith, cut);
  const state = new Map<string, number>();
  const visit = (s: string, chain: readonly string[]): void => {
    if (state.get(s) === 2) return;
    if (state.get(s) === 1) {
      throw new SimConfigError(
        `${path}.services`,
        [...chain, s].join(" -> "),
        "services that call each other without a cycle (layering rule)",
      );
    }
    state.set(s, 1);
    for (const t of edges.get(s) ?? []) visit(t, [...chain, s]);
    state.set(s, 2);
  };
  for (const s of cut.services) visit(s, []);
}

/**
 * Which services call which, from every request type's calls and table accesses, in a stable order.
 *
 * @example
 * const a = { name: "a", workMs: 1, reads: [], writes: [], critical: true, layer: 0 };
 * const m = { name: "m", tables: [], modules: [a, { ...a, name: "b", layer: 1 }], requests: [{ name: "r", share: 1, entry: "a", calls: [{ from: "a", to: "b", count: 1, payloadKb: 1, loop: false }] }] };
 * serviceEdges(m, { services: ["a", "b"], serviceOf: new Map([["a", "a"], ["b", "b"]]), storeOf: new Map() }).get("a") // ['b']
 */
export function serviceEdges(monolith: Monolith, cut: Cut): Map<string, string[]> {
  const edges = new Map<string, string[]>();
  const add = (from: string, to: string) => {
    if (from === to) return;
    const list = edges.get(from) ?? [];
    if (!list.includes(to)) list.push(to);
    edges.set(from, list);
  };
  for (const r of monolith.requests) {
    for (const c of r.calls) add(cut.serviceOf.get(c.from) as string, cut.serviceOf.get(c.to) as string);
  }
  for (const m of monolith.modules) {
    for (const t of [...m.reads, ...m.writes]) {
      const owner = cut.storeOf.get(t) as string;
      if (owner !== SHARED_DATABASE) add(cut.serviceOf.get(m.name) as string, owner);
    }
  }
  return edges;
}
