// Lab 04's checks for `npm run lab:margins`: the same driver runs and bounds as
// test/labs/04-chaos.test.ts, one seed at a time. The naive policy is sim-core's naive guard
// (the one the module page shows), measured on the guard checks only.
import { naiveGuard } from "sim-core";
import {
  allowedFalseAborts,
  EVACUATED_WITHIN_MS,
  HARMLESS,
  MAX_AFFECTED,
  MAX_FAILED_PCT,
  MAX_READY_CAPACITY_PCT,
  MAX_UNHEALTHY_SHARE,
  startsRatio,
  unhealthyShare,
} from "../../test/labs/04-chaos.bounds.js";
import {
  evacuationRun,
  guardRun,
  HARMFUL,
  type ResilienceFault,
  resilienceRun,
} from "../../test/labs/04-chaos.driver.js";
import type { LabMargins, MarginCheck } from "./measure.js";

type GuardRun = Awaited<ReturnType<typeof guardRun>>;
type ResilienceRun = Awaited<ReturnType<typeof resilienceRun>>;
type EvacuationRun = Awaited<ReturnType<typeof evacuationRun>>;

const aborted = (r: GuardRun) => (r.verdict === "aborted" ? 1 : 0);

const stopsHarm: MarginCheck<GuardRun> = {
  id: "guard-stops-harm",
  runs: (lab, seed) => Promise.all(HARMFUL.map((experiment) => guardRun(lab, { seed, experiment, replica: 0 }))),
  bounds: [
    {
      what: "customers affected by a harmful run (at the stop, or at the end if never stopped)",
      kind: "max",
      limit: () => MAX_AFFECTED,
      value: (r) => r.affected,
    },
    { what: "harmful runs not stopped", kind: "max", limit: () => 0, value: (r) => 1 - aborted(r), combine: "total" },
  ],
};

/** A guard run, and whether the check counts it as harmless (else it is the harmful run the check also asks to be stopped). */
type JudgedRun = GuardRun & { harmless: boolean };

const sparesHarmless: MarginCheck<JudgedRun> = {
  id: "guard-spares-harmless",
  runs: async (lab, seed) => [
    // The check asks this on its first public seed only; here on every seed.
    { ...(await guardRun(lab, { seed, experiment: "latency", replica: 0 })), harmless: false },
    ...(await Promise.all(HARMLESS.map((run) => guardRun(lab, { seed, ...run })))).map((r) => ({
      ...r,
      harmless: true,
    })),
  ],
  bounds: [
    {
      what: "harmless runs aborted",
      kind: "max",
      limit: (runs) => allowedFalseAborts(runs.filter((r) => r.harmless).length),
      value: (r) => (r.harmless ? aborted(r) : 0),
      combine: "total",
    },
    {
      what: "Latency Monkey without a bulkhead not stopped",
      kind: "max",
      limit: () => 0,
      value: (r) => (r.harmless ? 0 : 1 - aborted(r)),
      combine: "total",
    },
  ],
};

function resilience(fault: ResilienceFault): MarginCheck<ResilienceRun> {
  return {
    id: `resilience-${fault}`,
    runs: async (lab, seed) => [await resilienceRun(lab, { seed, fault })],
    bounds: [
      {
        what: "experiment starts / control starts",
        kind: "min",
        limit: (runs) => 1 - (runs[0]?.tolerancePct ?? 0) / 100,
        value: startsRatio,
      },
      {
        what: "control requests that failed or fell back (share)",
        kind: "max",
        limit: () => MAX_UNHEALTHY_SHARE,
        value: (r) => unhealthyShare(r.control),
      },
    ],
  };
}

const noOverload: MarginCheck<EvacuationRun> = {
  id: "evacuation-no-overload",
  runs: async (lab, seed) => [await evacuationRun(lab, { seed })],
  bounds: [
    {
      what: "receiving region's worst step (% of starts failed)",
      kind: "max",
      limit: () => MAX_FAILED_PCT,
      value: (r) => r.maxFailedPct,
    },
    {
      what: "runs whose traffic never all moved",
      kind: "max",
      limit: () => 0,
      value: (r) => (r.evacuatedAtMs === null ? 1 : 0),
      combine: "total",
    },
  ],
};

const worstStep = noOverload.bounds[0] as (typeof noOverload.bounds)[number];

const inTime: MarginCheck<EvacuationRun> = {
  id: "evacuation-in-time",
  runs: noOverload.runs,
  // Impact-free too: the check asserts the worst step again, so a fast plan cannot pass by overloading.
  bounds: [
    worstStep,
    {
      what: "minutes from the decision until all traffic moved",
      kind: "max",
      limit: () => EVACUATED_WITHIN_MS / 60_000,
      value: (r) => (r.evacuatedAfterDecisionMs ?? Number.POSITIVE_INFINITY) / 60_000,
    },
    { what: "ready capacity (%)", kind: "max", limit: () => MAX_READY_CAPACITY_PCT, value: (r) => r.readyCapacityPct },
  ],
};

export const margins: LabMargins = {
  checks: [
    stopsHarm,
    sparesHarmless,
    resilience("monkey"),
    resilience("gorilla"),
    resilience("latency"),
    noOverload,
    inTime,
  ],
  naive: {
    name: "naive",
    files: { "guard.ts": { createGuard: () => naiveGuard() } },
    checks: [stopsHarm.id, sparesHarmless.id],
  },
};
