import { CLOUD_STATES, DEFAULT_MIRROR, MIRROR_MODES } from "../shadow/index.js";
import { numberParam } from "./number-param.js";
import type { ParamsOf } from "./param-schema.js";

/** The threshold's course over the run: fixed, a step every window, or a step only while healthy. */
export const RAMPS = ["fixed", "linear", "guarded"] as const;

/**
 * The schema. Defaults are the story's first step: the data-centre code copies 1% of customers
 * (`customerId % 100 < 1`) to a healthy cloud stack, send-and-forget, bounded as a bulkhead
 * thread pool bounds it (the sources are in shadow/mirror-options.ts).
 */
export const SHADOW_TRAFFIC_PARAMS = {
  mode: {
    kind: "choice",
    label: "Mirroring",
    description:
      "No copy, a synchronous copy the primary waits for, send-and-forget with a concurrency limit and a timeout, or send-and-forget with neither.",
    default: "async-bounded",
    options: MIRROR_MODES,
  },
  cloud: {
    kind: "choice",
    label: "Cloud stack",
    description: "Answering, slow (every service time multiplied by the slow factor), or hanging.",
    default: "healthy",
    options: CLOUD_STATES,
  },
  sampler: {
    kind: "choice",
    label: "Sampler",
    description: "customerId % 100 < threshold, a hash of the id against the threshold, or a coin per request.",
    default: "modulo",
    options: ["modulo", "hash", "random"],
  },
  thresholdPercent: numberParam("Threshold", "The dial: the sampler's threshold at the start.", 1, 0, 100, 0.5, "%"),
  ramp: {
    kind: "choice",
    label: "Ramp",
    description: "Keep the threshold, raise it every window, or raise it only while the cloud stack is healthy.",
    default: "fixed",
    options: RAMPS,
  },
  rampStepPercent: numberParam(
    "Ramp step",
    "Percentage points added per window (one second of simulated time).",
    5,
    0,
    100,
    1,
    "%",
  ),
  ratePerSec: numberParam(
    "Load",
    "Requests per second reaching the data-centre code path.",
    200,
    10,
    1000,
    10,
    "req/s",
  ),
  durationSec: numberParam("Duration", "Simulated time.", 30, 5, 120, 5, "s", true),
  customers: numberParam("Customers", "Customers in the population.", 10_000, 100, 100_000, 100, undefined, true),
  heavyShare: numberParam(
    "Heavy customers' share",
    "Share of requests the 10 heaviest accounts make.",
    0.2,
    0,
    0.9,
    0.05,
  ),
  idBlockSize: numberParam(
    "Id block",
    "Ids reserved per block; a restart loses the rest of the block.",
    100,
    1,
    1000,
    1,
    undefined,
    true,
  ),
  cloudWorkers: numberParam(
    "Cloud workers",
    "Requests the cloud stack serves at once.",
    DEFAULT_MIRROR.cloudWorkers,
    1,
    64,
    1,
    undefined,
    true,
  ),
  slowFactor: numberParam(
    "Slow factor",
    "Service-time multiplier when the cloud stack is slow.",
    DEFAULT_MIRROR.slowFactor,
    1,
    100,
    1,
    "×",
  ),
  cacheWarmRequests: numberParam(
    "Cache warm-up",
    "Requests the cloud serves before its cache is 63% warm.",
    DEFAULT_MIRROR.cacheWarmRequests,
    1,
    100_000,
    100,
  ),
  shadowTimeoutMs: numberParam(
    "Shadow timeout",
    "Timeout of a shadow call (sync and bounded modes).",
    DEFAULT_MIRROR.shadowTimeoutMs,
    10,
    10_000,
    10,
    "ms",
  ),
  maxInFlight: numberParam(
    "Mirror limit",
    "Shadow calls in flight at most (bounded mode); more are dropped.",
    DEFAULT_MIRROR.maxInFlight,
    1,
    1000,
    1,
    undefined,
    true,
  ),
} as const;

export type ShadowTrafficParams = ParamsOf<typeof SHADOW_TRAFFIC_PARAMS>;

/** The story's parameter sets, by name. */
export const SHADOW_TRAFFIC_PRESETS = {
  /** The story: 1% of customers, send-and-forget, the cloud stack healthy. */
  sendAndForget: { mode: "async-bounded", thresholdPercent: 1 },
  /** The mistake: the primary waits for the copy while the cloud stack is slow. */
  syncMistake: { mode: "sync", cloud: "slow", thresholdPercent: 1 },
  /** Send-and-forget without a limit or a timeout, every customer copied, the cloud stack hanging. */
  unboundedHang: { mode: "async-unbounded", cloud: "down", thresholdPercent: 100 },
  /** 25 points a second into a cold cloud stack: it saturates before its cache warms. */
  tooFastRamp: { ramp: "linear", rampStepPercent: 25, thresholdPercent: 1 },
  /** Five points at a time, held or halved whenever the cloud stack shows strain, for a minute. */
  guardedRamp: { ramp: "guarded", rampStepPercent: 5, thresholdPercent: 1, durationSec: 60 },
} as const;
