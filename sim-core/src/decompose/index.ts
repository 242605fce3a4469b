export {
  CHATTY_CALLS_PER_REQUEST,
  type Coupling,
  chattyPairs,
  couplings,
  deployUnits,
  FAT_INTERFACE_KB,
  type ModulePair,
  modulePairs,
} from "./analysis.js";
export { checkMonolith } from "./check-monolith.js";
export {
  type Cut,
  checkDecomposition,
  type Decomposition,
  type DecompositionStrategy,
  monolithDecomposition,
  oneServicePerModule,
  serviceEdges,
} from "./decomposition.js";
export {
  type DecompositionMetrics,
  type MeasureOptions,
  measureDecomposition,
  type RequestMetrics,
} from "./measure.js";
export {
  type ModuleCall,
  type ModuleSpec,
  type Monolith,
  moduleByName,
  type RequestType,
  requestShares,
  SHARED_DATABASE,
} from "./model.js";
export { NETFLIX_BOUNDED_CONTEXTS, NETFLIX_DISTRIBUTED_MONOLITH, NETFLIX_MONOLITH } from "./netflix.js";
export { networkFor, PLACEMENTS, type Placement, placeNodes } from "./placement.js";
export { type CostModel, type PlannedNode, planRequest } from "./plan.js";
export { batchBuckets, type DeliveryMetrics, deliveryMetrics } from "./delivery-metrics.js";
export { DEPLOY_MODES, type DeliveryOptions, type DeployMode, type DeployUnit, simulateDelivery } from "./delivery.js";
export { type BlastRadiusRow, blastRadius } from "./blast-radius.js";
export { deployUnitsOf } from "./deploy-units.js";
export { evaluateSteps, type StranglerStep, type StranglerStepMetrics } from "./strangler.js";
export { generateMonolith } from "./generate.js";
export { NETFLIX_STRANGLER_STEPS } from "./netflix-steps.js";
