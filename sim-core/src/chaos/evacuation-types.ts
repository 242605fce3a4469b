import type { DistributionSpec } from "../random/index.js";

/**
 * What an evacuation plan sees each step, as plain numbers (it crosses into a learner's sandbox
 * as JSON). "Receiving" is the healthy region taking the failed region's traffic. Loads and
 * capacities are in stream starts per second of fully warm work: a request from a customer whose
 * data is not yet in the receiving region's caches counts for more than one.
 */
export interface EvacuationView {
  /** Time since the failed region went down (or the drill began). */
  elapsedMs: number;
  /** Time since the operators decided to evacuate; the plan is asked only from the decision on. */
  sinceDecisionMs: number;
  /** The share of the failed region's traffic moved so far (0–100), the plan's last answer. */
  shiftedPct: number;
  /** The receiving region's own customers' demand now. */
  ownDemandPerSec: number;
  /** The failed region's customers' demand now (all of it, moved or not). */
  failedRegionDemandPerSec: number;
  /** Work one newly moved customer's request costs, relative to a warm one (its caches are cold). */
  coldCostFactor: number;
  /** Work a request of the customers moved so far costs now, relative to a warm one. */
  movedCostFactor: number;
  /** The receiving region's capacity in the last step (warming instances count in part). */
  capacityPerSec: number;
  /** The receiving region's offered work in the last step. */
  loadPerSec: number;
  /** loadPerSec / capacityPerSec in the last step, in percent. */
  utilisationPct: number;
  /** Share of the receiving region's stream starts that failed in the last step (0–100). */
  failedPct: number;
  /** Instances serving at full speed. */
  instancesReady: number;
  /** Instances serving but still warming up (JIT, connection pools). */
  instancesWarming: number;
  /** Instances requested and not yet serving (provisioning or starting up). */
  instancesStarting: number;
}

/**
 * A region evacuation plan, as a learner writes it: how much capacity to keep ready, and how
 * fast to move traffic. Plain data in, plain data out.
 */
export interface EvacuationPlan {
  /**
   * Extra warm capacity each region keeps on top of what its autoscaler runs, in % of its own
   * evening-peak demand (Nimble's idea): 100 serves another region's peak at full speed.
   */
  readyCapacityPct: number;
  /** Called every step from the decision on: the share (0–100) of the failed region's traffic to have moved by now. */
  shiftPct(view: EvacuationView): number;
}

/** The two regions: the first fails (or is drained), the second receives its traffic. */
export const EVACUATION_REGIONS = ["us-east-1", "us-west-2"] as const;

/** How the failed region behaves: down (its unmoved traffic fails) or drained in a drill (it keeps serving). */
export const EVACUATION_FAILURES = ["outage", "drill"] as const;
export type EvacuationFailure = (typeof EVACUATION_FAILURES)[number];

/** Everything a run needs besides the plan and the rng. Durations in ms; delays as distributions. */
export interface EvacuationSpec {
  failure: EvacuationFailure;
  /** US stream starts per second at the evening peak, split evenly between the two regions. */
  peakSps: number;
  /** Time of day the region fails, in hours (the demand curve of `demand.ts`). */
  startHour: number;
  durationMs: number;
  stepMs: number;
  /** Stream starts per second one warm instance serves. */
  spsPerInstance: number;
  /** The autoscaler's target utilisation (target tracking), in percent. */
  targetUtilisationPct: number;
  /** Each step's demand is off by up to this share, either way (seeded noise). */
  demandNoisePct: number;
  decisionMs: DistributionSpec;
  provisionMs: DistributionSpec;
  startupMs: DistributionSpec;
  /** Time a new instance takes to reach full speed once serving; it starts at `warmStartPct`. */
  warmUpMs: number;
  warmStartPct: number;
  /** Extra work of a moved customer's request while the receiving region's caches are cold. */
  coldExtraPct: number;
  /** Time constant with which the moved customers' caches warm (the extra work falls by e each). */
  cacheWarmMs: number;
  /** A step whose receiving region fails more than this share of starts is not impact-free. */
  impactThresholdPct: number;
}

/** One step of the run, as rows for the charts. */
export interface EvacuationStep {
  timeMs: number;
  shiftedPct: number;
  /** Stream starts per second offered by each region's customers. */
  failedRegionDemandPerSec: number;
  ownDemandPerSec: number;
  /** Stream starts per second served by each region. */
  failedRegionServedPerSec: number;
  receivingServedPerSec: number;
  /** Stream starts per second that failed, anywhere. */
  failedPerSec: number;
  capacityPerSec: number;
  loadPerSec: number;
  failedPct: number;
  instancesReady: number;
  instancesWarming: number;
  instancesStarting: number;
}
