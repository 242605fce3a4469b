// Lab 04, part 3: the region evacuation plan (Chaos Kong), solution.
//
// Nimble's lesson: keep capacity ready so nobody waits for instances to boot, and move traffic
// as fast as the receiving region can take it, no faster. Moving everything at once looks
// fastest, but the moved customers' caches are cold: each of their requests costs more until
// the caches fill, and a region that is full to its ready capacity overloads on that extra work.

import type { EvacuationPlan, EvacuationView } from "sim-core";

/**
 * Room kept free for the demand's noise: each step's demand may be a few percent off what the
 * last step showed.
 */
const HEADROOM = 0.97;

export function createPlan(): EvacuationPlan {
  return {
    // Enough ready to serve the other region's whole evening peak at full speed, and no more:
    // anything above 100% is never needed, since the receiving region scales up behind it.
    readyCapacityPct: 100,
    shiftPct(view: EvacuationView): number {
      // Work the receiving region already carries: its own customers, and the moved ones at
      // their current (still partly cold) cost.
      const moved = (view.failedRegionDemandPerSec * view.shiftedPct) / 100;
      const carried = view.ownDemandPerSec + moved * view.movedCostFactor;
      const room = Math.max(0, HEADROOM * view.capacityPerSec - carried);
      // Each newly moved percent of the failed region costs its demand at the cold-cache price.
      const coldPerPct = (view.failedRegionDemandPerSec * view.coldCostFactor) / 100;
      const more = coldPerPct > 0 ? room / coldPerPct : 100;
      return Math.min(100, view.shiftedPct + more);
    },
  };
}
