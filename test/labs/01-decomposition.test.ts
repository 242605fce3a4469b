import {
  chattyPairs,
  type Decomposition,
  generateMonolith,
  type Monolith,
  modulePairs,
  NETFLIX_MONOLITH,
  SHARED_DATABASE,
} from "sim-core";
import { expect } from "vitest";
import { gradedLab, shape } from "../../grader/lab.js";
import { type Evaluate, GENERATED, type Target } from "./01-decomposition.driver.js";
import { finestCut, isolatableModules, tableModules } from "./01-decomposition.reference.js";

const lab = gradedLab("01-decomposition");
/** Generated monoliths: public seeds, `fresh` drawn anew per grading, then the hidden seeds. */
const seeds = (fresh: number) => [...lab.seeds, ...lab.freshSeeds(fresh), ...lab.hiddenSeeds];
const NETFLIX: Target = { target: "netflix" };
const generated = (seed: number): Target => ({ target: "generated", seed });
const monolithOf = (t: Target): Monolith =>
  t.target === "netflix" ? NETFLIX_MONOLITH : generateMonolith(t.seed, GENERATED);

// ---- the two log tools -------------------------------------------------------------------

const analysis = shape.object({ chattyPairs: shape.anything(), tablesWritten: shape.anything() });

lab.check(
  "log-chatty-pairs",
  {
    feedback:
      "chattyPairs(log) must list every (from, to) with at least 5 calls in one traced request, summing that request's call sites, with its largest count per request.",
  },
  async ({ drive }) => {
    for (const t of [NETFLIX, ...seeds(2).map(generated)]) {
      const r = await drive("analyse", t, analysis);
      const got = Array.isArray(r.chattyPairs)
        ? (r.chattyPairs as { from?: unknown; to?: unknown; callsPerRequest?: unknown }[])
            .map((p) => `${p?.from}->${p?.to}: ${p?.callsPerRequest}`)
            .sort()
        : r.chattyPairs;
      const want = chattyPairs(monolithOf(t))
        .map((p) => `${p.from}->${p.to}: ${p.callsPerRequestMax}`)
        .sort();
      expect(got, `chatty pairs of ${monolithOf(t).name}`).toEqual(want);
    }
  },
);

/** Module → tables it writes, for every module some request visits (what a profiler can see). */
function writesSeen(m: Monolith): Record<string, string[]> {
  const visited = new Set(m.requests.map((r) => r.entry));
  for (const p of modulePairs(m)) visited.add(p.from).add(p.to);
  return Object.fromEntries(
    m.modules.filter((x) => visited.has(x.name) && x.writes.length > 0).map((x) => [x.name, [...x.writes].sort()]),
  );
}

lab.check(
  "log-tables-written",
  { feedback: "tablesWritten(log) must map each module seen writing to the tables it writes (each once)." },
  async ({ drive }) => {
    for (const t of [NETFLIX, ...seeds(2).map(generated)]) {
      const r = await drive("analyse", t, analysis);
      const got =
        r.tablesWritten !== null && typeof r.tablesWritten === "object" && !Array.isArray(r.tablesWritten)
          ? Object.fromEntries(
              Object.entries(r.tablesWritten as Record<string, unknown>).map(([k, v]) => [
                k,
                Array.isArray(v) ? [...v].sort() : v,
              ]),
            )
          : r.tablesWritten;
      expect(got, `tables written in ${monolithOf(t).name}`).toEqual(writesSeen(monolithOf(t)));
    }
  },
);

// ---- the decompositions ------------------------------------------------------------------

const evaluation = shape.object({
  decomposition: shape.anything(),
  error: shape.nullable(shape.string()),
  p99Ms: shape.anything(),
  referenceP99Ms: shape.anything(),
  failures: shape.anything(),
});
type Evaluation = {
  decomposition: Decomposition;
  p99Ms: Record<string, number>;
  referenceP99Ms: Record<string, number>;
  failures: { module: string; service: string; availability: Record<string, number> }[];
};
type Drive = (name: string, input: unknown, s: typeof evaluation) => Promise<{ error: string | null }>;

