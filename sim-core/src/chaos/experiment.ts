import { checkNumber, SimConfigError } from "../errors/index.js";
import type { Rng } from "../random/index.js";
import type { RpcResults } from "../rpc/index.js";
import type { ReplayRecorder } from "../trace/index.js";
import { checkSchedule, type Fault } from "./faults.js";
import { Group, type GroupBin } from "./group.js";
import { checkGuard, checkHypothesis, type ExperimentGuard, type Hypothesis } from "./guard.js";
import { type InjectionEvent, injectionEvents } from "./inject.js";
import { type KongEvacuation, kongSetup } from "./kong.js";
import { checkLayout, netflixSystem, ONE_REGION, type SutLayout } from "./netflix-system.js";
import type { SutOptions } from "./system-under-test.js";

export interface ExperimentSpec {
  sut: SutOptions;
  /** Faults of the experiment group only; control runs the same system untouched. */
  faults: readonly Fault[];
  hypothesis: Hypothesis;
  /** Decides after every bin whether to stop; `null` runs to the end whatever happens. */
  guard: ExperimentGuard | null;
  durationMs: number;
  binMs: number;
  /** Stream-start attempts per second of each group, from a time into the window. */
  rateAt: (atMs: number) => number;
  /** Customers in each group (its share of the population). */
  customers: number;
  /** One region unless said; an evacuation always runs on two. */
  regions?: SutLayout["regions"];
  /** Chaos Kong's answer in the experiment group: the plan that moves the failed region's customers. */
  evacuation?: KongEvacuation;
  /** Records the experiment group's run for a viewer. */
  replay?: ReplayRecorder;
}

/** What a ChAP run leaves behind: the journal of the run. */
export interface ExperimentJournal {
  injected: InjectionEvent[];
  control: GroupBin[];
  experiment: GroupBin[];
  /** When the guard stopped the experiment (null: it ran to the end). */
  abortedAtMs: number | null;
  /** `aborted`: stopped by the guard; `passed`: SPS stayed within tolerance; `failed`: it did not, unstopped. */
  verdict: "aborted" | "passed" | "failed";
  /** Distinct customers of each group who saw an error or a degraded answer. */
  customersAffected: { control: number; experiment: number };
  /** Where the system ran and the API capacity each region held (the same for both groups). */
  layout: SutLayout;
  /** When the operators decided to evacuate (a Kong run), or null. */
  decisionAtMs: number | null;
  results: { control: RpcResults; experiment: RpcResults };
}

/**
 * Runs a ChAP experiment: control and experiment groups with the same traffic, the faults in
 * the experiment group only, compared bin by bin; the guard may stop the experiment's traffic.
 *
 * @example
 * const sut = { ...NAIVE_SUT, retryTarget: "different" };
 * const j = runExperiment({ sut, faults: [], hypothesis: { tolerancePct: 50 }, guard: null, durationMs: 2000, binMs: 1000, rateAt: () => 20, customers: 100 }, createRng(1));
 * j.verdict // 'passed'
 */
export function runExperiment(spec: ExperimentSpec, rng: Rng): ExperimentJournal {
  const hypothesis = checkHypothesis(spec.hypothesis);
  const guard = spec.guard === null ? null : checkGuard(spec.guard);
  const durationMs = checkNumber("experiment.durationMs", spec.durationMs, { min: 1, max: 3_600_000 });
  const binMs = checkNumber("experiment.binMs", spec.binMs, { min: 10, max: durationMs });
  const customers = checkNumber("experiment.customers", spec.customers, { min: 1, max: 1e9, integer: true });
  const regions = spec.evacuation !== undefined ? 2 : (spec.regions ?? 1);
  const plain = checkLayout({ ...ONE_REGION, regions }, "experiment");
  const { services, topology } = netflixSystem(spec.sut, plain);
  const ctx = { topology, services: services.map((s) => ({ name: s.name, instances: s.instances })) };
  const faults = checkSchedule(spec.faults, ctx, "experiment.faults");
  if (typeof spec.rateAt !== "function") throw new SimConfigError("experiment.rateAt", spec.rateAt, "a function");
  const kong = spec.evacuation === undefined ? null : kongSetup(spec.evacuation, faults, rng.fork("kong"));
  const layout = kong?.layout ?? plain;
  const base = { sut: spec.sut, binMs, rateAt: spec.rateAt, customers, layout };
  const control = new Group({ ...base, faults: [], rng: rng.fork("control") });
  const experiment = new Group({
    ...base,
    faults,
    rng: rng.fork("experiment"),
    ...(kong !== null ? { evacuation: kong.evacuation } : {}),
    ...(spec.replay !== undefined ? { replay: spec.replay } : {}),
  });
  let abortedAtMs: number | null = null;
  const cSps: number[] = [];
  const eSps: number[] = [];
  for (let t = 0; t < durationMs; t += binMs) {
    cSps.push(control.step(true).sps);
    eSps.push(experiment.step(abortedAtMs === null).sps);
    if (abortedAtMs === null && guard?.shouldAbort({ controlSps: cSps, experimentSps: eSps, hypothesis, binMs }))
      abortedAtMs = t + binMs;
  }
  const results = { control: control.finish(), experiment: experiment.finish() };
  const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
  const upTo = abortedAtMs === null ? eSps.length : abortedAtMs / binMs;
  const within = sum(eSps.slice(0, upTo)) >= sum(cSps.slice(0, upTo)) * (1 - hypothesis.tolerancePct / 100);
  return {
    injected: injectionEvents(faults, abortedAtMs ?? durationMs),
    control: control.bins,
    experiment: experiment.bins,
    abortedAtMs,
    verdict: abortedAtMs !== null ? "aborted" : within ? "passed" : "failed",
    layout,
    decisionAtMs: kong?.evacuation.decisionAtMs ?? null,
    customersAffected: {
      control: control.customers.affected.size,
      experiment: experiment.customers.affected.size,
    },
    results,
  };
}
