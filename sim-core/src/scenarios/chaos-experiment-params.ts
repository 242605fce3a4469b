import { numberParam } from "./number-param.js";
import type { ParamSchema, ParamsOf } from "./param-schema.js";

const bool = (label: string, description: string, d: boolean) => ({
  kind: "boolean" as const,
  label,
  description,
  default: d,
});

/** The schema. Defaults: Chaos Monkey kills a playback instance with no retry elsewhere, guard off. */
export const CHAOS_EXPERIMENT_PARAMS = {
  fault: {
    kind: "choice",
    label: "Fault",
    description:
      "Monkey kills one playback instance; Gorilla a zone; Latency Monkey slows personalisation; errors; a partition; Kong a region, or drains it in a drill (both need two).",
    default: "monkey",
    options: ["none", "monkey", "gorilla", "latency", "errors", "partition", "kong", "kongDrill"],
  },
  regions: numberParam(
    "Regions",
    "US regions the system runs in, customers split evenly between them.",
    1,
    1,
    2,
    1,
    undefined,
    true,
  ),
  evacuation: {
    kind: "choice",
    label: "Failover",
    description:
      "How Kong's region is evacuated: classic waits for the new instances, then moves traffic over 10 minutes; nimble moves it all at the decision.",
    default: "nimble",
    options: ["classic", "nimble"],
  },
  readyCapacityPct: numberParam(
    "Ready capacity",
    "API capacity each region keeps running for the other's traffic, in % of its own (Nimble's idea).",
    0,
    0,
    300,
    25,
    "%",
  ),
  faultAtMs: numberParam("Fault at", "When the fault starts in the experiment group.", 3000, 0, 60_000, 500, "ms"),
  addedMs: numberParam("Added latency", "Latency Monkey's delay on personalisation.", 3000, 1, 10_000, 100, "ms"),
  sharePct: numberParam("Share hit", "Share of calls that get the latency or error.", 100, 0, 100, 5, "%"),
  retryTarget: {
    kind: "choice",
    label: "Retry",
    description: "Where a failed call's one retry goes: nowhere, the same instance, or another instance.",
    default: "none",
    options: ["none", "same", "different"],
  },
  ribbon: bool("Ribbon", "Ribbon clients that skip servers after connection failures.", false),
  zoneAware: bool("Zone-aware", "Ribbon's ZoneAwareLoadBalancer: avoid the busiest zone once it is overloaded.", false),
  bulkheadThreads: numberParam(
    "Bulkhead",
    "Threads of the Hystrix pool in front of personalisation; 0 for none (Hystrix's default pool is 10).",
    0,
    0,
    50,
    1,
  ),
  fallbacks: bool("Fallback", "Personalisation falls back to an unpersonalised list.", true),
  circuitBreaker: bool("Breaker", "A Hystrix circuit breaker on every call.", false),
  timeoutMs: numberParam(
    "Timeout",
    "Timeout of every mid-tier call (Hystrix's default is 1 s); each try of a store read gets a third of it.",
    1000,
    10,
    10_000,
    50,
    "ms",
  ),
  apiWorkers: numberParam("API threads", "Worker threads per API instance.", 20, 1, 200, 1),
  apiQueue: numberParam("API queue", "Requests that may wait for an API thread, per instance.", 20, 0, 1000, 1),
  peakSps: numberParam(
    "Peak SPS",
    "Stream starts per second of the whole service at the evening peak.",
    3000,
    100,
    100_000,
    100,
  ),
  groupSharePct: numberParam(
    "Group share",
    "Traffic share of each group, control and experiment.",
    1,
    0.1,
    50,
    0.1,
    "%",
  ),
  startHour: numberParam("Start hour", "Time of day the window starts.", 20, 0, 23, 1, "h"),
  population: numberParam("Customers", "Customers of the whole service.", 1_000_000, 1000, 1e8, 1000),
  durationMs: numberParam("Duration", "Length of the experiment window.", 10_000, 1000, 1_800_000, 1000, "ms"),
  binMs: numberParam("Bin", "Width of a comparison bin.", 1000, 100, 10_000, 100, "ms"),
  tolerancePct: numberParam(
    "Tolerance",
    "Steady-state hypothesis: experiment SPS within this share of control's.",
    10,
    0,
    100,
    1,
    "%",
  ),
  abort: bool("Automatic abort", "Let the naive guard stop the experiment.", false),
} as const satisfies ParamSchema;

export type ChaosExperimentParams = ParamsOf<typeof CHAOS_EXPERIMENT_PARAMS>;
