import { Fingerprint } from "../kernel/index.js";
import { createRng, type Seed } from "../random/index.js";
import {
  CANARY_CONTROLS,
  type CanaryJudge,
  type CanaryResult,
  DEFAULT_CANARY,
  simulateCanary,
} from "../shadow/index.js";
import type { ParamsOf } from "./param-schema.js";
import { defineScenario } from "./scenario.js";

const D = DEFAULT_CANARY;

/** The schema. Defaults: a good canary judged against a fresh baseline, as Netflix's automated canaries ran. */
export const CANARY_RELEASE_PARAMS = {
  control: {
    kind: "choice",
    label: "Compared with",
    description: "A fresh baseline of the old code, or the long-running production instances.",
    default: "baseline",
    options: CANARY_CONTROLS,
  },
  canaryLatencyFactor: {
    kind: "number",
    label: "Canary latency",
    description: "The new code's service-time multiplier (1 = no change).",
    default: 1,
    min: 0.5,
    max: 5,
    step: 0.05,
    unit: "×",
  },
  canaryErrorPercent: {
    kind: "number",
    label: "Canary extra errors",
    description: "Errors the new code adds.",
    default: 0,
    min: 0,
    max: 50,
    step: 0.1,
    unit: "%",
  },
  canaryCpuFactor: {
    kind: "number",
    label: "Canary CPU",
    description: "The new code's CPU multiplier (1 = no change).",
    default: 1,
    min: 0.5,
    max: 5,
    step: 0.05,
    unit: "×",
  },
  zones: {
    kind: "number",
    label: "Zones",
    description: "Zones, each with a production, a baseline and a canary instance.",
    default: D.zones,
    min: 1,
    max: 6,
    step: 1,
    integer: true,
  },
  lifetimeMinutes: {
    kind: "number",
    label: "Canary lifetime",
    description: "How long the canary runs if nothing fails it.",
    default: D.lifetimeMinutes,
    min: 10,
    max: 240,
    step: 10,
    unit: "min",
    integer: true,
  },
  analysisEveryMinutes: {
    kind: "number",
    label: "Analysis interval",
    description: "The judge scores everything gathered so far this often.",
    default: D.analysisEveryMinutes,
    min: 1,
    max: 60,
    step: 1,
    unit: "min",
    integer: true,
  },
  testTrafficPercent: {
    kind: "number",
    label: "Test traffic",
    description: "Extra requests tagged for the new version, routed to the canary only.",
    default: 0,
    min: 0,
    max: 100,
    step: 5,
    unit: "%",
  },
  productionUptimeHours: {
    kind: "number",
    label: "Production uptime",
    description: "How long the old instances have run (warm caches, compiled code).",
    default: D.productionUptimeHours,
    min: 0,
    max: 1000,
    step: 1,
    unit: "h",
  },
  cacheWarmRequests: {
    kind: "number",
    label: "Cache warm-up",
    description: "Requests an instance serves before its cache is 63% warm.",
    default: D.cacheWarmRequests,
    min: 1,
    max: 1_000_000,
    step: 1000,
  },
} as const;

export type CanaryReleaseParams = ParamsOf<typeof CANARY_RELEASE_PARAMS>;

/** The learner's plug-in: a judge (replaces the Mann-Whitney judge). */
export interface CanaryReleaseExtras {
  judge: CanaryJudge;
}

export interface CanaryReleaseResult extends CanaryResult {
  seed: Seed;
  fingerprint: string;
  params: CanaryReleaseParams;
  judgeName: string;
}

/**
 * Module 2: an automated red/black canary. A canary (new code) and a baseline (old code), both
 * fresh, run beside production in every zone; a judge compares them metric by metric and promotes
 * or rolls back in seconds.
 *
 * @example
 * canaryRelease.run(canaryRelease.presets.badCanary).decision // 'rollback'
 */
export const canaryRelease = defineScenario({
  id: "canaryRelease",
  title: "Canary analysis and red/black deploys",
  module: 2,
  summary:
    "One baseline and one canary per zone beside production; a Mann-Whitney judge compares them metric by metric and promotes or rolls back.",
  defaultSeed: 2,
  params: CANARY_RELEASE_PARAMS,
  presets: {
    /** The new code behaves like the old: promoted after the full hour. */
    goodCanary: { canaryLatencyFactor: 1, canaryErrorPercent: 0 },
    /** 30% slower and 1% more errors: rolled back at the first analysis. */
    badCanary: { canaryLatencyFactor: 1.3, canaryErrorPercent: 1 },
    /** The good canary judged against warm, long-running production: rolled back for nothing. */
    goodVsProduction: { control: "production" },
  },
  body: (p, extras: Partial<CanaryReleaseExtras>): CanaryReleaseResult => {
    const { seed, ...params } = p;
    const run = simulateCanary(
      {
        ...DEFAULT_CANARY,
        control: p.control,
        canaryLatencyFactor: p.canaryLatencyFactor,
        canaryErrorPercent: p.canaryErrorPercent,
        canaryCpuFactor: p.canaryCpuFactor,
        zones: p.zones,
        lifetimeMinutes: p.lifetimeMinutes,
        analysisEveryMinutes: Math.min(p.analysisEveryMinutes, p.lifetimeMinutes),
        testTrafficPercent: p.testTrafficPercent,
        productionUptimeHours: p.productionUptimeHours,
        cacheWarmRequests: p.cacheWarmRequests,
      },
      createRng(seed).fork("canary"),
      extras.judge,
    );
    const print = new Fingerprint();
    // Samples are folded in millionths, not as raw doubles: Math.log and Math.exp differ in the
    // last bit between V8 versions (Node 20 and current Chromium disagree on ~7% of inputs), and
    // the fingerprint must be the same in both. The clock-driven scenarios get this from
    // rounding to whole microseconds.
    for (const s of run.samples) print.foldNumber(Math.round((s.latencyMs + s.errorPercent + s.cpuPercent) * 1e6));
    for (const a of run.analyses) print.foldNumber(a.score);
    return { ...run, seed, fingerprint: print.hex(), params, judgeName: extras.judge?.name ?? "mann-whitney" };
  },
});
