import { couplings, deployUnits, FAT_INTERFACE_KB } from "./analysis.js";
import { checkDecomposition, type Decomposition } from "./decomposition.js";
import type { DeployUnit } from "./delivery.js";
import type { Monolith } from "./model.js";

/**
 * The deploy units of a decomposition: services tied by a shared table or a fat interface
 * deploy together, with the modules they run.
 *
 * @example
 * deployUnitsOf(NETFLIX_MONOLITH, NETFLIX_DISTRIBUTED_MONOLITH).map((u) => u.services.length) // [1, 3]
 */
export function deployUnitsOf(monolith: Monolith, d: Decomposition, fatKb = FAT_INTERFACE_KB): DeployUnit[] {
  const cut = checkDecomposition(monolith, d);
  return deployUnits(cut.services, couplings(monolith, cut, fatKb)).map((services) => ({
    services,
    modules: services.flatMap((s) => d.services[s] ?? []),
  }));
}
