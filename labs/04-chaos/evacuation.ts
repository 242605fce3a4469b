// Lab 04, part 3: the region evacuation plan (Chaos Kong).
//
// US traffic runs from two regions. When one fails (or is drained in a Chaos Kong drill), its
// customers must move to the other, which has to serve them: new instances take minutes to
// provision, start and warm up, and the moved customers' data is not yet in its caches, so each
// of their requests costs more at first. The plan below keeps nothing ready and moves everything
// the moment the operators decide: the receiving region drowns. It runs, and it fails every
// graded evacuation check.
//
// Do not change the exported name or the types: the grader calls `createPlan()` once per run and
// plugs the plan into the regionEvacuation scenario, which asks `shiftPct(view)` every 10 s step
// from the decision on.

import type { EvacuationPlan, EvacuationView } from "sim-core";

export function createPlan(): EvacuationPlan {
  return {
    // TODO 1: how much warm capacity should each region keep ready on top of its own needs, in %
    //         of its own evening peak? Too little and you wait for new instances; more than
    //         another region's whole peak is paid for and never used.
    readyCapacityPct: 0,
    shiftPct(view: EvacuationView): number {
      // TODO 2: move the failed region's customers as fast as the receiving region can serve
      //         them: compare its capacity with its own demand, the customers already moved
      //         (`movedCostFactor`) and the next ones, whose caches are cold (`coldCostFactor`).
      //         Answer the share moved so far (0-100); it may only grow.
      void view;
      return 100;
    },
  };
}
