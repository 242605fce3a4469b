import type { EvacuationRun } from "./evacuation-run.js";

/** The numbers an evacuation is judged by. Times are from the failure (or the drill's start). */
export interface EvacuationSummary {
  decisionAtMs: number;
  /** When all the failed region's traffic was on the receiving region for good; null if never. */
  evacuatedAtMs: number | null;
  /** The same, counted from the decision: the part of the time a plan controls. */
  evacuatedAfterDecisionMs: number | null;
  /** Most of the receiving region's stream starts that failed in one step (overload), in %. */
  maxFailedPct: number;
  /** No step of the receiving region failed more than the impact threshold of its starts. */
  impactFree: boolean;
  /** The deepest fall of US stream starts per second below demand, in % of demand. */
  spsDipPct: number;
  /** Stream starts that failed in the whole run: each a customer who pressed play and got an error. */
  failedStarts: number;
  /** Of those, the ones the receiving region failed because it was overloaded. */
  overloadFailedStarts: number;
  /** Instances of the receiving region: warm at the start (sized for its demand), kept ready on top, and asked for. */
  baseInstances: number;
  readyInstances: number;
  requestedInstances: number;
}

/**
 * Summarises a run: the time to evacuate, whether it was impact-free under `impactThresholdPct`,
 * the SPS dip and the failed starts.
 *
 * @example
 * summariseEvacuation(runEvacuation(evacuationSpec({}), nimblePlan(150), createRng(1)), 10).impactFree // true
 */
export function summariseEvacuation(run: EvacuationRun, impactThresholdPct: number): EvacuationSummary {
  const steps = run.steps;
  const stepSec = steps.length > 1 ? ((steps[1]?.timeMs ?? 0) - (steps[0]?.timeMs ?? 0)) / 1000 : 0;
  let evacuatedAtMs: number | null = null;
  for (let i = steps.length - 1; i >= 0; i--) {
    const step = steps[i];
    if (step === undefined || step.shiftedPct < 100) break;
    evacuatedAtMs = step.timeMs;
  }
  let maxFailedPct = 0;
  let spsDipPct = 0;
  let failedStarts = 0;
  let overloadFailedStarts = 0;
  for (const s of steps) {
    maxFailedPct = Math.max(maxFailedPct, s.failedPct);
    const demand = s.ownDemandPerSec + s.failedRegionDemandPerSec;
    spsDipPct = Math.max(spsDipPct, (100 * s.failedPerSec) / demand);
    failedStarts += s.failedPerSec * stepSec;
    overloadFailedStarts +=
      ((s.ownDemandPerSec + (s.failedRegionDemandPerSec * s.shiftedPct) / 100) * s.failedPct * stepSec) / 100;
  }
  return {
    decisionAtMs: run.decisionAtMs,
    evacuatedAtMs,
    evacuatedAfterDecisionMs: evacuatedAtMs === null ? null : evacuatedAtMs - run.decisionAtMs,
    maxFailedPct,
    impactFree: maxFailedPct <= impactThresholdPct,
    spsDipPct,
    failedStarts: Math.round(failedStarts),
    overloadFailedStarts: Math.round(overloadFailedStarts),
    baseInstances: run.baseInstances,
    readyInstances: run.readyInstances,
    requestedInstances: run.requestedInstances,
  };
}
