import { checkNumber } from "../errors/index.js";
import { checkThreshold } from "./sampler.js";

/** What an operator watching the new stack sees at the end of one window of a mirroring run. */
export interface RampWindow {
  /** End of the window, virtual ms. */
  timeMs: number;
  thresholdPercent: number;
  /** Shadow requests sent per second in the window. */
  mirroredPerSec: number;
  /** Busy share of the cloud stack's workers in the window (0–1). */
  cloudUtilisation: number;
  /** p99 latency of the shadow calls that finished in the window, as the mirror saw them. */
  cloudLatencyMsP99: number;
  /** Share of shadow calls that failed, timed out or were dropped by the mirror. */
  cloudErrorRate: number;
  /** Share of cloud requests served from a warm cache in the window. */
  cacheHitRatio: number;
}

/** Chooses the threshold for the next window; it may raise it, hold it or back off. */
export interface RampController {
  readonly name: string;
  /** The threshold to start with (0–100). */
  readonly startPercent: number;
  next(window: RampWindow): number;
}

/**
 * Never moves: the threshold stays where it starts.
 *
 * @example
 * fixedThreshold(1).startPercent // 1
 */
export function fixedThreshold(percent: number): RampController {
  const p = checkThreshold("ramp.thresholdPercent", percent);
  return { name: `fixed ${p}%`, startPercent: p, next: () => p };
}

/** A ramp's step and ceiling. */
export interface RampOptions {
  startPercent: number;
  /** Percentage points added each window. */
  stepPercent: number;
  maxPercent: number;
}

/**
 * Raises the threshold by a fixed step every window whatever the new stack shows: the ramp that
 * is too fast when the step outruns the cloud's capacity or its cache warm-up.
 *
 * @example
 * linearRamp({ startPercent: 1, stepPercent: 10, maxPercent: 15 }).next({ thresholdPercent: 11 } as RampWindow) // 15
 */
export function linearRamp(options: RampOptions): RampController {
  const { startPercent, stepPercent, maxPercent } = checkRamp("ramp", options);
  return {
    name: `linear +${stepPercent}%`,
    startPercent,
    next: (w) => Math.min(maxPercent, w.thresholdPercent + stepPercent),
  };
}

/** Limits a guarded ramp watches. */
export interface GuardOptions extends RampOptions {
  /** Hold (do not raise) while the cloud is busier than this share. */
  holdUtilisation: number;
  /** Back off when the cloud's p99 exceeds this. */
  maxLatencyMsP99: number;
  /** Back off when this share of shadow calls fails. */
  maxErrorRate: number;
  /** Multiply the threshold by this when backing off. */
  backoffFactor: number;
}

/**
 * Raises the threshold only while the new stack is healthy: holds when it is busy, backs off
 * when its latency or errors pass a limit.
 *
 * @example
 * const g = guardedRamp({ startPercent: 4, stepPercent: 2, maxPercent: 100, holdUtilisation: 0.7, maxLatencyMsP99: 500, maxErrorRate: 0.01, backoffFactor: 0.5 });
 * g.next({ thresholdPercent: 4, cloudUtilisation: 0.2, cloudLatencyMsP99: 900, cloudErrorRate: 0 } as RampWindow) // 2
 */
export function guardedRamp(options: GuardOptions): RampController {
  const { startPercent, stepPercent, maxPercent } = checkRamp("ramp", options);
  const hold = checkNumber("ramp.holdUtilisation", options.holdUtilisation, { min: 0, max: 1 });
  const maxP99 = checkNumber("ramp.maxLatencyMsP99", options.maxLatencyMsP99, { min: 0, minExclusive: true });
  const maxErr = checkNumber("ramp.maxErrorRate", options.maxErrorRate, { min: 0, max: 1 });
  const backoff = checkNumber("ramp.backoffFactor", options.backoffFactor, { min: 0, max: 1 });
  return {
    name: `guarded +${stepPercent}%`,
    startPercent,
    next(w) {
      if (w.cloudLatencyMsP99 > maxP99 || w.cloudErrorRate > maxErr) return w.thresholdPercent * backoff;
      if (w.cloudUtilisation > hold) return w.thresholdPercent;
      return Math.min(maxPercent, w.thresholdPercent + stepPercent);
    },
  };
}

function checkRamp(path: string, o: RampOptions): RampOptions {
  const startPercent = checkThreshold(`${path}.startPercent`, o.startPercent);
  const stepPercent = checkNumber(`${path}.stepPercent`, o.stepPercent, { min: 0, max: 100 });
  const maxPercent = checkNumber(`${path}.maxPercent`, o.maxPercent, { min: startPercent, max: 100 });
  return { startPercent, stepPercent, maxPercent };
}
