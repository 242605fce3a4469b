import {
  DEPLOY_MODES,
  NETFLIX_MONOLITH,
  NETFLIX_STRANGLER_STEPS,
  PLACEMENTS,
  SHARED_DATABASE,
} from "../decompose/index.js";
import { numberParam } from "./number-param.js";
import type { ParamsOf } from "./param-schema.js";

/**
 * The story's four cuts of the Netflix monolith (see decompose/netflix.ts), and one step of the
 * strangler-fig migration from the first to the last (`strangler-step`, picked by `step`).
 */
export const DECOMPOSITIONS = ["monolith", "naive", "distributed", "bounded", "strangler-step"] as const;
/** What fails: nothing, the shared Oracle, or the service running one module. */
export const FAILURES = ["none", SHARED_DATABASE, ...NETFLIX_MONOLITH.modules.map((m) => m.name)] as const;

/**
 * The schema. Defaults are the monolith as it was in 2009: one service in one data centre on
 * one Oracle, shipping by a two-week release train with QA.
 */
export const DECOMPOSITION_PARAMS = {
  decomposition: {
    kind: "choice",
    label: "Decomposition",
    description:
      "The monolith as it was, one service per module, services cut by tier sharing the Oracle tables, bounded contexts owning their data, or one step of the strangler-fig migration (see Strangler step).",
    default: "monolith",
    options: DECOMPOSITIONS,
  },
  step: numberParam(
    "Strangler step",
    `With the strangler-step cut: how far the migration has gone, 0 (the monolith) to ${NETFLIX_STRANGLER_STEPS.length - 1} (bounded contexts). Odd steps extract a service, even steps move its tables out of the Oracle.`,
    NETFLIX_STRANGLER_STEPS.length - 1,
    0,
    NETFLIX_STRANGLER_STEPS.length - 1,
    1,
    undefined,
    true,
  ),
  placement: {
    kind: "choice",
    label: "Placement",
    description:
      "One zone (the 2009 data centre), three AWS zones, or the front end on the West Coast calling US-East.",
    default: "one-zone",
    options: PLACEMENTS,
  },
  // DEFAULT_NETWORK (cluster/network.ts): AWS's "single-digit ms" between zones, ~1 ms one way.
  crossZoneMs: numberParam("Cross-zone latency", "One-way latency between zones, median.", 1, 0.1, 20, 0.1, "ms"),
  // DEFAULT_NETWORK: the 83 ms us-east to us-west of Cockcroft's global Cassandra benchmark, read
  // as a round trip: 41.5 ms one way (cluster/network.ts names the source).
  crossRegionMs: numberParam(
    "Cross-region latency",
    "One-way latency between US-East and US-West, median.",
    41.5,
    1,
    200,
    0.5,
    "ms",
  ),
  // Our assumption: Java object binding to XML or JSON at ~50 MB/s, encode plus decode.
  serializationMsPerKb: numberParam(
    "Serialization",
    "Encoding and decoding one kB of payload on a remote call.",
    0.02,
    0,
    1,
    0.01,
    "ms/kB",
  ),
  // Our assumption: a virtual call plus a little argument copying in one JVM.
  inProcessCallMs: numberParam(
    "In-process call",
    "One method call between modules in one process.",
    0.001,
    0,
    1,
    0.001,
    "ms",
  ),
  queryMs: numberParam(
    "Query",
    "One query or key lookup in a store, median (lognormal, p99 = 4× median).",
    1,
    0.1,
    50,
    0.1,
    "ms",
  ),
  instances: numberParam(
    "Instances",
    "Instances of every service (and replicas of every owned store); the Oracle is one server.",
    3,
    1,
    10,
    1,
    undefined,
    true,
  ),
  // Our assumption: each process answers 99.8% of the visits it gets (restarts, GC, bad instances).
  hopErrorRate: numberParam(
    "Failure per visit",
    "Probability that one service visit fails; every hop is one more chance.",
    0.002,
    0,
    0.1,
    0.001,
  ),
  // 60 keeps the page's default runs near 20 ms in Chromium on a loaded 2-core machine
  // (bench/decomposition.bench.ts, scripts/site-speed.ts). Each type's p99 is then close to its
  // slowest request, yet the mix p99 of each cut moves by only a few ms between seeds, far less
  // than the gaps between the cuts; availability needs more (the story uses 1,000).
  requestsPerType: numberParam(
    "Requests per type",
    "Client requests simulated for each request type (p99 of few requests is rough: raise it for steadier tails).",
    60,
    10,
    5000,
    10,
    undefined,
    true,
  ),
  failure: {
    kind: "choice",
    label: "Failure",
    description:
      "Nothing, the shared Oracle, or the whole service that runs the chosen module (in the monolith: everything).",
    default: "none",
    options: FAILURES,
  },
  deploy: {
    kind: "choice",
    label: "Deploys",
    description:
      "One release train for everything, or each deploy unit on its own (units tied by a shared table or fat interface ride a train of their own).",
    default: "train",
    options: DEPLOY_MODES,
  },
  days: numberParam("Days", "Days of commits simulated for delivery.", 90, 14, 365, 1, "days", true),
  teams: numberParam(
    "Teams",
    "Teams committing changes (2009: more than a hundred engineers).",
    12,
    1,
    100,
    1,
    undefined,
    true,
  ),
  changesPerTeamPerDay: numberParam("Change rate", "Changes each team commits per day.", 1, 0.1, 10, 0.1, "/day"),
  badChangeProbability: numberParam(
    "Bad changes",
    "Share of changes that would break production.",
    0.01,
    0,
    0.5,
    0.005,
  ),
  catchProbability: numberParam(
    "Caught before production",
    "Share of bad changes QA (train) or a canary (independent) catches.",
    0.9,
    0,
    1,
    0.05,
  ),
  trainPeriodDays: numberParam(
    "Train period",
    "A release train leaves every this many days (2009: two weeks).",
    14,
    1,
    60,
    1,
    "days",
  ),
  qaDays: numberParam("QA", "Days a train spends in QA before it ships.", 3, 0, 30, 0.5, "days"),
  pipelineHours: numberParam(
    "Pipeline",
    "Build, automated tests and canary of one independent deploy.",
    1,
    0.1,
    48,
    0.1,
    "h",
  ),
  fixHours: numberParam(
    "Fix",
    "Time to fix a bad change once found; a held train waits this long.",
    48,
    1,
    500,
    1,
    "h",
  ),
  rollbackMinutesPerModule: numberParam(
    "Rollback per module",
    "Rolling back takes this long per module deployed (a bigger app takes longer).",
    10,
    0,
    120,
    1,
    "min",
  ),
  blastRadius: {
    kind: "boolean",
    label: "Blast radius",
    description: "Also fail each service and the Oracle in turn (slower).",
    default: false,
  },
  strangler: {
    kind: "boolean",
    label: "Strangler steps",
    description: "Also evaluate the migration step by step (slower).",
    default: false,
  },
} as const;

export type DecompositionParams = ParamsOf<typeof DECOMPOSITION_PARAMS>;

/** The cloud settings the three splits share: three zones, independent deploys. */
const CLOUD = { placement: "three-zones", deploy: "independent" } as const;

/** The story's parameter sets, by name. */
export const DECOMPOSITION_PRESETS = {
  /** 2009: one Java application on one Oracle, in one data centre, on a two-week train. */
  asItWas: { decomposition: "monolith" },
  /** "One service per class": every module a service, every table still in the Oracle. */
  naive: { decomposition: "naive", ...CLOUD },
  /** Services cut by tier, sharing the Oracle tables. */
  distributed: { decomposition: "distributed", ...CLOUD },
  /** Bounded contexts, each owning its data, deploying on its own. */
  bounded: { decomposition: "bounded", ...CLOUD },
  /** The strangler-fig migration, one step at a time: the first service extracted. */
  stranglerStep: { decomposition: "strangler-step", step: 1, ...CLOUD },
} as const;