/** The learner's decomposition of `t`, measured as asked; fails at once (naming why) if invalid. */
async function evaluate(drive: Drive, t: Target, what: { p99?: boolean; fail?: string[] } = {}) {
  const p99 = what.p99 ?? false;
  const input: Evaluate = { ...t, p99, fail: what.fail ?? [], reference: p99 ? referenceCut(monolithOf(t)) : null };
  const r = await drive("evaluate", input, evaluation);
  expect(r.error, `your decomposition of ${monolithOf(t).name} is not valid`).toBeNull();
  const e = r as unknown as Evaluation;
  const services = Object.keys(e.decomposition.services);
  expect(
    services.length,
    `one service is the monolith itself: this check needs a split (services: ${services.join(", ")})`,
  ).toBeGreaterThan(1);
  return e;
}

/** Sentences naming every table whose owner is not the one service that runs all its writers. */
function ownershipProblems(m: Monolith, d: Decomposition): string[] {
  const serviceOf = new Map(Object.entries(d.services).flatMap(([s, ms]) => ms.map((x) => [x, s] as const)));
  return m.tables.flatMap((t) => {
    const owner = d.tables[t] as string;
    const writers = m.modules.filter((x) => x.writes.includes(t));
    if (owner === SHARED_DATABASE) {
      return [
        `table ${t} is still in the shared "${SHARED_DATABASE}"${writers.length > 0 ? ` (written by ${writers.map((w) => w.name).join(", ")})` : ""}`,
      ];
    }
    return writers
      .filter((w) => serviceOf.get(w.name) !== owner)
      .map(
        (w) => `table ${t} is owned by service ${owner} but written by ${w.name} in service ${serviceOf.get(w.name)}`,
      );
  });
}

/** Sentences naming every chatty pair the cut puts on two sides of the network. */
function splitChattyPairs(m: Monolith, d: Decomposition): string[] {
  const serviceOf = new Map(Object.entries(d.services).flatMap(([s, ms]) => ms.map((x) => [x, s] as const)));
  return chattyPairs(m)
    .filter((p) => serviceOf.get(p.from) !== serviceOf.get(p.to))
    .map(
      (p) =>
        `${p.from} -> ${p.to} (${p.callsPerRequestMax} calls per request) crosses from service ${serviceOf.get(p.from)} to ${serviceOf.get(p.to)}`,
    );
}

/** Main request types: at least this share of the mix. */
const MAIN_SHARE = 0.2;
/**
 * p99 bound: at most 25% + 5 ms above the finest valid cut of the same monolith (each table owned
 * by its writer's service), measured by the driver on the same seed with the same options. The driver
 * measures both under canonical names (same draws for the same cut), so the solution, which is
 * that cut, measures exactly the reference (seeds 1-400); a coarser valid cut has fewer hops and
 * is faster. On Netflix's home page (seed 1) one service per module takes 170.5 ms and the split
 * by tier 167.2 ms, against 126.7 ms for bounded contexts: both over the bound of 163.4 ms.
 */
const P99_FACTOR = 1.25;
const P99_SLACK_MS = 5;

function referenceCut(m: Monolith): Decomposition {
  const groups = finestCut(m);
  const name = (module: string) => `s_${groups.find((g) => g.includes(module))?.[0]}`;
  const owner = tableModules(m);
  return {
    services: Object.fromEntries(groups.map((g) => [name(g[0] as string), g])),
    tables: Object.fromEntries(m.tables.map((t) => [t, name(owner(t))])),
  };
}

function latencyProblems(m: Monolith, e: Evaluation): string[] {
  const total = m.requests.reduce((sum, r) => sum + r.share, 0);
  return m.requests.flatMap((r) => {
    if (r.share / total < MAIN_SHARE) return [];
    const bound = P99_FACTOR * (e.referenceP99Ms[r.name] as number) + P99_SLACK_MS;
    const got = e.p99Ms[r.name] as number;
    return got <= bound
      ? []
      : [
          `request ${r.name} (${Math.round((100 * r.share) / total)}% of the mix): p99 ${got.toFixed(1)} ms, bound ${bound.toFixed(1)} ms`,
        ];
  });
}

function failureProblems(e: Evaluation): string[] {
  return e.failures.flatMap((f) => {
    const down = Object.entries(f.availability).filter(([, a]) => a < 1);
    const answered = down.map(([request, a]) => `${request} ${(100 * a).toFixed(0)}%`).join(", ");
    return down.length === 0 ? [] : [`service ${f.service} (runs non-critical ${f.module}) down: answered ${answered}`];
  });
}

