import { checkNumber, SimConfigError } from "../errors/index.js";

/** The steady-state hypothesis: the experiment group's SPS stays within `tolerancePct` of control's. */
export interface Hypothesis {
  tolerancePct: number;
}

/** What a guard sees after each bin: both groups' SPS so far, bin by bin, and the hypothesis. */
export interface GuardView {
  controlSps: readonly number[];
  experimentSps: readonly number[];
  hypothesis: Hypothesis;
  binMs: number;
}

/**
 * An experiment's safety policy (the module 4 lab's plug-in): after every bin, stop the
 * experiment or let it run on.
 */
export interface ExperimentGuard {
  /** True to abort now: the groups have diverged beyond the hypothesis. */
  shouldAbort(view: GuardView): boolean;
}

/**
 * The naive guard: abort when the experiment's SPS summed over the last `windowBins` bins falls
 * below control's by more than the tolerance. It ignores noise, so small groups trip it by chance.
 *
 * @example
 * naiveGuard(2).shouldAbort({ controlSps: [10, 10], experimentSps: [5, 5], hypothesis: { tolerancePct: 10 }, binMs: 1000 }) // true
 */
export function naiveGuard(windowBins = 5): ExperimentGuard {
  const w = checkNumber("guard.windowBins", windowBins, { min: 1, max: 1000, integer: true });
  return {
    shouldAbort({ controlSps, experimentSps, hypothesis }) {
      const n = Math.min(w, controlSps.length, experimentSps.length);
      if (n < w) return false;
      let c = 0;
      let e = 0;
      for (let i = 1; i <= n; i++) {
        c += controlSps[controlSps.length - i] ?? 0;
        e += experimentSps[experimentSps.length - i] ?? 0;
      }
      return e < c * (1 - hypothesis.tolerancePct / 100);
    },
  };
}

/**
 * Checks a hypothesis: an experiment without one is refused.
 *
 * @example
 * checkHypothesis({ tolerancePct: 5 }).tolerancePct // 5
 */
export function checkHypothesis(h: Hypothesis | undefined, path = "experiment.hypothesis"): Hypothesis {
  if (h === null || typeof h !== "object")
    throw new SimConfigError(path, h, "a steady-state hypothesis { tolerancePct }");
  checkNumber(`${path}.tolerancePct`, h.tolerancePct, { min: 0, max: 100 });
  return h;
}

/**
 * Checks a guard: an object with a `shouldAbort` function.
 *
 * @example
 * checkGuard(naiveGuard()) !== undefined // true
 */
export function checkGuard(g: ExperimentGuard, path = "experiment.guard"): ExperimentGuard {
  if (g === null || typeof g !== "object" || typeof g.shouldAbort !== "function")
    throw new SimConfigError(path, g, "an object with shouldAbort(view)");
  return g;
}
