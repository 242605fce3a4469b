import { distribution, type Rng } from "../random/index.js";
import { demandShare } from "./demand.js";
import { EvacuationFleet } from "./evacuation-fleet.js";
import { checkPlan, checkShiftAnswer } from "./evacuation-plans.js";
import { checkEvacuationSpec } from "./evacuation-spec.js";
import type { EvacuationPlan, EvacuationSpec, EvacuationStep, EvacuationView } from "./evacuation-types.js";

/** What a run did, step by step, with the moments that shape it. */
export interface EvacuationRun {
  steps: EvacuationStep[];
  decisionAtMs: number;
  /** Warm instances of the receiving region at the start: sized for its demand, plus the ready ones. */
  baseInstances: number;
  readyInstances: number;
  /** Instances the receiving region asked for during the run (the decision's scale-up and the autoscaler's). */
  requestedInstances: number;
}

const MS_PER_HOUR = 3_600_000;

/**
 * Runs a region evacuation as a fluid model in fixed steps: the first region fails, the operators
 * decide after a drawn delay, the receiving region is scaled up for both regions' demand, and
 * the plan moves the failed region's traffic. Offered work above the receiving region's capacity
 * fails, as do, in an outage, the failed region's customers not yet moved.
 *
 * @example
 * runEvacuation(evacuationSpec({}), nimblePlan(100), createRng(1)).steps.length // 360
 */
export function runEvacuation(specIn: EvacuationSpec, planIn: EvacuationPlan, rng: Rng): EvacuationRun {
  const spec = checkEvacuationSpec(specIn);
  const plan = checkPlan(planIn);
  const delays = {
    provision: distribution(spec.provisionMs, "evacuation.provisionMs"),
    startup: distribution(spec.startupMs, "evacuation.startupMs"),
  };
  const regionDemand = (atMs: number) => (spec.peakSps / 2) * demandShare(spec.startHour + atMs / MS_PER_HOUR);
  const perInstanceAtTarget = (spec.spsPerInstance * spec.targetUtilisationPct) / 100;
  // The autoscaler had sized the fleet for the demand of the hour; the ready capacity is sized
  // against the region's own evening peak, as Nimble's dark capacity was sized for a failover.
  const baseInstances = Math.ceil(regionDemand(0) / perInstanceAtTarget);
  const readyInstances = Math.ceil(((spec.peakSps / 2) * (plan.readyCapacityPct / 100)) / spec.spsPerInstance);
  const fleet = new EvacuationFleet(baseInstances + readyInstances, spec);
  const fleetRng = rng.fork("fleet");
  const noiseRng = rng.fork("demand");
  // In a drill the evacuation is planned: there is nothing to decide.
  const decisionAtMs =
    spec.failure === "drill" ? 0 : distribution(spec.decisionMs, "evacuation.decisionMs").sample(rng.fork("decision"));

  const steps: EvacuationStep[] = [];
  let shifted = 0; // share 0–1 of the failed region's customers moved
  let coldness = 0; // 0–1: how cold the caches are for the moved customers
  let requestedInstances = 0;
  let last = { capacity: fleet.capacityAt(0), load: regionDemand(0), failedPct: 0 };
  let decided = false;
  for (let t = 0; t < spec.durationMs; t += spec.stepMs) {
    const noisy = () => 1 + (spec.demandNoisePct / 100) * (2 * noiseRng.next() - 1);
    const failedDemand = regionDemand(t) * noisy();
    const ownDemand = regionDemand(t) * noisy();
    const capacity = fleet.capacityAt(t);
    if (t >= decisionAtMs) {
      if (!decided) {
        // The failover's scale-up: enough instances for both regions' demand at the target.
        decided = true;
        const need = Math.ceil((ownDemand + failedDemand) / perInstanceAtTarget) - fleet.total;
        if (need > 0) requestedInstances += fleet.request(need, t, delays, fleetRng).length;
      }
      const counts = fleet.countsAt(t);
      const view: EvacuationView = {
        elapsedMs: t,
        sinceDecisionMs: t - decisionAtMs,
        shiftedPct: shifted * 100,
        ownDemandPerSec: ownDemand,
        failedRegionDemandPerSec: failedDemand,
        coldCostFactor: 1 + spec.coldExtraPct / 100,
        movedCostFactor: 1 + (spec.coldExtraPct / 100) * coldness,
        capacityPerSec: capacity,
        loadPerSec: last.load,
        utilisationPct: last.capacity > 0 ? (100 * last.load) / last.capacity : 100,
        failedPct: last.failedPct,
        instancesReady: counts.ready,
        instancesWarming: counts.warming,
        instancesStarting: counts.starting,
      };
      const next = checkShiftAnswer(plan.shiftPct(view), t) / 100;
      // Newly moved customers arrive with cold caches; the ones moved earlier keep their warmth.
      if (next > shifted) coldness = (coldness * shifted + (next - shifted)) / next;
      shifted = next;
    }
    const moved = failedDemand * shifted;
    const load = ownDemand + moved * (1 + (spec.coldExtraPct / 100) * coldness);
    const failShare = load > capacity ? (load - capacity) / load : 0;
    const receivingServed = (ownDemand + moved) * (1 - failShare);
    const failedRegionServed = spec.failure === "drill" ? failedDemand - moved : 0;
    const counts = fleet.countsAt(t);
    steps.push({
      timeMs: t,
      shiftedPct: shifted * 100,
      failedRegionDemandPerSec: failedDemand,
      ownDemandPerSec: ownDemand,
      failedRegionServedPerSec: failedRegionServed,
      receivingServedPerSec: receivingServed,
      // max: with nothing failing, the difference is a rounding error that may fall below zero.
      failedPerSec: Math.max(0, ownDemand + failedDemand - receivingServed - failedRegionServed),
      capacityPerSec: capacity,
      loadPerSec: load,
      failedPct: failShare * 100,
      instancesReady: counts.ready,
      instancesWarming: counts.warming,
      instancesStarting: counts.starting,
    });
    last = { capacity, load, failedPct: failShare * 100 };
    // Target tracking on offered requests per instance (as AWS's ALBRequestCountPerTarget): ask
    // for what the offered load needs at the target; instances on their way count as there.
    const wanted = Math.ceil(load / perInstanceAtTarget) - fleet.total;
    if (wanted > 0) requestedInstances += fleet.request(wanted, t, delays, fleetRng).length;
    coldness *= Math.exp(-spec.stepMs / spec.cacheWarmMs);
  }
  return { steps, decisionAtMs, baseInstances, readyInstances, requestedInstances };
}
