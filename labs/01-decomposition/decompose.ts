// Lab 01: leaving the monolith.
//
// In 2009 Netflix ran one Java application on one Oracle database. This lab cuts such a monolith
// into services, starting the way a real team does: read a profiler's call log to find the calls
// that must never cross the network and the tables each module writes, then draw the cut.
//
// Write `chattyPairs`, `tablesWritten`, `netflixDecomposition` and `decompose` (see README.md).
// The code below runs and scores 0: it finds nothing in the log and leaves the monolith whole.
//
// Do not change the exported names or the types: the grader calls the two log tools with call
// logs it makes from the monolith, and runs the `decomposition` scenario's measurement with the
// decompositions you return. Only type imports of sim-core work here (`import type`).

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
  // TODO 1: sum `count` per trace and per (from, to), keep each pair's largest sum, and return the
  //         pairs whose largest sum reaches CHATTY_CALLS_PER_REQUEST.
  void log;
  return [];
}

/** Module → the tables it was seen writing, sorted; modules that wrote nothing are left out. */
export function tablesWritten(log: CallLog): Record<string, string[]> {
  // TODO 2: collect, for each module, the tables of its "write" accesses (each table once).
  void log;
  return {};
}

/** The Netflix monolith (NETFLIX_MONOLITH in sim-core) cut into services, by hand. */
export function netflixDecomposition(): Decomposition {
  // TODO 3: group the eleven modules into services and give every table an owner. Read the
  //         monolith first (sim-core/src/decompose/netflix.ts, or chattyPairs on its log).
  return {
    services: {
      monolith: [
        "web",
        "sessions",
        "search",
        "queue",
        "recommendations",
        "playback",
        "accounts",
        "billing",
        "ratings",
        "shipping",
        "catalog",
      ],
    },
    tables: {
      members: "oracle",
      subscriptions: "oracle",
      payments: "oracle",
      titles: "oracle",
      search_index: "oracle",
      queue_items: "oracle",
      inventory: "oracle",
      shipments: "oracle",
      ratings: "oracle",
      similar_titles: "oracle",
      viewing_history: "oracle",
    },
  };
}

/** A strategy: a decomposition for any monolith, from the monolith and its call log. */
export function decompose(monolith: Monolith, log: CallLog): Decomposition {
  // TODO 4: start from one service per module and merge only what must stay together: chatty
  //         pairs (your chattyPairs), the writers of one table, and services that would call
  //         each other in a cycle. Then give each table to the service that writes it.
  void log;
  return {
    services: { monolith: monolith.modules.map((m) => m.name) },
    tables: Object.fromEntries(monolith.tables.map((t) => [t, "oracle"])),
  };
}
