// Trusted driver for lab 05: runs inside the lab runner next to the learner's module. It asks
// the learner's policy for decisions on seeded contexts and runs the timeoutBudgets scenario with
// it. It returns plain data; the test file decides what is right.
import { type CallContext, type CallPolicy, createRng, type Outcome, timeoutBudgets } from "sim-core";

type Lab = { load(file: string): Promise<Record<string, unknown>> };

async function policyOf(lab: Lab): Promise<CallPolicy> {
  const { budgetPolicy } = (await lab.load("budget.ts")) as { budgetPolicy: CallPolicy };
  return budgetPolicy;
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

/** The learner's decision for each case (null remainingMs means no deadline: Infinity). */
export async function decisions(lab: Lab, input: { cases: DecisionCase[] }) {
  const policy = await policyOf(lab);
  return {
    decisions: input.cases.map((c) => {
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
export async function hungDeep(lab: Lab, input: { seed: number }) {
  const r = timeoutBudgets.run({
    seed: input.seed,
    policy: await policyOf(lab),
    deadlinePropagation: true,
    faultAtMs: 0,
    ratePerSec: 5,
    durationMs: 2000,
  });
  return {
    requests: r.edge.requests,
    answered: r.edge.requests - r.edge.outcomes.unfinished,
    edgeLatencyMsMax: r.edge.latencyMs.max,
    callsPerHop: r.callsPerHop.map((h) => h.perRequest),
  };
}

/** One of three deep instances hung from the start; deadlines carried with requests. */
export async function oneHung(lab: Lab, input: { seed: number }) {
  const r = timeoutBudgets.run({
    seed: input.seed,
    policy: await policyOf(lab),
    deadlinePropagation: true,
    faultAtMs: 0,
    faultInstances: 1,
  });
  return { requests: r.edge.requests, ok: r.edge.outcomes.ok, edgeLatencyMsP99: r.edge.latencyMs.p99 };
}
