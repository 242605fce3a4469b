import type { Decomposition } from "./decomposition.js";
import type { ModuleCall, ModuleSpec, Monolith } from "./model.js";

// The story (module 1): in 2009 Netflix ran the DVD business as one Java application on one
// Oracle database (Adrian Cockcroft, "Migrating to Cloud Native with Microservices", GOTO Berlin 2014).
// The modules, tables, calls and mix below are a plausible sketch of such an application, not
// Netflix's code: sizes and counts are ours, chosen so that the patterns of the story appear
// (N+1 loops, a fat object, a table read by two teams).

const mod = (
  name: string,
  layer: number,
  workMs: number,
  reads: string[],
  writes: string[],
  critical = true,
): ModuleSpec => ({ name, layer, workMs, reads, writes, critical });
const call = (from: string, to: string, count: number, payloadKb: number, loop = count > 1): ModuleCall => ({
  from,
  to,
  count,
  payloadKb,
  loop,
});
const session = call("web", "sessions", 1, 1);

/**
 * The DVD-and-streaming monolith of 2009: eleven modules in one process, eleven tables in one
 * Oracle database, six request types.
 *
 * @example
 * NETFLIX_MONOLITH.modules.length // 11
 */
export const NETFLIX_MONOLITH: Monolith = {
  name: "netflix-2009",
  tables: [
    "members",
    "subscriptions",
    "payments",
    "titles",
    "search_index",
    "queue_items",
    "inventory",
    "shipments",
    "ratings",
    "similar_titles",
    "viewing_history",
  ],
  modules: [
    mod("web", 0, 3, [], []),
    // Sticky sessions held in the web servers' memory: no table.
    mod("sessions", 1, 0.1, [], []),
    mod("search", 1, 3, ["search_index"], []),
    mod("queue", 1, 0.5, ["queue_items"], ["queue_items"]),
    mod("recommendations", 1, 4, ["similar_titles"], [], false),
    mod("playback", 1, 1, [], ["viewing_history"]),
    mod("accounts", 2, 0.5, ["members"], ["members"]),
    mod("billing", 2, 1, ["subscriptions"], ["subscriptions", "payments"]),
    mod("ratings", 2, 0.1, ["ratings"], ["ratings"], false),
    // Shipping reads the member's address straight from the members table.
    mod("shipping", 2, 0.5, ["inventory", "members"], ["inventory", "shipments"]),
    mod("catalog", 3, 0.2, ["titles"], []),
  ],
  requests: [
    {
      name: "home",
      share: 40,
      entry: "web",
      calls: [
        session,
        call("web", "accounts", 1, 2),
        call("web", "recommendations", 1, 8),
        // The member's rating of each candidate title, one at a time: cheap in one process.
        call("recommendations", "ratings", 20, 1),
        call("recommendations", "catalog", 1, 8),
        call("web", "queue", 1, 4),
        call("queue", "catalog", 1, 8),
      ],
    },
    {
      name: "title",
      share: 20,
      entry: "web",
      calls: [
        session,
        call("web", "catalog", 1, 8),
        call("web", "ratings", 1, 1),
        call("web", "recommendations", 1, 8),
        call("recommendations", "ratings", 10, 1),
        call("recommendations", "catalog", 1, 8),
      ],
    },
    {
      name: "search",
      share: 15,
      entry: "web",
      // A full Title object graph per hit: the fat object of the story.
      calls: [session, call("web", "search", 1, 2), call("search", "catalog", 20, 16)],
    },
    {
      name: "queue-add",
      share: 10,
      entry: "web",
      calls: [session, call("web", "queue", 1, 2), call("queue", "shipping", 5, 1), call("queue", "catalog", 1, 8)],
    },
    {
      name: "play",
      share: 10,
      entry: "web",
      calls: [
        session,
        call("web", "accounts", 1, 2),
        call("web", "billing", 1, 2),
        call("web", "playback", 1, 4),
        call("playback", "catalog", 1, 4),
      ],
    },
    {
      name: "rate",
      share: 5,
      entry: "web",
      calls: [session, call("web", "ratings", 1, 1), call("web", "recommendations", 1, 2, false)],
    },
  ],
};

const shared = (tables: readonly string[]) => Object.fromEntries(tables.map((t) => [t, "oracle"]));

/**
 * The distributed monolith: services cut by technical tier (front end, business logic, data
 * access, algorithms), every table left in the shared Oracle. The cuts run through the chatty
 * loops, and the shared tables tie the tiers together.
 *
 * @example
 * Object.keys(NETFLIX_DISTRIBUTED_MONOLITH.services) // ['frontend', 'business', 'algorithms', 'data']
 */
export const NETFLIX_DISTRIBUTED_MONOLITH: Decomposition = {
  services: {
    frontend: ["web", "sessions"],
    business: ["accounts", "billing", "queue", "playback"],
    algorithms: ["recommendations", "search"],
    data: ["catalog", "ratings", "shipping"],
  },
  tables: shared(NETFLIX_MONOLITH.tables),
};

/**
 * Bounded contexts with owned data: each service owns the tables of its context in its own
 * store; the chatty loops stay inside one service; shipping asks the members service for an
 * address instead of reading its table.
 *
 * @example
 * NETFLIX_BOUNDED_CONTEXTS.tables.members // 'members'
 */
export const NETFLIX_BOUNDED_CONTEXTS: Decomposition = {
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
    titles: "catalog",
    search_index: "catalog",
    queue_items: "dvd",
    inventory: "dvd",
    shipments: "dvd",
    ratings: "personalization",
    similar_titles: "personalization",
    viewing_history: "playback",
  },
};
