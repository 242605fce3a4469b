// Lab 05's scenario checks for `npm run lab:margins`: the same driver runs and bounds as
// test/labs/05-timeout-budgets.test.ts, one seed at a time. The exact checks on the policy itself
// (telescoping, deadline, retry target, jitter) take no seed and have no margin to measure; the
// outage runs measure the naive policy themselves, as the bound on wasted work is relative to it.
import {
  EDGE_BUDGET_MS,
  lateGoodputPerSec,
  MAX_CALLS_PER_HOP,
  NETWORK_SLACK_MS,
  RECOVERED_SHARE,
  WASTED_SHARE_MAX,
} from "../../test/labs/05-timeout-budgets.bounds.js";
import { hungDeep, oneHung, outage } from "../../test/labs/05-timeout-budgets.driver.js";
import type { LabMargins, MarginCheck } from "./measure.js";

type HungDeepRun = Awaited<ReturnType<typeof hungDeep>>;
type OneHungRun = Awaited<ReturnType<typeof oneHung>>;
type OutageRun = Awaited<ReturnType<typeof outage>>;

const edgeWithin: MarginCheck<HungDeepRun> = {
  id: "edge-within-3s",
  runs: async (lab, seed) => [await hungDeep(lab, { seed })],
  bounds: [
    {
      what: "requests never answered",
      kind: "max",
      limit: () => 0,
      value: (r) => r.requests - r.answered,
      combine: "total",
    },
    {
      what: "edge's slowest answer (ms)",
      kind: "max",
      limit: () => EDGE_BUDGET_MS + NETWORK_SLACK_MS,
      value: (r) => r.edgeLatencyMsMax,
    },
    {
      what: "calls per request on the busiest hop",
      kind: "max",
      limit: () => MAX_CALLS_PER_HOP,
      value: (r) => Math.max(...r.callsPerHop),
    },
  ],
};

const retryElsewhere: MarginCheck<OneHungRun> = {
  id: "retry-elsewhere",
  runs: async (lab, seed) => [await oneHung(lab, { seed })],
  bounds: [
    {
      what: "requests not answered ok",
      kind: "max",
      limit: () => 0,
      value: (r) => r.requests - r.ok,
      combine: "total",
    },
  ],
};

const recovers: MarginCheck<OutageRun> = {
  id: "recovers-after-outage",
  runs: async (lab, seed) => [await outage(lab, { seed, deadlinePropagation: false })],
  bounds: [
    {
      what: "late goodput / offered load",
      kind: "min",
      limit: () => RECOVERED_SHARE,
      value: (r) => lateGoodputPerSec(r.learner.goodput, r.loadEndsMs) / r.offeredPerSec,
    },
  ],
};

const wasted: MarginCheck<OutageRun> = {
  id: "wasted-work-bounded",
  runs: async (lab, seed) => [await outage(lab, { seed, deadlinePropagation: true })],
  bounds: [
    {
      what: "wasted work / the naive policy's",
      kind: "max",
      limit: () => WASTED_SHARE_MAX,
      value: (r) => r.learner.wastedMs / r.naive.wastedMs,
    },
  ],
};

export const margins: LabMargins = { checks: [edgeWithin, retryElsewhere, recovers, wasted] };
