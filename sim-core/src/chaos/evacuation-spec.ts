import { checkNumber, checkOneOf } from "../errors/index.js";
import { distribution } from "../random/index.js";
import { EVACUATION_FAILURES, type EvacuationSpec } from "./evacuation-types.js";

const MIN = 60_000;

/**
 * A uniform delay of ±25% around a stated figure, in ms. For provisioning (4 minutes) that is the
 * source's own range, 3–5 minutes; for the phases the source gives as one number the spread is ours.
 *
 * @example
 * delayAround(4) // { kind: 'uniform', min: 180000, max: 300000 }
 */
export function delayAround(minutes: number): { kind: "uniform"; min: number; max: number } {
  return { kind: "uniform", min: 0.75 * minutes * MIN, max: 1.25 * minutes * MIN };
}

/**
 * The defaults. The phase delays are those of Netflix's failover before Nimble as the Netflix
 * Technology Blog broke them down ("Project Nimble: Region Evacuation Reimagined", 2018): about
 * 5 minutes to decide, 3–5 minutes to provision from AWS, about 25 minutes for services to start
 * up. The rest is illustrative and says so: the blog gives no figure for how long an instance
 * takes to warm (it names JIT compilation), nor for cold caches.
 */
export const EVACUATION_DEFAULTS: EvacuationSpec = {
  failure: "outage",
  // The chaosExperiment scenario's US peak, so the two module 4 scenarios share a scale.
  peakSps: 3000,
  startHour: 20,
  durationMs: 60 * MIN,
  stepMs: 10_000,
  // Illustrative: a region of about a hundred instances at peak keeps the fleet's steps small.
  spsPerInstance: 20,
  // Illustrative: target tracking that keeps a quarter of each instance spare, the "modest headroom".
  targetUtilisationPct: 75,
  demandNoisePct: 2,
  decisionMs: delayAround(5),
  provisionMs: delayAround(4),
  startupMs: delayAround(25),
  // Illustrative: a new JVM serves at half speed and reaches full speed in about 5 minutes.
  warmUpMs: 5 * MIN,
  warmStartPct: 50,
  // Illustrative: a moved customer's request does half again as much work while the receiving
  // region's caches lack its data, and the extra falls by e every 10 minutes.
  coldExtraPct: 50,
  cacheWarmMs: 10 * MIN,
  // The course's own line, not a published figure: a step that fails more than a tenth of the
  // receiving region's starts is not impact-free. Lab 04 holds a learner's plan to 1%.
  impactThresholdPct: 10,
};

/**
 * The defaults with some fields replaced.
 *
 * @example
 * evacuationSpec({ peakSps: 6000 }).stepMs // 10000
 */
export function evacuationSpec(overrides: Partial<EvacuationSpec>): EvacuationSpec {
  return { ...EVACUATION_DEFAULTS, ...overrides };
}

/**
 * Checks every field of a spec; errors name `evacuation.<field>` and the allowed range.
 *
 * @example
 * checkEvacuationSpec(EVACUATION_DEFAULTS).failure // 'outage'
 */
export function checkEvacuationSpec(spec: EvacuationSpec, path = "evacuation"): EvacuationSpec {
  const positive = { min: 0, minExclusive: true };
  checkOneOf(`${path}.failure`, spec.failure, EVACUATION_FAILURES);
  checkNumber(`${path}.peakSps`, spec.peakSps, positive);
  checkNumber(`${path}.startHour`, spec.startHour, { min: 0, max: 24 });
  checkNumber(`${path}.stepMs`, spec.stepMs, { min: 1000, max: 60_000 });
  checkNumber(`${path}.durationMs`, spec.durationMs, { min: spec.stepMs, max: 24 * 60 * MIN });
  checkNumber(`${path}.spsPerInstance`, spec.spsPerInstance, positive);
  checkNumber(`${path}.targetUtilisationPct`, spec.targetUtilisationPct, { min: 10, max: 100 });
  checkNumber(`${path}.demandNoisePct`, spec.demandNoisePct, { min: 0, max: 50 });
  for (const field of ["decisionMs", "provisionMs", "startupMs"] as const) {
    const d = distribution(spec[field], `${path}.${field}`);
    checkNumber(`${path}.${field}.min`, d.min, { min: 0 });
  }
  checkNumber(`${path}.warmUpMs`, spec.warmUpMs, { min: 0 });
  checkNumber(`${path}.warmStartPct`, spec.warmStartPct, { min: 0, max: 100 });
  checkNumber(`${path}.coldExtraPct`, spec.coldExtraPct, { min: 0, max: 500 });
  checkNumber(`${path}.cacheWarmMs`, spec.cacheWarmMs, positive);
  checkNumber(`${path}.impactThresholdPct`, spec.impactThresholdPct, { min: 0, max: 100 });
  // Too many instances would make the page slow; a fleet above ~10,000 is another model anyway.
  checkNumber(`${path}.peakSps / spsPerInstance`, spec.peakSps / spec.spsPerInstance, { max: 5000 });
  return spec;
}
