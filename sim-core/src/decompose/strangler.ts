import type { Decomposition } from "./decomposition.js";
import { type DeliveryOptions, simulateDelivery } from "./delivery.js";
import type { DeliveryMetrics } from "./delivery-metrics.js";
import { deployUnitsOf } from "./deploy-units.js";
import { type DecompositionMetrics, type MeasureOptions, measureDecomposition } from "./measure.js";
import type { Monolith } from "./model.js";

/** One step of a migration: a name, and the decomposition once the step is done. */
export interface StranglerStep {
  name: string;
  decomposition: Decomposition;
}

export interface StranglerStepMetrics {
  name: string;
  services: number;
  /** Tables still in the shared database. */
  sharedTables: number;
  latency: DecompositionMetrics["mix"];
  delivery: Pick<DeliveryMetrics, "leadTimeHours" | "deploysPerDay" | "rolledBackShare">;
}

/**
 * Evaluates a strangler-fig migration step by step: latency, availability and remote calls on
 * the rpc floor, delivery speed with independent deploys of each step's deploy units (a step
 * that is still one service ships by train).
 *
 * @example
 * const m = { name: "m", tables: ["t"], requests: [{ name: "r", share: 1, entry: "web", calls: [] }], modules: [{ name: "web", workMs: 1, reads: ["t"], writes: ["t"], critical: true, layer: 0 }] };
 * const o = { seed: 1, instances: 1, placement: "one-zone", crossZoneMs: 1, crossRegionMs: 41.5, requestsPerType: 5, ratePerSec: 10, failure: "none", inProcessCallMs: 0, serializationMsPerKb: 0, queryMs: 1, hopErrorRate: 0 };
 * const d = { seed: 1, mode: "train", days: 28, teams: 1, changesPerTeamPerDay: 1, badChangeProbability: 0, catchProbability: 1, trainPeriodDays: 14, qaDays: 3, pipelineHours: 1, fixHours: 24, rollbackMinutesPerModule: 10 };
 * evaluateSteps(m, [{ name: "as is", decomposition: monolithDecomposition(m) }], o, d)[0].services // 1
 */
export function evaluateSteps(
  monolith: Monolith,
  steps: readonly StranglerStep[],
  measure: MeasureOptions,
  delivery: DeliveryOptions,
): StranglerStepMetrics[] {
  return steps.map((step) => {
    const m = measureDecomposition(monolith, step.decomposition, measure);
    const units = deployUnitsOf(monolith, step.decomposition);
    const services = Object.keys(step.decomposition.services).length;
    const mode = services === 1 ? "train" : "independent";
    const d = simulateDelivery(units, { ...delivery, mode });
    return {
      name: step.name,
      services,
      sharedTables: Object.values(step.decomposition.tables).filter((t) => t === "oracle").length,
      latency: m.mix,
      delivery: { leadTimeHours: d.leadTimeHours, deploysPerDay: d.deploysPerDay, rolledBackShare: d.rolledBackShare },
    };
  });
}
