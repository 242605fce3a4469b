// Lab 04, part 1: the experiment guard.
//
// A ChAP experiment sends a small share of customers to a control group and an equally small
// share to an experiment group, injects the fault into the experiment group only and compares
// the two groups' stream starts per second (SPS). After every bin (one second) the guard decides
// whether to stop the experiment. Stop too late and real customers lose their streams; stop on
// noise and Netflix learns nothing (and stops trusting its chaos tools).
//
// Write `createGuard` (see README.md). The code below runs, never aborts, and fails every graded
// guard check.
//
// Do not change the exported name or the types: the grader calls `createGuard()` once per
// experiment and plugs the guard into the chaosExperiment scenario.

import type { ExperimentGuard, GuardView } from "sim-core";

/**
 * A fresh guard for one experiment. `shouldAbort(view)` is called after every bin with every bin
 * so far: `view.controlSps[i]` and `view.experimentSps[i]` are the groups' stream starts per
 * second in bin i, `view.binMs` the bin's width and `view.hypothesis.tolerancePct` how far below
 * control the experiment may fall (10 means 10%).
 */
export function createGuard(): ExperimentGuard {
  // TODO 1: keep what you need between bins here (the guard is called after every bin, in order).
  return {
    shouldAbort(view: GuardView): boolean {
      // TODO 2: turn starts per second back into starts per bin: counts are what is random, and
      //         with no fault the two groups' counts differ only as two Poisson draws do.
      // TODO 3: weigh the evidence that the experiment starts fewer streams than control by more
      //         than the tolerance, bin by bin, and abort once it is strong enough. Compare the
      //         last few seconds with the tolerance and you abort on noise; wait for the end
      //         and customers pay.
      void view;
      return false;
    },
  };
}