/** Not trivial: at least half as many services as the finest cut, none larger than it must be. */
function trivialityProblems(m: Monolith, d: Decomposition): string[] {
  const groups = finestCut(m);
  const least = Math.ceil(groups.length / 2);
  const most = Math.max(4, ...groups.map((g) => g.length));
  const services = Object.entries(d.services);
  const problems =
    services.length >= least
      ? []
      : [`${services.length} services; ${m.name} can be cut into ${groups.length}, so at least ${least}`];
  for (const [s, modules] of services) {
    if (modules.length > most)
      problems.push(`service ${s} runs ${modules.length} modules (${modules.join(", ")}); at most ${most}`);
  }
  return problems;
}

lab.check(
  "netflix-ownership",
  {
    feedback:
      "netflixDecomposition(): every table in the store of the one service that runs its writers (none left in the shared oracle), and no chatty pair split across the network.",
  },
  async ({ drive }) => {
    const e = await evaluate(drive, NETFLIX);
    expect(ownershipProblems(NETFLIX_MONOLITH, e.decomposition), "tables").toEqual([]);
    expect(splitChattyPairs(NETFLIX_MONOLITH, e.decomposition), "chatty pairs").toEqual([]);
  },
);

lab.check(
  "netflix-outcomes",
  {
    feedback:
      "netflixDecomposition() in three zones: home and title within the p99 bound, every request still answered while the service running recommendations is down, and a real split (see the README).",
  },
  async ({ drive }) => {
    const fail = isolatableModules(NETFLIX_MONOLITH);
    const e = await evaluate(drive, NETFLIX, { p99: true, fail });
    expect(failureProblems(e), "non-critical failures").toEqual([]);
    expect(latencyProblems(NETFLIX_MONOLITH, e), "p99").toEqual([]);
    expect(trivialityProblems(NETFLIX_MONOLITH, e.decomposition), "size").toEqual([]);
  },
);

lab.check(
  "one-owner",
  {
    feedback:
      "decompose(): on every generated monolith, each table lives in the store of the one service that runs every module writing it.",
  },
  async ({ drive }) => {
    for (const seed of seeds(2)) {
      const e = await evaluate(drive, generated(seed));
      expect(ownershipProblems(monolithOf(generated(seed)), e.decomposition), "tables").toEqual([]);
    }
  },
);

lab.check(
  "chatty-together",
  { feedback: "decompose(): on every generated monolith, each chatty pair runs inside one service." },
  async ({ drive }) => {
    for (const seed of seeds(2)) {
      const e = await evaluate(drive, generated(seed));
      expect(splitChattyPairs(monolithOf(generated(seed)), e.decomposition), "chatty pairs").toEqual([]);
    }
  },
);

lab.check(
  "p99-bound",
  {
    feedback:
      "decompose(): in three zones, each main request type (20% of the mix or more) within 25% + 5 ms of the finest valid cut's p99.",
  },
  async ({ drive }) => {
    // Public and hidden seeds only: a simulated outcome, like lab 05's, and the costliest check.
    for (const seed of seeds(0)) {
      const e = await evaluate(drive, generated(seed), { p99: true });
      expect(latencyProblems(monolithOf(generated(seed)), e), "p99").toEqual([]);
    }
  },
);

lab.check(
  "non-critical-failure",
  {
    feedback:
      "decompose(): a non-critical module that can run apart from every critical one must, so that its failure leaves every request answered (from fallbacks).",
  },
  async ({ drive }) => {
    for (const seed of seeds(1)) {
      const fail = isolatableModules(monolithOf(generated(seed)));
      const e = await evaluate(drive, generated(seed), { fail });
      expect(failureProblems(e), "non-critical failures").toEqual([]);
    }
  },
);

lab.check(
  "not-trivial",
  {
    feedback:
      "decompose(): a real split: at least half as many services as the finest valid cut, and no service with more modules than the monolith forces together (at least 4 allowed).",
  },
  async ({ drive }) => {
    for (const seed of seeds(2)) {
      const e = await evaluate(drive, generated(seed));
      expect(trivialityProblems(monolithOf(generated(seed)), e.decomposition), "size").toEqual([]);
    }
  },
);
