// Lab 01: leaving the monolith (solution).
//
// In 2009 Netflix ran one Java application on one Oracle database. This lab cuts such a monolith
// into services, starting the way a real team does: read a profiler's call log to find the calls
// that must never cross the network and the tables each module writes, then draw the cut.
//
// Write `chattyPairs`, `tablesWritten`, `netflixDecomposition` and `decompose` (see README.md).
//
// Do not change the exported names or the types: the grader calls the two log tools with call
// logs it makes from the monolith, and runs the `decomposition` scenario's measurement with the
// decompositions you return.

import type { Decomposition, Monolith } from "sim-core";

/** A pair of modules making at least this many calls to each other in one request is chatty. */
export const CHATTY_CALLS_PER_REQUEST = 5;

/** One call site seen in one traced request: `count` calls from `from` to `to` in that request. */
export interface LoggedCall {
  trace: number;
  requestType: string;
  from: string;
  to: string;
  count: number;
  /** True: the calls were made one after another in a loop (the N+1 pattern). */
  loop: boolean;
  /** Request plus response of one call, in bytes. */
  payloadBytes: number;
}

/** Queries one module made to one table in one traced request. */
export interface LoggedTableAccess {
  trace: number;
  requestType: string;
  module: string;
  table: string;
  op: "read" | "write";
  count: number;
}

/** What a profiler attached to the monolith records: a few traced requests of each type. */
export interface CallLog {
  monolith: string;
  calls: LoggedCall[];
  tables: LoggedTableAccess[];
}

export interface ChattyPair {
  from: string;
  to: string;
  /** The most calls from `from` to `to` seen in any one traced request. */
  callsPerRequest: number;
}

/**
 * The chatty pairs of the log: for each (from, to), the calls of one trace are summed over its
 * call sites; the pair is chatty when its largest per-trace sum reaches CHATTY_CALLS_PER_REQUEST.
 */
export function chattyPairs(log: CallLog): ChattyPair[] {
  // Summing per trace first matters: two call sites of 3 calls each in one request are 6 round
  // trips once the pair is split, while 3 calls in each of two requests are only 3 per request.
  const perTrace = new Map<string, { from: string; to: string; calls: number }>();
  for (const c of log.calls) {
    const key = `${c.trace}\u0000${c.from}\u0000${c.to}`;
    const row = perTrace.get(key) ?? { from: c.from, to: c.to, calls: 0 };
    row.calls += c.count;
    perTrace.set(key, row);
  }
  const most = new Map<string, ChattyPair>();
  for (const row of perTrace.values()) {
    const key = `${row.from}\u0000${row.to}`;
    const pair = most.get(key) ?? { from: row.from, to: row.to, callsPerRequest: 0 };
    pair.callsPerRequest = Math.max(pair.callsPerRequest, row.calls);
    most.set(key, pair);
  }
  return [...most.values()].filter((p) => p.callsPerRequest >= CHATTY_CALLS_PER_REQUEST);
}

/** Module → the tables it was seen writing, sorted; modules that wrote nothing are left out. */
export function tablesWritten(log: CallLog): Record<string, string[]> {
  const writes: Record<string, string[]> = {};
  for (const a of log.tables) {
    if (a.op !== "write") continue;
    const list = writes[a.module] ?? [];
    if (!list.includes(a.table)) list.push(a.table);
    writes[a.module] = list;
  }
  for (const list of Object.values(writes)) list.sort();
  return writes;
}

/**
 * The Netflix monolith cut along bounded contexts. Each chatty loop stays inside one service
 * (recommendations with ratings, search with catalog, queue with shipping), each service owns
 * the tables its modules write, and the non-critical personalization modules run apart, so the
 * home page loses only its recommendations when they fail.
 */
