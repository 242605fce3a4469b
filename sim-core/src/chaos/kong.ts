import { SimConfigError } from "../errors/index.js";
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
}

/**
 * The layout and the group's evacuation for a Kong experiment: two regions, the plan's ready
 * capacity as running API instances (100% of a region's peak is as many again as it runs), as
 * many stopped spares as a region runs, and the decision drawn after the first region outage in
 * the schedule.
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
  const outage = faults.find((f) => f.kind === "regionOutage");
  if (outage === undefined || outage.kind !== "regionOutage")
    throw new SimConfigError(
      `${path}`,
      "no regionOutage fault",
      "a regionOutage in the experiment's faults to evacuate from",
    );
  const fromRegion = SUT_REGIONS.indexOf(outage.region as (typeof SUT_REGIONS)[number]);
  if (fromRegion < 0)
    throw new SimConfigError("experiment.faults.region", outage.region, `one of ${SUT_REGIONS.join(", ")}`);
  const decision = distribution(kong.decisionMs, `${path}.decisionMs`);
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
      outageAtMs: outage.atMs,
      decisionAtMs: outage.atMs + Math.max(0, decision.sample(rng.fork("decision"))),
      provision: distribution(kong.provisionMs, `${path}.provisionMs`),
      startup: distribution(kong.startupMs, `${path}.startupMs`),
    },
  };
}
