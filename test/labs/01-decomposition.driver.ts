// Trusted driver for lab 01: runs inside the lab runner next to the learner's module. It makes
// the profiler's call log of a monolith (the Netflix one, or one generated from a seed), asks the
// learner's tools and strategy about it, and measures the learner's decomposition on the
// decomposition scenario's floor. It returns plain data; the test file decides what is right.
import {
  checkDecomposition,
  type Decomposition,
  generateMonolith,
  type Monolith,
  measureDecomposition,
  NETFLIX_MONOLITH,
  type RequestType,
} from "sim-core";

type Lab = { load(file: string): Promise<Record<string, unknown>> };

/** Sizes of the generated monoliths the strategy is graded on. */
export const GENERATED = { modules: 12, requestTypes: 4 } as const;
/** Traced requests of each type in a call log. */
const TRACES_PER_TYPE = 2;

/**
 * How a decomposition is measured: the decomposition scenario's defaults in three AWS zones
 * (cross-zone 1 ms one way, DEFAULT_NETWORK), with hop errors off so that latency and a failure
 * show alone. 200 requests per type make p99 the third-slowest of them.
 */
export const MEASURE = {
  instances: 3,
  placement: "three-zones",
  crossZoneMs: 1,
  crossRegionMs: 41.5,
  requestsPerType: 200,
  ratePerSec: 20,
  inProcessCallMs: 0.001,
  serializationMsPerKb: 0.02,
  queryMs: 1,
  hopErrorRate: 0,
} as const;
/** Requests per type while a service is down: availability only, so fewer (as blastRadius does). */
const FAILURE_REQUESTS_PER_TYPE = 10;

export type Target = { target: "netflix" } | { target: "generated"; seed: number };

function monolithOf(input: Target): Monolith {
  return input.target === "netflix" ? NETFLIX_MONOLITH : generateMonolith(input.seed, GENERATED);
}

/** Visits of each module in one request of this type (a module called 5 times in a loop: 5). */
function visitsOf(r: RequestType): Map<string, number> {
  const visits = new Map<string, number>();
  const walk = (module: string, times: number) => {
    visits.set(module, (visits.get(module) ?? 0) + times);
    for (const c of r.calls) if (c.from === module) walk(c.to, times * c.count);
  };
  walk(r.entry, 1);
  return visits;
}

/**
 * The call log a profiler attached to the monolith would record: TRACES_PER_TYPE traced requests
 * of each type, every call site with its calls in that request, every table a visited module
 * queried (one query per visit and table, as the scenario's model runs it).
 */
export function callLogOf(monolith: Monolith) {
  const calls: object[] = [];
  const tables: object[] = [];
  let trace = 0;
  for (const r of monolith.requests) {
    const visits = visitsOf(r);
    for (let k = 0; k < TRACES_PER_TYPE; k++) {
      trace++;
      for (const c of r.calls) {
        const count = (visits.get(c.from) ?? 0) * c.count;
        const payloadBytes = Math.round(c.payloadKb * 1024);
        calls.push({ trace, requestType: r.name, from: c.from, to: c.to, count, loop: c.loop, payloadBytes });
      }
      for (const [module, count] of visits) {
        const spec = monolith.modules.find((m) => m.name === module);
        for (const table of spec?.reads ?? [])
          tables.push({ trace, requestType: r.name, module, table, op: "read", count });
        for (const table of spec?.writes ?? [])
          tables.push({ trace, requestType: r.name, module, table, op: "write", count });
      }
    }
  }
  return { monolith: monolith.name, calls, tables };
}

/** The learner's two log tools on the monolith's call log. */
export async function analyse(lab: Lab, input: Target) {
  const { chattyPairs, tablesWritten } = (await lab.load("decompose.ts")) as Record<string, (log: unknown) => unknown>;
  const log = callLogOf(monolithOf(input));
  return { chattyPairs: chattyPairs?.(log), tablesWritten: tablesWritten?.(log) };
}

/**
 * The same cut with its services renamed s1, s2, … in the order of their first module in the
 * monolith, modules and tables in the monolith's order. Names and key order steer which random
 * draws each node gets; with them fixed, two decompositions that cut alike measure alike, so a
 * p99 is compared with the reference's on the same draws rather than on another sample.
 */
export function canonicalNames(monolith: Monolith, d: Decomposition): Decomposition {
  const order = monolith.modules.map((m) => m.name);
  const services = Object.entries(d.services)
    .map(([name, modules]) => ({ name, modules: [...modules].sort((a, b) => order.indexOf(a) - order.indexOf(b)) }))
    .sort((a, b) => order.indexOf(a.modules[0] as string) - order.indexOf(b.modules[0] as string));
  const renamed = new Map(services.map((x, i) => [x.name, `s${i + 1}`]));
  return {
    services: Object.fromEntries(services.map((x) => [renamed.get(x.name) as string, x.modules])),
    tables: Object.fromEntries(
      monolith.tables.map((t) => [t, renamed.get(d.tables[t] as string) ?? (d.tables[t] as string)]),
    ),
  };
}

