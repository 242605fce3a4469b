import { checkFunction, checkNumber, SimConfigError } from "../errors/index.js";
import type { EvacuationPlan, EvacuationView } from "./evacuation-types.js";

/** The most ready capacity a plan may keep: three times a region's own peak need. */
export const MAX_READY_CAPACITY_PCT = 300;

/**
 * How long the classic failover proxied traffic to the receiving region, in increments through
 * Zuul's tunnels between regions: "10 minutes or more" (Netflix Technology Blog, "Project
 * Nimble: Region Evacuation Reimagined", 2018).
 */
export const CLASSIC_PROXY_MS = 10 * 60_000;

/**
 * The failover before Nimble (by default with no capacity kept ready): after the decision the
 * receiving region is scaled up, the operators wait until every requested instance is serving,
 * then move traffic in even increments over {@link CLASSIC_PROXY_MS}, one per step of `stepMs`.
 * Stateless: it reads its progress from the view.
 *
 * @example
 * classicPlan().shiftPct({ ...EVACUATION_VIEW_EXAMPLE, instancesStarting: 4 }) // 0
 */
export function classicPlan(readyCapacityPct = 0, stepMs = 10_000): EvacuationPlan {
  checkNumber("classicPlan.readyCapacityPct", readyCapacityPct, { min: 0, max: MAX_READY_CAPACITY_PCT });
  checkNumber("classicPlan.stepMs", stepMs, { min: 0, minExclusive: true });
  return {
    readyCapacityPct,
    shiftPct(view: EvacuationView): number {
      if (view.shiftedPct === 0 && view.instancesStarting > 0) return 0;
      return Math.min(100, view.shiftedPct + (100 * stepMs) / CLASSIC_PROXY_MS);
    },
  };
}

/**
 * Nimble's idea: keep enough warm capacity ready in every region to take another region's
 * traffic, and move all of it as soon as the decision is made.
 *
 * @example
 * nimblePlan(100).shiftPct(EVACUATION_VIEW_EXAMPLE) // 100
 */
export function nimblePlan(readyCapacityPct: number): EvacuationPlan {
  checkNumber("nimblePlan.readyCapacityPct", readyCapacityPct, { min: 0, max: MAX_READY_CAPACITY_PCT });
  return { readyCapacityPct, shiftPct: () => 100 };
}

/** The built-in plans a scenario control can choose. */
export const EVACUATION_PROCEDURES = ["classic", "nimble"] as const;
export type EvacuationProcedure = (typeof EVACUATION_PROCEDURES)[number];

/**
 * A built-in plan by name, keeping `readyCapacityPct` ready.
 *
 * @example
 * builtInPlan("classic", 20, 10_000).readyCapacityPct // 20
 */
export function builtInPlan(procedure: EvacuationProcedure, readyCapacityPct: number, stepMs: number): EvacuationPlan {
  return procedure === "classic" ? classicPlan(readyCapacityPct, stepMs) : nimblePlan(readyCapacityPct);
}

/**
 * Checks a plan before a run: a ready capacity in range and a `shiftPct` function. It returns a
 * copy holding the ready capacity it checked, read once: a plan's field may be a getter (a
 * learner's plan in the grader is one), and a value that changed between the check, the run and
 * the report would let a run keep more capacity ready than the one it reports.
 *
 * @example
 * checkPlan(nimblePlan(50)).readyCapacityPct // 50
 */
export function checkPlan(plan: EvacuationPlan, path = "plan"): EvacuationPlan {
  if (plan === null || typeof plan !== "object") throw new SimConfigError(path, plan, "an EvacuationPlan object");
  const readyCapacityPct = checkNumber(`${path}.readyCapacityPct`, plan.readyCapacityPct, {
    min: 0,
    max: MAX_READY_CAPACITY_PCT,
  });
  const shiftPct = plan.shiftPct;
  checkFunction(`${path}.shiftPct`, shiftPct);
  return { readyCapacityPct, shiftPct: (view) => shiftPct.call(plan, view) };
}

/**
 * Checks one answer of `plan.shiftPct`; the error names the minute, so a learner can find the
 * step that went wrong.
 *
 * @example
 * checkShiftAnswer(42, 90_000) // 42
 */
export function checkShiftAnswer(value: unknown, elapsedMs: number, path = "plan.shiftPct"): number {
  const minute = Math.round((elapsedMs / 60_000) * 100) / 100;
  return checkNumber(`${path} at minute ${minute}`, value, { min: 0, max: 100 });
}

/** A view in a steady state before any traffic moved, for examples and tests. */
export const EVACUATION_VIEW_EXAMPLE: EvacuationView = {
  elapsedMs: 300_000,
  sinceDecisionMs: 0,
  shiftedPct: 0,
  ownDemandPerSec: 1500,
  failedRegionDemandPerSec: 1500,
  coldCostFactor: 1.5,
  movedCostFactor: 1,
  capacityPerSec: 2000,
  loadPerSec: 1500,
  utilisationPct: 75,
  failedPct: 0,
  instancesReady: 80,
  instancesWarming: 0,
  instancesStarting: 0,
};
