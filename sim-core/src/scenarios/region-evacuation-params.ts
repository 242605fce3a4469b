import { EVACUATION_DEFAULTS, EVACUATION_FAILURES, EVACUATION_PROCEDURES } from "../chaos/index.js";
import { numberParam } from "./number-param.js";
import type { ParamSchema, ParamsOf } from "./param-schema.js";

const MIN = 60_000;
const d = EVACUATION_DEFAULTS;

/**
 * The schema. Defaults: a real outage of us-east-1 at 8 pm, the classic failover with no capacity
 * kept ready. Phase delays default to the Netflix Technology Blog's breakdown of the failover
 * before Nimble ("Project Nimble: Region Evacuation Reimagined", 2018); each is drawn uniformly
 * within ±25% of the value set here (see `delayAround`).
 */
export const REGION_EVACUATION_PARAMS = {
  failure: {
    kind: "choice",
    label: "Failure",
    description:
      "An outage (the failed region's unmoved customers fail) or a Chaos Kong drill (it keeps serving them).",
    default: "outage",
    options: EVACUATION_FAILURES,
  },
  procedure: {
    kind: "choice",
    label: "Procedure",
    description:
      "Classic: scale up, wait for the new instances, proxy over 10 minutes. Nimble: move everything at once.",
    default: "classic",
    options: EVACUATION_PROCEDURES,
  },
  readyCapacityPct: numberParam(
    "Ready capacity",
    "Warm capacity each region keeps on top, in % of its own peak need.",
    0,
    0,
    300,
    5,
    "%",
  ),
  peakSps: numberParam(
    "Peak SPS",
    "US stream starts per second at the evening peak, half per region.",
    d.peakSps,
    100,
    100_000,
    100,
  ),
  startHour: numberParam("Start hour", "Time of day the region fails.", d.startHour, 0, 23, 1, "h"),
  durationMin: numberParam("Duration", "Length of the run.", d.durationMs / MIN, 10, 180, 5, "min"),
  decisionMin: numberParam(
    "Decide",
    "Mean time to decide to evacuate after an outage (the blog: about 5); a drill needs no decision.",
    5,
    0,
    30,
    0.5,
    "min",
  ),
  provisionMin: numberParam(
    "Provision",
    "Mean time for the cloud to provide an instance (the blog: 3–5).",
    4,
    0,
    30,
    0.5,
    "min",
  ),
  startupMin: numberParam("Start up", "Mean time for a service to start (the blog: about 25).", 25, 0, 60, 1, "min"),
  warmUpMin: numberParam(
    "Warm up",
    "Time a new instance takes to reach full speed (illustrative).",
    d.warmUpMs / MIN,
    0,
    30,
    1,
    "min",
  ),
  coldExtraPct: numberParam(
    "Cold caches",
    "Extra work of a moved customer's request at first (illustrative).",
    d.coldExtraPct,
    0,
    200,
    5,
    "%",
  ),
  cacheWarmMin: numberParam(
    "Cache warming",
    "Time constant of the moved customers' caches warming (illustrative).",
    d.cacheWarmMs / MIN,
    1,
    60,
    1,
    "min",
  ),
  spsPerInstance: numberParam(
    "SPS per instance",
    "Stream starts per second one warm instance serves.",
    d.spsPerInstance,
    1,
    1000,
    1,
  ),
  targetUtilisationPct: numberParam(
    "Target utilisation",
    "The autoscaler's target tracking value.",
    d.targetUtilisationPct,
    10,
    100,
    5,
    "%",
  ),
  demandNoisePct: numberParam(
    "Demand noise",
    "Each step's demand is off by up to this share.",
    d.demandNoisePct,
    0,
    50,
    1,
    "%",
  ),
  impactThresholdPct: numberParam(
    "Impact threshold",
    "A step failing more than this share of the receiving region's starts is not impact-free (the course's own threshold).",
    d.impactThresholdPct,
    0,
    100,
    1,
    "%",
  ),
} as const satisfies ParamSchema;

export type RegionEvacuationParams = ParamsOf<typeof REGION_EVACUATION_PARAMS>;
