// Trusted driver for lab 04: runs inside the lab runner next to the learner's files. It runs the
// chaosExperiment scenario with the learner's guard, or with the learner's resilience settings,
// and returns raw observations only: the test file decides what is right.
import {
  type ChaosExperimentResult,
  chaosExperiment,
  type EvacuationPlan,
  type ExperimentGuard,
  regionEvacuation,
  type SutOptions,
} from "sim-core";

type Lab = { load(file: string): Promise<Record<string, unknown>> };
type Params = Parameters<typeof chaosExperiment.run>[0];

const P = chaosExperiment.presets;
/** The guard's harmful runs: 5% of customers per group (the size at which Latency Monkey fills the API's pool), 15 s. */
const GUARD_WINDOW = { groupSharePct: 5, durationMs: 15_000, abort: true } as const;

/** Experiments that hurt customers (the guard must stop them) and ones that do not (it must let them run). */
export const GUARD_EXPERIMENTS = {
  // Harmful: a kill with no retry, a slow dependency with no bulkhead, a quarter of playback calls failing.
  monkey: { ...P.monkey, ...GUARD_WINDOW },
  latency: { ...P.latency, ...GUARD_WINDOW },
  errors: { fault: "errors", sharePct: 25, ...GUARD_WINDOW },
  // Harmless: no fault (small groups, as the page runs them, and large ones), a zone lost behind
  // Ribbon's zone-aware clients, a slow dependency behind a bulkhead.
  aa: { ...P.aa },
  aaLarge: { fault: "none", ...GUARD_WINDOW },
  gorillaRibbon: { ...P.gorillaRibbon, ...GUARD_WINDOW },
  latencyBulkhead: { ...P.latencyBulkhead, ...GUARD_WINDOW },
} as const satisfies Record<string, Params>;
export type GuardExperiment = keyof typeof GUARD_EXPERIMENTS;
export const HARMFUL: readonly GuardExperiment[] = ["monkey", "latency", "errors"];

/** Several A/A runs per seed are cheap and show the noise: replica k > 0 runs on seed × 1000 + k. */
const runSeed = (seed: number, replica: number) => (replica === 0 ? seed : seed * 1000 + replica);

export interface GuardInput {
  seed: number;
  experiment: GuardExperiment;
  replica: number;
}

const guardParams = (input: GuardInput) => ({
  ...GUARD_EXPERIMENTS[input.experiment],
  seed: runSeed(input.seed, input.replica),
});

/** The bins' SPS, rounded (starts per bin are whole numbers; the SPS only scale them). */
const spsOf = (bins: readonly { sps: number }[]) => bins.map((b) => Math.round(b.sps * 1000) / 1000);

/** One experiment with a fresh guard from the learner's `createGuard()`. */
export async function guardRun(lab: Lab, input: GuardInput) {
  const { createGuard } = (await lab.load("guard.ts")) as { createGuard: () => ExperimentGuard };
  const r = chaosExperiment.run({ ...guardParams(input), guard: createGuard() } as Params);
  return {
    verdict: r.verdict,
    abortedAtMs: r.abortedAtMs,
    affected: r.customersAffected.experiment,
    customers: Math.round((r.params.population * r.params.groupSharePct) / 100),
    tolerancePct: r.params.tolerancePct,
    binMs: r.params.binMs,
    injected: r.injected.map((e) => ({ atMs: e.atMs, action: e.action, kind: e.kind, target: e.target })),
    controlSps: spsOf(r.control),
    experimentSps: spsOf(r.experiment),
  };
}

/** The settings a learner chooses: every SutOptions field but the API's threads (capacity). */
export const SETTING_KEYS = [
  "timeoutMs",
  "retryTarget",
  "ribbon",
  "zoneAware",
  "bulkheadThreads",
  "fallbacks",
  "circuitBreaker",
] as const satisfies readonly Exclude<keyof SutOptions, "apiWorkers">[];

