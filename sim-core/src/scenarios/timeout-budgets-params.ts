import type { NumberParamSpec, ParamSchema, ParamsOf } from "./param-schema.js";

const num = (
  label: string,
  description: string,
  d: number,
  min: number,
  max: number,
  step: number,
  unit?: string,
  integer = false,
): NumberParamSpec => ({
  kind: "number",
  label,
  description,
  default: d,
  min,
  max,
  step,
  integer,
  ...(unit ? { unit } : {}),
});

/**
 * The schema. Defaults reproduce the module's opening story (2 s timeouts and 2 retries at
 * every layer, the deep service hangs) at a load small enough to rerun on every slider move.
 */
export const TIMEOUT_BUDGETS_PARAMS = {
  depth: num("Depth", "Service layers from the edge to the deep service, edge included.", 3, 2, 4, 1, undefined, true),
  fanOut: num("Fan-out", "Deep services the layer above calls in parallel.", 1, 1, 5, 1, undefined, true),
  instances: num("Instances", "Instances of every service, spread over three zones.", 3, 1, 10, 1, undefined, true),
  deepWorkers: num(
    "Deep threads",
    "Worker threads per deep instance (upper tiers have Tomcat's 200).",
    200,
    1,
    500,
    1,
    undefined,
    true,
  ),
  queueCapacity: num(
    "Queue",
    "Requests that may wait for a thread per instance; more are rejected.",
    100,
    0,
    10_000,
    10,
    undefined,
    true,
  ),
  deepServiceMs: num(
    "Deep work",
    "Median time the deep service works on a request (lognormal, p99 = 3× median).",
    20,
    1,
    1000,
    1,
    "ms",
  ),
  ratePerSec: num("Load", "Client requests per second arriving at the edge (Poisson).", 20, 1, 2000, 1, "req/s"),
  durationMs: num("Duration", "How long clients send requests.", 10_000, 1000, 120_000, 1000, "ms"),
  edgeTimeoutMs: num(
    "Edge timeout",
    "Per-attempt timeout of the edge's call to the next layer.",
    2000,
    1,
    30_000,
    50,
    "ms",
  ),
  innerTimeoutMs: num("Inner timeout", "Per-attempt timeout of every deeper call.", 2000, 1, 30_000, 50, "ms"),
  retries: num("Retries", "Retries after a timeout or a rejection, at every layer.", 2, 0, 5, 1, undefined, true),
  retryTarget: {
    kind: "choice",
    label: "Retry to",
    description: "Retry on the instance that failed, or on one not tried yet.",
    default: "same",
    options: ["same", "different"],
  },
  deadlinePropagation: {
    kind: "boolean",
    label: "Carry deadlines",
    description: "Send each request's deadline along, so callees drop work nobody will read.",
    default: false,
  },
  backoff: {
    kind: "choice",
    label: "Backoff",
    description:
      "Wait before a retry (AWS Architecture Blog, 2015): none, exponential, or with full, equal or decorrelated jitter.",
    default: "none",
    options: ["none", "exponential", "full", "equal", "decorrelated"],
  },
  backoffBaseMs: num("Backoff base", "Base delay of the backoff; the cap is 20× the base.", 50, 1, 5000, 10, "ms"),
  retryBudgetPercent: num(
    "Retry budget",
    "Retries allowed as a share of requests (Finagle, Envoy: 20%); 0 turns the budget off.",
    0,
    0,
    100,
    5,
    "%",
  ),
  circuitBreaker: {
    kind: "boolean",
    label: "Circuit breaker",
    description: "Hystrix breaker with defaults (20 requests, 50% errors, 5 s sleep) and a fallback answer.",
    default: false,
  },
  hedgeAfterMs: num(
    "Hedge after",
    "Send a second attempt to another instance after this long; 0 turns hedging off.",
    0,
    0,
    10_000,
    10,
    "ms",
  ),
  discovery: {
    kind: "choice",
    label: "Discovery",
    description: "How callers learn an instance died: never, at once, or Eureka-like (lease 90 s, fetch every 30 s).",
    default: "eureka",
    options: ["static", "instant", "eureka"],
  },
  faultKind: {
    kind: "choice",
    label: "Fault",
    description: "What happens to the deep instances: they hang (a long GC pause), crash, or nothing.",
    default: "hang",
    options: ["hang", "crash", "none"],
  },
  faultInstances: num(
    "Faulty instances",
    "How many instances of each deep service fail.",
    3,
    0,
    10,
    1,
    undefined,
    true,
  ),
  faultAtMs: num("Fault at", "When the fault starts.", 2000, 0, 120_000, 100, "ms"),
  faultDurationMs: num("Fault length", "How long the fault lasts; 0 means until the end.", 0, 0, 120_000, 100, "ms"),
} as const satisfies ParamSchema;

/** The plain parameters of the timeout-budgets scenario (module 5), derived from the schema. */
export type TimeoutBudgetsParams = ParamsOf<typeof TIMEOUT_BUDGETS_PARAMS>;