/** A decomposition's p99 per request type, by request name, measured under canonical names. */
function p99s(monolith: Monolith, d: Decomposition, seed: number): Record<string, number> {
  const m = measureDecomposition(monolith, canonicalNames(monolith, d), { ...MEASURE, seed, failure: "none" });
  return Object.fromEntries(m.requests.map((r) => [r.name, r.latencyMs.p99]));
}

/** What to measure; `reference` is a decomposition the test file made, measured the same way. */
export type Evaluate = Target & { p99: boolean; fail: string[]; reference: Decomposition | null };

/**
 * The learner's decomposition of the monolith (`netflixDecomposition()` for Netflix, the strategy
 * `decompose(monolith, log)` otherwise), validated, then measured as asked: p99 per request type
 * (`p99`), and availability per request type with the service running each module of `fail`
 * down. `error` is set instead when the decomposition is not valid.
 */
export async function evaluate(lab: Lab, input: Evaluate) {
  const { netflixDecomposition, decompose } = (await lab.load("decompose.ts")) as Record<
    string,
    (...args: unknown[]) => unknown
  >;
  const monolith = monolithOf(input);
  const seed = input.target === "netflix" ? 1 : input.seed;
  const d = (
    input.target === "netflix" ? netflixDecomposition?.() : decompose?.(monolith, callLogOf(monolith))
  ) as Decomposition;
  let cut: ReturnType<typeof checkDecomposition>;
  try {
    cut = checkDecomposition(monolith, d);
  } catch (e) {
    return {
      decomposition: d ?? null,
      error: e instanceof Error ? e.message : String(e),
      p99Ms: null,
      referenceP99Ms: null,
      failures: [],
    };
  }
  const failures = input.fail.map((module) => {
    const service = cut.serviceOf.get(module) as string;
    const m = measureDecomposition(monolith, d, {
      ...MEASURE,
      seed,
      requestsPerType: FAILURE_REQUESTS_PER_TYPE,
      failure: service,
    });
    return { module, service, availability: Object.fromEntries(m.requests.map((r) => [r.name, r.availability])) };
  });
  return {
    decomposition: d,
    error: null,
    p99Ms: input.p99 ? p99s(monolith, d, seed) : null,
    referenceP99Ms: input.p99 && input.reference !== null ? p99s(monolith, input.reference, seed) : null,
    failures,
  };
}

const monolithCall = (input: Target) =>
  input.target === "netflix"
    ? "NETFLIX_MONOLITH"
    : `generateMonolith(${input.seed}, { modules: ${GENERATED.modules}, requestTypes: ${GENERATED.requestTypes} })`;
const policyCall = (input: Target) =>
  input.target === "netflix" ? "netflixDecomposition()" : "decompose(monolith, callLogOf(monolith))";
/** MEASURE with the seed and overrides, as an object literal a learner can paste. */
const options = (seed: number, overrides: Record<string, string>) =>
  `{ ${Object.entries({
    ...Object.fromEntries(Object.entries(MEASURE).map(([k, v]) => [k, JSON.stringify(v)])),
    seed: String(seed),
    ...overrides,
  })
    .map(([k, v]) => `${k}: ${v}`)
    .join(", ")} }`;

/** The sim-core call behind each export, as a learner types it (callLogOf is exported above). */
export const reproduce = {
  analyse: (input: Target) =>
    `chattyPairs(log) and tablesWritten(log), log = callLogOf(${monolithCall(input)}) from test/labs/01-decomposition.driver.ts`,
  evaluate: (input: Evaluate) => {
    const seed = input.target === "netflix" ? 1 : input.seed;
    const run = `const monolith = ${monolithCall(input)}; checkDecomposition(monolith, ${policyCall(input)})`;
    const steps = [run];
    if (input.p99) {
      steps.push(
        `measureDecomposition(monolith, canonicalNames(monolith, ${policyCall(input)}), ${options(seed, { failure: '"none"' })})`,
      );
    }
    if (input.fail.length > 0) {
      steps.push(
        `measureDecomposition(monolith, ${policyCall(input)}, ${options(seed, { requestsPerType: String(FAILURE_REQUESTS_PER_TYPE), failure: "the service running module" })}) for each module in ${JSON.stringify(input.fail)}`,
      );
    }
    return `${steps.join("; ")} (callLogOf and canonicalNames are exported by test/labs/01-decomposition.driver.ts)`;
  },
};
