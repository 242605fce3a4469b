// Lab 04, part 1: the experiment guard (solution).
//
// After every bin the guard sees both groups' stream starts per second so far and the steady-state
// hypothesis. Each group is a few thousand customers picked at random, so even with no fault at
// all their starts differ by chance: a guard that compares the last few seconds against the
// tolerance aborts harmless experiments (and stops Netflix learning anything), and a guard that
// waits for certainty lets a real outage hurt customers. A sequential test on counts weighs the
// evidence bin by bin and stops as soon as it is strong enough.

import type { ExperimentGuard, GuardView } from "sim-core";

/**
 * How strong the evidence must be before aborting: a log-likelihood ratio of ln(1000). With no
 * harm, CUSUM then runs on average at least e^ln(1000) = 1000 bins before a false alarm (the
 * classic bound on its in-control run length), so an experiment of 10 or 15 bins is stopped by
 * noise alone in only a small fraction of runs.
 */
export const ABORT_LOG_LIKELIHOOD = Math.log(1000);

/**
 * A CUSUM test on the two groups' start counts. Starts are Poisson; given the total starts of a
 * bin, the experiment's share of them is binomial: one half when both groups start streams at the
 * same rate, and (1 - t) / (2 - t) when the experiment has lost exactly the tolerance t. Each bin
 * adds the log-likelihood ratio of those two hypotheses to a running sum that never drops below
 * zero (so a calm start of the run cannot hide a fault that comes later); the guard aborts when
 * the sum reaches ABORT_LOG_LIKELIHOOD.
 */
export function createGuard(): ExperimentGuard {
  let score = 0;
  let seen = 0;
  return {
    shouldAbort(view: GuardView): boolean {
      const { controlSps, experimentSps, hypothesis, binMs } = view;
      const tolerance = hypothesis.tolerancePct / 100;
      // With no tolerance, any shortfall is a breach: test against a 1% loss rather than divide by zero.
      const t = Math.min(Math.max(tolerance, 0.01), 0.99);
      const pHarm = (1 - t) / (2 - t);
      const stepExperiment = Math.log(pHarm / 0.5);
      const stepControl = Math.log((1 - pHarm) / 0.5);
      // The view holds every bin so far; fold in the ones not seen yet.
      const n = Math.min(controlSps.length, experimentSps.length);
      for (; seen < n; seen++) {
        // Back from starts per second to starts in the bin: the counts are what is Poisson.
        const control = ((controlSps[seen] ?? 0) * binMs) / 1000;
        const experiment = ((experimentSps[seen] ?? 0) * binMs) / 1000;
        score = Math.max(0, score + experiment * stepExperiment + control * stepControl);
      }
      return score >= ABORT_LOG_LIKELIHOOD;
    },
  };
}