/** The resilience runs: 5% of customers per group for 20 s, so a 10% tolerance is several standard deviations of noise. */
const RESILIENCE_WINDOW = { groupSharePct: 5, durationMs: 20_000 } as const;
export const RESILIENCE_FAULTS = {
  monkey: { fault: "monkey", ...RESILIENCE_WINDOW },
  gorilla: { fault: "gorilla", ...RESILIENCE_WINDOW },
  latency: { fault: "latency", addedMs: P.latency.addedMs, ...RESILIENCE_WINDOW },
} as const satisfies Record<string, Params>;
export type ResilienceFault = keyof typeof RESILIENCE_FAULTS;

export interface ResilienceInput {
  seed: number;
  fault: ResilienceFault;
}

/** The learner's settings, only the fields that are theirs (anything else is ignored). */
async function settingsOf(lab: Lab): Promise<Record<string, unknown>> {
  const { settings } = (await lab.load("resilience.ts")) as { settings: Record<string, unknown> | null };
  const chosen: Record<string, unknown> = {};
  for (const key of SETTING_KEYS) chosen[key] = settings?.[key];
  return chosen;
}

const totals = (r: ChaosExperimentResult, group: "control" | "experiment") => {
  const bins = r[group];
  const started = bins.reduce((a, b) => a + (b.sps * r.params.binMs) / 1000, 0);
  return {
    started: Math.round(started),
    failed: bins.reduce((a, b) => a + b.failed, 0),
    degraded: bins.reduce((a, b) => a + b.degraded, 0),
  };
};

/** One fault with the learner's settings; the scenario validates them (a bad one throws, naming the field). */
export async function resilienceRun(lab: Lab, input: ResilienceInput) {
  const settings = await settingsOf(lab);
  const r = chaosExperiment.run({ ...RESILIENCE_FAULTS[input.fault], ...settings, seed: input.seed } as Params);
  return {
    tolerancePct: r.params.tolerancePct,
    binMs: r.params.binMs,
    injected: r.injected.map((e) => ({ atMs: e.atMs, action: e.action, kind: e.kind, target: e.target })),
    control: totals(r, "control"),
    experiment: totals(r, "experiment"),
    controlSps: spsOf(r.control),
    experimentSps: spsOf(r.experiment),
    calls: r.results.experiment.calls.map((c) => ({
      from: c.from,
      to: c.to,
      timeout: c.outcomes.timeout,
      rejected: c.outcomes.rejected,
      error: c.outcomes.error,
    })),
  };
}

/**
 * The evacuation runs: the scenario's default outage (us-east-1 down at the evening peak), with a
 * step counted as overloaded once the receiving region fails more than 1% of its starts.
 */
export const EVACUATION_RUN = { impactThresholdPct: 1 } as const;

/** One evacuation with the learner's plan from `createPlan()`. */
export async function evacuationRun(lab: Lab, input: { seed: number }) {
  const { createPlan } = (await lab.load("evacuation.ts")) as { createPlan: () => EvacuationPlan };
  const r = regionEvacuation.run({ ...EVACUATION_RUN, seed: input.seed, plan: createPlan() });
  const worst = r.steps.reduce(
    (a, b) => (b.failedPct > a.failedPct ? b : a),
    r.steps[0] ?? { timeMs: 0, failedPct: 0 },
  );
  return {
    readyCapacityPct: r.readyCapacityPct,
    decisionAtMs: r.decisionAtMs,
    evacuatedAtMs: r.evacuatedAtMs,
    evacuatedAfterDecisionMs: r.evacuatedAfterDecisionMs,
    maxFailedPct: r.maxFailedPct,
    worstStepMs: worst.timeMs,
    overloadFailedStarts: r.overloadFailedStarts,
    durationMs: r.spec.durationMs,
  };
}

const call = (params: object, plugIn: string) =>
  `chaosExperiment.run({ ${Object.entries(params)
    .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
    .join(", ")}${plugIn} })`;

export const reproduce = {
  guardRun: (input: GuardInput) => call(guardParams(input), ", guard: createGuard()"),
  evacuationRun: (input: { seed: number }) => call({ ...EVACUATION_RUN, seed: input.seed }, ", plan: createPlan()"),
  resilienceRun: (input: ResilienceInput) =>
    call({ ...RESILIENCE_FAULTS[input.fault], seed: input.seed }, ", ...settings"),
};
