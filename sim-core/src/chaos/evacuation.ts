// Region evacuation (Chaos Kong): the table of contents of the evacuation files, so the chaos
// floor's index re-exports them in one line.
export { EvacuationFleet, type FleetCounts, type FleetDelays, type FleetWarmUp } from "./evacuation-fleet.js";
export {
  builtInPlan,
  CLASSIC_PROXY_MS,
  checkPlan,
  checkShiftAnswer,
  classicPlan,
  EVACUATION_PROCEDURES,
  EVACUATION_VIEW_EXAMPLE,
  type EvacuationProcedure,
  MAX_READY_CAPACITY_PCT,
  nimblePlan,
} from "./evacuation-plans.js";
export { type EvacuationRun, runEvacuation } from "./evacuation-run.js";
export { checkEvacuationSpec, delayAround, EVACUATION_DEFAULTS, evacuationSpec } from "./evacuation-spec.js";
export { type EvacuationSummary, summariseEvacuation } from "./evacuation-summary.js";
export {
  EVACUATION_FAILURES,
  EVACUATION_REGIONS,
  type EvacuationFailure,
  type EvacuationPlan,
  type EvacuationSpec,
  type EvacuationStep,
  type EvacuationView,
} from "./evacuation-types.js";
