import { checkDecomposition, type Decomposition } from "./decomposition.js";
import { type MeasureOptions, measureDecomposition } from "./measure.js";
import { type Monolith, SHARED_DATABASE } from "./model.js";

/** Availability per request type while one service (or the shared database) is down. */
export interface BlastRadiusRow {
  failure: string;
  /** Request type → share answered (fallbacks included). */
  availability: Record<string, number>;
  /** Mix-weighted availability. */
  mix: number;
}

/**
 * Fails each service in turn, then the shared database if any table is still in it, and
 * measures every request type. Hop errors are off, so each row shows only that failure.
 *
 * @example
 * const m = { name: "m", tables: ["t"], requests: [{ name: "r", share: 1, entry: "web", calls: [] }], modules: [{ name: "web", workMs: 1, reads: ["t"], writes: ["t"], critical: true, layer: 0 }] };
 * const o = { seed: 1, instances: 1, placement: "one-zone", crossZoneMs: 1, crossRegionMs: 41.5, requestsPerType: 5, ratePerSec: 10, failure: "none", inProcessCallMs: 0, serializationMsPerKb: 0, queryMs: 1, hopErrorRate: 0 };
 * blastRadius(m, monolithDecomposition(m), o).map((r) => r.mix) // [0, 0]
 */
export function blastRadius(
  monolith: Monolith,
  d: Decomposition,
  o: Omit<MeasureOptions, "failure">,
): BlastRadiusRow[] {
  const cut = checkDecomposition(monolith, d);
  const targets = [...cut.services];
  if ([...cut.storeOf.values()].includes(SHARED_DATABASE)) targets.push(SHARED_DATABASE);
  return targets.map((failure) => {
    const m = measureDecomposition(monolith, d, { ...o, hopErrorRate: 0, failure });
    return {
      failure,
      availability: Object.fromEntries(m.requests.map((r) => [r.name, r.availability])),
      mix: m.mix.availability,
    };
  });
}
