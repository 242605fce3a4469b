import { checkNumber } from "../errors/index.js";
import { createRng, type Rng, type Seed } from "../random/index.js";
import { checkMonolith } from "./check-monolith.js";
import type { ModuleCall, ModuleSpec, Monolith, RequestType } from "./model.js";

/** Names for generated modules; past the list they repeat with a number. */
const NAMES = [
  "accounts",
  "billing",
  "catalog",
  "search",
  "orders",
  "inventory",
  "shipping",
  "ratings",
  "reviews",
  "offers",
  "payments",
  "profiles",
  "history",
  "alerts",
  "pricing",
  "media",
  "licenses",
  "devices",
  "reports",
];
/** Layers below the edge; calls only go deeper, so no request can cycle. */
const LAYERS = 3;
/** Chance that a call is a loop (an N+1 pattern) and its count range. */
const LOOP_CHANCE = 0.3;
const LOOP_COUNT = [5, 20] as const;
/** Chance that a module reads a table another module writes. */
const FOREIGN_READ_CHANCE = 0.3;
const NON_CRITICAL_CHANCE = 0.25;
const FAT_CHANCE = 0.1;

/**
 * A plausible monolith of any size from a seed: an edge module in front, the rest in three
 * layers, each owning one or two tables and sometimes reading another's; request types that
 * enter at the edge and call deeper, some in loops, some with fat payloads. The same seed and
 * sizes give the same monolith, so graded checks can use unseen ones.
 *
 * @example
 * generateMonolith(7, { modules: 8, requestTypes: 3 }).requests.length // 3
 */
export function generateMonolith(seed: Seed, o: { modules: number; requestTypes: number }): Monolith {
  const count = checkNumber("generateMonolith.modules", o.modules, { min: 2, max: 200, integer: true });
  const types = checkNumber("generateMonolith.requestTypes", o.requestTypes, { min: 1, max: 50, integer: true });
  const rng = createRng(seed).fork("monolith");
  const names = Array.from({ length: count - 1 }, (_, i) => {
    const base = NAMES[i % NAMES.length] as string;
    return i < NAMES.length ? base : `${base}${Math.floor(i / NAMES.length) + 1}`;
  });
  const tables: string[] = [];
  const modules: ModuleSpec[] = [{ name: "web", layer: 0, workMs: 2, reads: [], writes: [], critical: true }];
  names.forEach((name, i) => {
    const own = Array.from({ length: 1 + rng.int(2) }, (_, k) => `${name}_t${k + 1}`);
    tables.push(...own);
    modules.push({
      name,
      layer: 1 + Math.floor((i * LAYERS) / names.length),
      workMs: round(rng.uniform(0.1, 3)),
      reads: [...own],
      writes: own,
      critical: !rng.chance(NON_CRITICAL_CHANCE),
    });
  });
  for (const m of modules.slice(1)) {
    if (rng.chance(FOREIGN_READ_CHANCE)) {
      const other = tables[rng.int(tables.length)] as string;
      if (!m.reads.includes(other)) (m.reads as string[]).push(other);
    }
  }
  const requests: RequestType[] = Array.from({ length: types }, (_, t) => ({
    name: `request${t + 1}`,
    share: 1 + rng.int(10),
    entry: "web",
    calls: requestCalls(modules, rng),
  }));
  return checkMonolith({ name: `generated-${seed}`, tables, modules, requests });
}

/** Calls of one request: the edge calls one to three modules, each calls on deeper at most twice. */
function requestCalls(modules: readonly ModuleSpec[], rng: Rng): ModuleCall[] {
  const calls: ModuleCall[] = [];
  const called = new Set<string>();
  const visit = (from: ModuleSpec, fanOut: number): void => {
    const deeper = modules.filter((m) => m.layer > from.layer && !called.has(m.name));
    for (let k = 0; k < fanOut && deeper.length > 0; k++) {
      const to = deeper.splice(rng.int(deeper.length), 1)[0] as ModuleSpec;
      called.add(to.name);
      const loop = from.layer > 0 && rng.chance(LOOP_CHANCE);
      const count = loop ? LOOP_COUNT[0] + rng.int(LOOP_COUNT[1] - LOOP_COUNT[0] + 1) : 1;
      const payloadKb = rng.chance(FAT_CHANCE) ? 32 : round(rng.uniform(0.5, 8));
      calls.push({ from: from.name, to: to.name, count, payloadKb, loop });
      // A module reached in a loop calls no further, so a request stays a few hundred visits.
      visit(to, loop ? 0 : rng.int(3));
    }
  };
  visit(modules[0] as ModuleSpec, 1 + rng.int(3));
  return calls;
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}