export function netflixDecomposition(): Decomposition {
  return {
    services: {
      edge: ["web", "sessions"],
      members: ["accounts", "billing"],
      catalog: ["catalog", "search"],
      dvd: ["queue", "shipping"],
      personalization: ["recommendations", "ratings"],
      playback: ["playback"],
    },
    tables: {
      members: "members",
      subscriptions: "members",
      payments: "members",
      // Read-only tables (filled by offline jobs) go to the service that reads them.
      titles: "catalog",
      search_index: "catalog",
      similar_titles: "personalization",
      queue_items: "dvd",
      inventory: "dvd",
      shipments: "dvd",
      ratings: "personalization",
      viewing_history: "playback",
    },
  };
}

/**
 * A strategy for any monolith: start from one service per module, merge only what must stay
 * together, and stop. Small services keep failures apart; every merge below has a reason.
 */
export function decompose(monolith: Monolith, log: CallLog): Decomposition {
  const names = monolith.modules.map((m) => m.name);
  const parent = new Map(names.map((n) => [n, n]));
  const find = (n: string): string => {
    const p = parent.get(n) as string;
    return p === n ? n : find(p);
  };
  const union = (a: string, b: string) => {
    const [ra, rb] = [find(a), find(b)];
    // The earlier module in the monolith's order names the group, so names are stable.
    if (ra !== rb) names.indexOf(ra) < names.indexOf(rb) ? parent.set(rb, ra) : parent.set(ra, rb);
  };
  // 1. A chatty pair split across the network turns each of its calls into a round trip.
  for (const p of chattyPairs(log)) union(p.from, p.to);
  // 2. One owner per table: every module that writes a table runs in the service that owns it.
  //    The monolith itself lists the writes, also of modules the profiler never saw.
  const writerOf = new Map<string, string>();
  for (const m of monolith.modules) {
    for (const t of m.writes) {
      const first = writerOf.get(t);
      if (first === undefined) writerOf.set(t, m.name);
      else union(first, m.name);
    }
  }
  // A table nobody writes (filled offline) goes to its first reader, else to the first module.
  const tableModule = (t: string): string =>
    writerOf.get(t) ?? monolith.modules.find((m) => m.reads.includes(t))?.name ?? (names[0] as string);
  // 3. Services that call each other in a cycle can neither start nor deploy on their own:
  //    merge every cycle until the service graph has none.
  for (;;) {
    const cycle = findCycle(monolith, find, tableModule);
    if (cycle === undefined) break;
    for (const g of cycle) union(cycle[0] as string, g);
  }
  const services: Record<string, string[]> = {};
  for (const n of names) {
    const group = find(n);
    services[group] = [...(services[group] ?? []), n];
  }
  const tables: Record<string, string> = {};
  for (const t of monolith.tables) tables[t] = find(tableModule(t));
  return { services, tables };
}

/** The groups along one cycle of the graph of calls and foreign table accesses, if any. */
function findCycle(
  monolith: Monolith,
  group: (module: string) => string,
  tableModule: (table: string) => string,
): string[] | undefined {
  const edges = new Map<string, Set<string>>();
  const add = (a: string, b: string) => {
    const [ga, gb] = [group(a), group(b)];
    if (ga !== gb) edges.set(ga, (edges.get(ga) ?? new Set()).add(gb));
  };
  for (const r of monolith.requests) for (const c of r.calls) add(c.from, c.to);
  for (const m of monolith.modules) for (const t of [...m.reads, ...m.writes]) add(m.name, tableModule(t));
  const state = new Map<string, "open" | "done">();
  const walk = (g: string, path: string[]): string[] | undefined => {
    if (state.get(g) === "done") return undefined;
    if (state.get(g) === "open") return path.slice(path.indexOf(g));
    state.set(g, "open");
    for (const next of edges.get(g) ?? []) {
      const found = walk(next, [...path, g]);
      if (found !== undefined) return found;
    }
    state.set(g, "done");
    return undefined;
  };
  for (const m of monolith.modules) {
    const found = walk(group(m.name), []);
    if (found !== undefined) return found;
  }
  return undefined;
}
