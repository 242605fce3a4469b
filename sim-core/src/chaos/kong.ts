import { checkNumber, SimConfigError } from "../errors/index.js";
import { type DistributionSpec, distribution, type Rng } from "../random/index.js";
import { checkPlan } from "./evacuation-plans.js";
import type { EvacuationPlan } from "./evacuation-types.js";
import type { Fault } from "./faults.js";
import type { GroupEvacuation } from "./group-evacuation.js";
import type { SutLayout } from "./netflix-system.js";
import { INSTANCES } from "./system-under-test.js";

/** The regions of a two-region system, in topology order (the first is the one Kong takes down by default). */
export const SUT_REGIONS = ["us-east-1", "us-west-2"] as const;

/** Chaos Kong's evacuation as an experiment states it: the plan and the operators' delays. */
export interface KongEvacuation {
  plan: EvacuationPlan;
  /** From the region failing to the decision to evacuate. */
  decisionMs: DistributionSpec;
  /** From asking for an instance to its machine running, and from then to it serving. */
  provisionMs: DistributionSpec;
  startupMs: DistributionSpec;
  /**
   * A Kong exercise instead of an outage: nothing fails, `region` is drained from `atMs` on, and
   * there is nothing to decide (the evacuation is planned), so `decisionMs` is unused.
   */
  drill?: { region: string; atMs: number };
}

/**
 * The layout and the group's evacuation for a Kong experiment: two regions, the plan's ready
 * capacity as running API instances (100% of a region's peak is as many again as it runs), as
 * many stopped spares as a region runs, and the decision drawn after the first region outage in
 * the schedule (or, in a drill, none: the evacuation starts when the drill does).
 *
 * @example
 * const faults = [{ kind: "regionOutage", region: "us-east-1", atMs: 1000 }];
 * kongSetup({ plan: nimblePlan(100), decisionMs: { kind: "constant", value: 5 }, provisionMs: { kind: "constant", value: 1 }, startupMs: { kind: "constant", value: 1 } }, faults, createRng(1)).evacuation.decisionAtMs // 1005
 */
export function kongSetup(
  kong: KongEvacuation,
  faults: readonly Fault[],
  rng: Rng,
  path = "experiment.evacuation",
): { layout: SutLayout; evacuation: Omit<GroupEvacuation, "rng">; plan: EvacuationPlan } {
  if (kong === null || typeof kong !== "object")
    throw new SimConfigError(path, kong, "an object { plan, decisionMs, provisionMs, startupMs }");
  const plan = checkPlan(kong.plan, `${path}.plan`);
  const from = kong.drill === undefined ? outageOf(faults, path) : checkDrill(kong.drill, `${path}.drill`);
  const fromRegion = SUT_REGIONS.indexOf(from.region as (typeof SUT_REGIONS)[number]);
  if (fromRegion < 0) throw new SimConfigError(from.path, from.region, `one of ${SUT_REGIONS.join(", ")}`);
  const delay = (field: "decisionMs" | "provisionMs" | "startupMs") => {
    const d = distribution(kong[field], `${path}.${field}`);
    checkNumber(`${path}.${field}.min`, d.min, { min: 0 });
    return d;
  };
  const decisionMs = kong.drill === undefined ? delay("decisionMs").sample(rng.fork("decision")) : 0;
  const layout: SutLayout = {
    regions: 2,
    readyApiInstances: Math.ceil((INSTANCES.api * plan.readyCapacityPct) / 100),
    spareApiInstances: INSTANCES.api,
  };
  return {
    layout,
    plan,
    evacuation: {
      plan,
      fromRegion,
      outageAtMs: from.atMs,
      decisionAtMs: from.atMs + decisionMs,
      provision: delay("provisionMs"),
      startup: delay("startupMs"),
    },
  };
}

/** The first region outage of the schedule: what an outage's evacuation moves customers away from. */
function outageOf(faults: readonly Fault[], path: string): { region: string; atMs: number; path: string } {
  const outage = faults.find((f) => f.kind === "regionOutage");
  if (outage === undefined || outage.kind !== "regionOutage")
    throw new SimConfigError(path, "no regionOutage fault", "a regionOutage in the experiment's faults, or a drill");
  return { region: outage.region, atMs: outage.atMs, path: "experiment.faults.region" };
}

function checkDrill(drill: { region: string; atMs: number }, path: string) {
  if (drill === null || typeof drill !== "object") throw new SimConfigError(path, drill, "an object { region, atMs }");
  checkNumber(`${path}.atMs`, drill.atMs, { min: 0 });
  return { region: drill.region, atMs: drill.atMs, path: `${path}.region` };
}
