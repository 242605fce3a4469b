// Trusted driver for lab 05: runs inside the lab runner next to the learner's module. It asks
// the learner's policy for decisions on seeded contexts and runs the timeoutBudgets scenario with
// it. It returns plain data; the test file decides what is right.
import { type CallContext, type CallPolicy, createRng, type Outcome, timeoutBudgets } from "sim-core";

type Lab = { load(file: string): Promise<Record<string, unknown>> };

/**
 * A fresh policy from the learner's factory. The policy may keep state (a retry budget), and one
 * lab runner serves many checks in turn, so every run and every decision case gets its own:
 * no result depends on which check ran before.
 */
async function freshPolicy(lab: Lab): Promise<() => CallPolicy> {
  const { createBudgetPolicy } = (await lab.load("budget.ts")) as { createBudgetPolicy: () => CallPolicy };
  return () => createBudgetPolicy();
}

/** `hopTimeoutMs` for every hop, budget and retry count asked for. */
export async function hopTimeouts(lab: Lab, input: { budgets: number[]; retries: number[]; hops: number }) {
  const { hopTimeoutMs } = (await lab.load("budget.ts")) as {
    hopTimeoutMs: (hop: number, budgetMs: number, retries: number) => unknown;
  };
  const rows: { budgetMs: number; retries: number; timeoutsMs: unknown[] }[] = [];
  for (const budgetMs of input.budgets) {
    for (const retries of input.retries) {
      const timeoutsMs = Array.from({ length: input.hops }, (_, i) => hopTimeoutMs(i + 1, budgetMs, retries));
      rows.push({ budgetMs, retries, timeoutsMs });
    }
  }
  return { rows };
}

export interface DecisionCase {
  seed: number;
  hop: number;
  attempt: number;
  remainingMs: number | null;
  lastOutcome: Outcome | null;
}

/** The first attempt of a case's call, which a run always asks about before any retry. */
function firstAttempt(c: DecisionCase): CallContext {
  return {
    attempt: 1,
    remainingMs: c.remainingMs ?? Infinity,
    elapsedMs: 0,
    lastOutcome: null,
    instancesTried: [],
    lastBackoffMs: 0,
    // Its own stream, so the case's decision draws what it would without this call.
    rng: createRng(c.seed).fork("first-attempt"),
    hop: c.hop,
    callee: c.hop === 1 ? "mid" : "deep",
  };
}

/**
 * The learner's decision for each case (null remainingMs means no deadline: Infinity), each asked
 * of a fresh policy whose first call was the case's own first attempt, as in a run: a retry
 * budget then starts from its reserve, whatever the cases before it spent.
 */
export async function decisions(lab: Lab, input: { cases: DecisionCase[] }) {
  const create = await freshPolicy(lab);
  return {
    decisions: input.cases.map((c) => {
      const policy = create();
      if (c.attempt > 1) policy.decide(firstAttempt(c));
      const context: CallContext = {
        attempt: c.attempt,
        remainingMs: c.remainingMs ?? Infinity,
        elapsedMs: 0,
        lastOutcome: c.lastOutcome,
        instancesTried: c.attempt > 1 ? [0] : [],
        lastBackoffMs: 0,
        rng: createRng(c.seed).fork("policy"),
        hop: c.hop,
        callee: c.hop === 1 ? "mid" : "deep",
      };
      const d = policy.decide(context) as unknown as Record<string, unknown>;
      return { timeoutMs: d?.timeoutMs, retry: d?.retry, target: d?.target, backoffMs: d?.backoffMs };
    }),
  };
}

/** Every deep instance hung from the start; deadlines carried with requests. */
const hungDeepParams = (input: { seed: number }) =>
  ({ seed: input.seed, deadlinePropagation: true, ...timeoutBudgets.presets.hung }) as const;

export async function hungDeep(lab: Lab, input: { seed: number }) {
  const r = timeoutBudgets.run({ ...hungDeepParams(input), policy: (await freshPolicy(lab))() });
  return {
    requests: r.edge.requests,
    answered: r.edge.requests - r.edge.outcomes.unfinished,
    edgeLatencyMsMax: r.edge.latencyMs.max,
    callsPerHop: r.callsPerHop.map((h) => h.perRequest),
  };
}

/** One of three deep instances hung from the start; deadlines carried with requests. */
const oneHungParams = (input: { seed: number }) =>
  ({ seed: input.seed, deadlinePropagation: true, faultAtMs: 0, faultInstances: 1 }) as const;

export async function oneHung(lab: Lab, input: { seed: number }) {
  const r = timeoutBudgets.run({ ...oneHungParams(input), policy: (await freshPolicy(lab))() });
  return { requests: r.edge.requests, ok: r.edge.outcomes.ok, edgeLatencyMsP99: r.edge.latencyMs.p99 };
}

/**
 * The module's metastable outage (`timeoutBudgets.presets.storm`): near capacity (60 req/s
 * against two slow threads per deep instance), every deep instance hangs for 3 s from 2 s on,
 * then works again until 20 s.
 */
export const METASTABLE = timeoutBudgets.presets.storm;

/**
 * The metastable outage with the learner's policy and, on the same seed, with the scenario's
 * default naive policy (2 s timeouts, 2 retries to the same instance at every layer). Raw
 * observations only: the test decides what recovered means.
 */
export async function outage(lab: Lab, input: { seed: number; deadlinePropagation: boolean }) {
  const params = { ...METASTABLE, seed: input.seed, deadlinePropagation: input.deadlinePropagation };
  const observe = (r: ReturnType<typeof timeoutBudgets.run>) => ({
    goodput: r.series.goodput.map((g) => ({ timeMs: g.timeMs, value: g.value })),
    wastedMs: r.wastedWork.ms,
    amplification: r.amplification,
  });
  const learner = observe(timeoutBudgets.run({ ...params, policy: (await freshPolicy(lab))() }));
  const naive = observe(timeoutBudgets.run(params));
  return {
    offeredPerSec: METASTABLE.ratePerSec,
    faultEndsMs: METASTABLE.faultAtMs + METASTABLE.faultDurationMs,
    loadEndsMs: METASTABLE.durationMs,
    learner,
    naive,
  };
}

/** The sim-core call behind each export, with its parameters and seed, as a learner types it. */
const withPolicy = (params: object) =>
  `timeoutBudgets.run({ ${Object.entries(params)
    .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
    .join(", ")}, policy: createBudgetPolicy() })`;

export const reproduce = {
  hopTimeouts: (input: { budgets: number[]; retries: number[]; hops: number }) =>
    `hopTimeoutMs(hop, budgetMs, retries) for hop 1-${input.hops}, budgetMs in ${JSON.stringify(input.budgets)}, retries in ${JSON.stringify(input.retries)}`,
  decisions: (input: { cases: DecisionCase[] }) =>
    `createBudgetPolicy().decide(context), a fresh policy per case, context.rng = createRng(seed).fork("policy"), for ${input.cases
      .slice(0, 5)
      .map((c) => JSON.stringify(c))
      .join(", ")}${input.cases.length > 5 ? `, … (${input.cases.length} cases)` : ""}`,
  hungDeep: (input: { seed: number }) => withPolicy(hungDeepParams(input)),
  oneHung: (input: { seed: number }) => withPolicy(oneHungParams(input)),
  outage: (input: { seed: number; deadlinePropagation: boolean }) =>
    withPolicy({ ...METASTABLE, seed: input.seed, deadlinePropagation: input.deadlinePropagation }),
};
