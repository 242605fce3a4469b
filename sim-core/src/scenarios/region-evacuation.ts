import {
  builtInPlan,
  checkPlan,
  delayAround,
  EVACUATION_DEFAULTS,
  type EvacuationPlan,
  type EvacuationSpec,
  type EvacuationStep,
  type EvacuationSummary,
  runEvacuation,
  summariseEvacuation,
} from "../chaos/index.js";
import { Fingerprint } from "../kernel/index.js";
import { createRng, type Seed } from "../random/index.js";
import { REGION_EVACUATION_PARAMS, type RegionEvacuationParams } from "./region-evacuation-params.js";
import { defineScenario } from "./scenario.js";

const MIN = 60_000;

/** The plug-in that is not a control: a learner's evacuation plan, replacing the built-in procedure. */
export interface RegionEvacuationExtras {
  plan: EvacuationPlan;
}

export interface RegionEvacuationResult extends EvacuationSummary {
  seed: Seed;
  fingerprint: string;
  params: RegionEvacuationParams;
  /** The procedure that ran: a built-in one, or "custom" for a plan passed in. */
  planName: string;
  /** The ready capacity the run kept, from the plan (a custom plan's own value wins over the control). */
  readyCapacityPct: number;
  spec: EvacuationSpec;
  steps: EvacuationStep[];
}

export { REGION_EVACUATION_PARAMS, type RegionEvacuationParams } from "./region-evacuation-params.js";

/**
 * The spec a run uses, from the scenario's controls.
 *
 * @example
 * evacuationSpecOf(regionEvacuation.defaults).startupMs // { kind: 'uniform', min: 1125000, max: 1875000 }
 */
export function evacuationSpecOf(p: RegionEvacuationParams): EvacuationSpec {
  return {
    ...EVACUATION_DEFAULTS,
    failure: p.failure,
    peakSps: p.peakSps,
    startHour: p.startHour,
    durationMs: p.durationMin * MIN,
    spsPerInstance: p.spsPerInstance,
    targetUtilisationPct: p.targetUtilisationPct,
    demandNoisePct: p.demandNoisePct,
    decisionMs: delayAround(p.decisionMin),
    provisionMs: delayAround(p.provisionMin),
    startupMs: delayAround(p.startupMin),
    warmUpMs: p.warmUpMin * MIN,
    coldExtraPct: p.coldExtraPct,
    cacheWarmMs: p.cacheWarmMin * MIN,
    impactThresholdPct: p.impactThresholdPct,
  };
}

/** Folds every step in thousandths, so Node and Chromium agree even where Math.cos differs in the last bit. */
function fingerprintOf(steps: readonly EvacuationStep[]): string {
  const print = new Fingerprint();
  for (const s of steps)
    for (const v of [s.shiftedPct, s.capacityPerSec, s.loadPerSec, s.failedPerSec, s.instancesStarting])
      print.foldNumber(Math.round(v * 1000));
  return print.hex();
}

/**
 * Module 4: Chaos Kong. A US region fails or is drained; its traffic moves to the other region,
 * which scales up through provisioning, start-up and warm-up delays while the moved customers'
 * caches are cold. Before Nimble (no capacity ready) against after (capacity ready).
 *
 * @example
 * regionEvacuation.run(regionEvacuation.presets.kongReady).evacuatedAtMs! < 10 * 60_000 // true
 */
export const regionEvacuation = defineScenario({
  id: "regionEvacuation",
  title: "Region evacuation (Chaos Kong)",
  module: 4,
  summary:
    "A US region fails; its traffic moves to the other one, which scales up with provisioning, start-up and warm-up delays and cold caches, with and without capacity kept ready.",
  defaultSeed: 4,
  params: REGION_EVACUATION_PARAMS,
  presets: {
    // Before Nimble: nothing ready; decide, scale up, wait for every new instance, proxy over 10 minutes.
    kongCold: { procedure: "classic", readyCapacityPct: 0 },
    // After: each region keeps warm capacity for the other's peak and takes all its traffic at once.
    kongReady: { procedure: "nimble", readyCapacityPct: 100 },
    // Moving everything at once with nothing ready: the receiving region overloads until new
    // instances arrive half an hour later.
    kongTooFast: { procedure: "nimble", readyCapacityPct: 0 },
    // A Chaos Kong drill with the classic procedure: the drained region keeps serving, so only an
    // overload would hurt, and there is none.
    kongDrill: { failure: "drill", procedure: "classic", readyCapacityPct: 0 },
  },
  body(p, extras: Partial<RegionEvacuationExtras>): RegionEvacuationResult {
    const { seed, ...params } = p;
    const spec = evacuationSpecOf(params);
    // Checked once here, so the run and the report share one reading of the plan's ready capacity.
    const plan = checkPlan(extras.plan ?? builtInPlan(params.procedure, params.readyCapacityPct, spec.stepMs));
    const run = runEvacuation(spec, plan, createRng(seed));
    return {
      seed,
      fingerprint: fingerprintOf(run.steps),
      params,
      planName: extras.plan === undefined ? params.procedure : "custom",
      readyCapacityPct: plan.readyCapacityPct,
      spec,
      ...summariseEvacuation(run, spec.impactThresholdPct),
      steps: run.steps,
    };
  },
});
