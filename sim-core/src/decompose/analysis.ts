import type { Cut } from "./decomposition.js";
import { type Monolith, type RequestType, SHARED_DATABASE } from "./model.js";

/** A pair of modules making at least this many calls in one request is chatty (an N+1 loop). */
export const CHATTY_CALLS_PER_REQUEST = 5;
/** A call carrying at least this many kB is a fat interface: both sides change together. */
export const FAT_INTERFACE_KB = 16;

/** Calls between two modules per request: the most in any one request type, and mix-weighted. */
export interface ModulePair {
  from: string;
  to: string;
  callsPerRequestMax: number;
  callsPerRequestMix: number;
  payloadKbMax: number;
}

/**
 * Calls per request between each pair of modules, counting nesting (a module visited 3 times
 * makes its calls 3 times), in the order the calls are listed.
 *
 * @example
 * const m = { name: "m", tables: [], requests: [{ name: "r", share: 1, entry: "a", calls: [{ from: "a", to: "b", count: 20, payloadKb: 1, loop: true }] }],
 *   modules: [{ name: "a", workMs: 1, reads: [], writes: [], critical: true, layer: 0 }, { name: "b", workMs: 1, reads: [], writes: [], critical: true, layer: 1 }] };
 * modulePairs(m)[0].callsPerRequestMax // 20
 */
export function modulePairs(monolith: Monolith): ModulePair[] {
  const total = monolith.requests.reduce((sum, r) => sum + r.share, 0);
  const pairs = new Map<string, ModulePair>();
  for (const r of monolith.requests) {
    const visits = moduleVisits(r);
    const perRequest = new Map<string, number>();
    for (const c of r.calls) {
      const key = `${c.from}\u0000${c.to}`;
      perRequest.set(key, (perRequest.get(key) ?? 0) + (visits.get(c.from) ?? 0) * c.count);
      const pair = pairs.get(key) ?? {
        from: c.from,
        to: c.to,
        callsPerRequestMax: 0,
        callsPerRequestMix: 0,
        payloadKbMax: 0,
      };
      pair.payloadKbMax = Math.max(pair.payloadKbMax, c.payloadKb);
      pairs.set(key, pair);
    }
    for (const [key, n] of perRequest) {
      const pair = pairs.get(key) as ModulePair;
      pair.callsPerRequestMax = Math.max(pair.callsPerRequestMax, n);
      pair.callsPerRequestMix += (r.share / total) * n;
    }
  }
  return [...pairs.values()];
}

/** How many times each module is visited by one request of this type. */
function moduleVisits(r: RequestType): Map<string, number> {
  const visits = new Map<string, number>();
  const walk = (module: string, times: number): void => {
    visits.set(module, (visits.get(module) ?? 0) + times);
    for (const c of r.calls) if (c.from === module) walk(c.to, times * c.count);
  };
  walk(r.entry, 1);
  return visits;
}

/**
 * The chatty pairs: modules making at least CHATTY_CALLS_PER_REQUEST calls in some request type.
 * Split across the network, each of those calls becomes a round trip.
 *
 * @example
 * const m = { name: "m", tables: [], requests: [{ name: "r", share: 1, entry: "a", calls: [{ from: "a", to: "b", count: 20, payloadKb: 1, loop: true }] }],
 *   modules: [{ name: "a", workMs: 1, reads: [], writes: [], critical: true, layer: 0 }, { name: "b", workMs: 1, reads: [], writes: [], critical: true, layer: 1 }] };
 * chattyPairs(m).map((p) => `${p.from}->${p.to}`) // ['a->b']
 */
export function chattyPairs(monolith: Monolith): ModulePair[] {
  return modulePairs(monolith).filter((p) => p.callsPerRequestMax >= CHATTY_CALLS_PER_REQUEST);
}

/** Why two services must deploy together. */
export interface Coupling {
  a: string;
  b: string;
  reason: "shared table" | "fat interface";
  /** The table, or the module call `from->to`. */
  via: string;
}

/**
 * Services that must deploy together: two services touching one table in the shared database
 * when at least one writes it (a schema change breaks the other), or a call across the cut
 * carrying at least `fatKb` (a fat object both sides must change in step).
 *
 * @example
 * const m = { name: "m", tables: ["t"], requests: [{ name: "r", share: 1, entry: "a", calls: [{ from: "a", to: "b", count: 1, payloadKb: 1, loop: false }] }],
 *   modules: [{ name: "a", workMs: 1, reads: ["t"], writes: [], critical: true, layer: 0 }, { name: "b", workMs: 1, reads: [], writes: ["t"], critical: true, layer: 1 }] };
 * couplings(m, { services: ["a", "b"], serviceOf: new Map([["a", "a"], ["b", "b"]]), storeOf: new Map([["t", "oracle"]]) })
 * // [{ a: 'a', b: 'b', reason: 'shared table', via: 't' }]
 */
export function couplings(monolith: Monolith, cut: Cut, fatKb = FAT_INTERFACE_KB): Coupling[] {
  const out: Coupling[] = [];
  const seen = new Set<string>();
  const add = (x: string, y: string, reason: Coupling["reason"], via: string) => {
    const [a, b] = cut.services.indexOf(x) < cut.services.indexOf(y) ? [x, y] : [y, x];
    const key = `${a}\u0000${b}\u0000${reason}\u0000${via}`;
    if (a === b || seen.has(key)) return;
    seen.add(key);
    out.push({ a, b, reason, via });
  };
  for (const t of monolith.tables) {
    if (cut.storeOf.get(t) !== SHARED_DATABASE) continue;
    const writers = monolith.modules
      .filter((m) => m.writes.includes(t))
      .map((m) => cut.serviceOf.get(m.name) as string);
    const users = monolith.modules
      .filter((m) => m.reads.includes(t) || m.writes.includes(t))
      .map((m) => cut.serviceOf.get(m.name) as string);
    for (const w of writers) for (const u of users) add(w, u, "shared table", t);
  }
  for (const p of modulePairs(monolith)) {
    if (p.payloadKbMax >= fatKb)
      add(
        cut.serviceOf.get(p.from) as string,
        cut.serviceOf.get(p.to) as string,
        "fat interface",
        `${p.from}->${p.to}`,
      );
  }
  return out;
}

/**
 * Groups of services that must deploy together (connected by couplings), in service order.
 *
 * @example
 * deployUnits(["a", "b", "c"], [{ a: "a", b: "c", reason: "shared table", via: "t" }]) // [['a', 'c'], ['b']]
 */
export function deployUnits(services: readonly string[], links: readonly Coupling[]): string[][] {
  const parent = services.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : find(parent[i] as number));
  for (const l of links) parent[find(services.indexOf(l.a))] = find(services.indexOf(l.b));
  const groups = new Map<number, string[]>();
  services.forEach((s, i) => {
    const root = find(i);
    groups.set(root, [...(groups.get(root) ?? []), s]);
  });
  return [...groups.values()].sort((x, y) => services.indexOf(x[0] as string) - services.indexOf(y[0] as string));
}
