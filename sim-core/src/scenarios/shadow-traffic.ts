import { Fingerprint } from "../kernel/index.js";
import { createRng, type Seed } from "../random/index.js";
import {
  customerPopulation,
  DEFAULT_MIRROR,
  fixedThreshold,
  guardedRamp,
  HEAVY_CUSTOMERS,
  linearRamp,
  type MirrorResult,
  type RampController,
  type SamplingRow,
  SHADOW_SAMPLERS,
  type ShadowSampler,
  samplingStats,
  simulateMirror,
} from "../shadow/index.js";
import type { ReplayRecorder } from "../trace/index.js";
import { defineScenario } from "./scenario.js";
import { SHADOW_TRAFFIC_PARAMS, SHADOW_TRAFFIC_PRESETS, type ShadowTrafficParams } from "./shadow-traffic-params.js";

/** Thresholds of the sampler table (mirrored share against threshold, each sampler). */
export const SAMPLING_THRESHOLDS = [1, 2, 5, 10, 20, 50, 100] as const;

/**
 * The guarded ramp's limits, our assumptions: hold above 70% busy (queueing delay grows fast past
 * that), back off when the shadow p99 passes half the shadow timeout or 1% of copies fail.
 */
export const GUARD_HOLD_UTILISATION = 0.7;
export const GUARD_MAX_ERROR_RATE = 0.01;

/**
 * The learner's plug-ins: a sampler `shadowSampler` (replaces the `sampler` choice) and a ramp
 * controller (replaces `ramp`); and a viewer's `replay` of the mirroring run (see `recordReplay`).
 */
export interface ShadowTrafficExtras {
  shadowSampler: ShadowSampler;
  rampController: RampController;
  replay: ReplayRecorder;
}

export interface ShadowTrafficResult extends MirrorResult {
  seed: Seed;
  params: ShadowTrafficParams;
  samplerName: string;
  rampName: string;
  /** Share mirrored, whole sessions and stability by threshold, for each built-in sampler (and the plugged one). */
  sampling: SamplingRow[];
}

/**
 * Module 2: mirror a consistent share of the data-centre traffic to the cloud stack and see what
 * each way of copying costs the primary when the cloud is healthy, slow or hanging; ramp the
 * threshold while watching the new stack.
 *
 * @example
 * shadowTraffic.run({ durationSec: 5, thresholdPercent: 0 }).shadow.sent // 0
 */
export const shadowTraffic = defineScenario({
  id: "shadowTraffic",
  title: "Shadow traffic: mirroring real requests to the new stack",
  module: 2,
  summary:
    "customerId % 100 < threshold picks customers whose requests are copied to the cloud stack; send-and-forget costs the primary nothing, waiting for the copy costs it its p99.",
  defaultSeed: 2,
  params: SHADOW_TRAFFIC_PARAMS,
  presets: SHADOW_TRAFFIC_PRESETS,
  body: (p, extras: Partial<ShadowTrafficExtras>): ShadowTrafficResult => {
    const { seed, ...params } = p;
    const rng = createRng(seed);
    const population = customerPopulation(
      {
        customers: p.customers,
        idBlockSize: p.idBlockSize,
        heavyShare: p.heavyShare,
        heavyCustomers: p.heavyShare > 0 ? HEAVY_CUSTOMERS : 0,
      },
      rng.fork("population"),
    );
    const sampler = extras.shadowSampler ?? SHADOW_SAMPLERS[p.sampler];
    const ramp = extras.rampController ?? rampFor(p);
    const mirror = simulateMirror(
      {
        ...DEFAULT_MIRROR,
        mode: p.mode,
        cloud: p.cloud,
        ratePerSec: p.ratePerSec,
        durationMs: p.durationSec * 1000,
        cloudWorkers: p.cloudWorkers,
        slowFactor: p.slowFactor,
        cacheWarmRequests: p.cacheWarmRequests,
        shadowTimeoutMs: p.shadowTimeoutMs,
        maxInFlight: p.maxInFlight,
      },
      population,
      sampler,
      ramp,
      rng.fork("mirror"),
      extras.replay ?? null,
    );
    const samplers =
      extras.shadowSampler === undefined
        ? Object.values(SHADOW_SAMPLERS)
        : [...Object.values(SHADOW_SAMPLERS), sampler];
    const requests = Math.round(p.ratePerSec * p.durationSec);
    const sampling = samplers.flatMap((s) =>
      samplingStats(population, s, SAMPLING_THRESHOLDS, requests, rng.fork("sampling")),
    );
    const print = new Fingerprint();
    print.foldString(mirror.fingerprint);
    for (const row of sampling) print.foldNumber(row.requestShare);
    return {
      ...mirror,
      seed,
      fingerprint: print.hex(),
      params,
      samplerName: sampler.name,
      rampName: ramp.name,
      sampling,
    };
  },
});

function rampFor(p: ShadowTrafficParams): RampController {
  const start = { startPercent: p.thresholdPercent, stepPercent: p.rampStepPercent, maxPercent: 100 };
  if (p.ramp === "linear") return linearRamp(start);
  if (p.ramp === "guarded") {
    return guardedRamp({
      ...start,
      holdUtilisation: GUARD_HOLD_UTILISATION,
      maxLatencyMsP99: p.shadowTimeoutMs / 2,
      maxErrorRate: GUARD_MAX_ERROR_RATE,
      backoffFactor: 0.5,
    });
  }
  return fixedThreshold(p.thresholdPercent);
}
