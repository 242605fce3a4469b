// Registers every scenario of sim-core's registry with the site, with the views its author
// listed in sim-core/src/viz/catalog.ts.
import { scenarios, viewsFor } from "sim-core";
import { registerScenario } from "./catalog.js";

for (const scenario of Object.values(scenarios)) registerScenario(scenario, viewsFor(scenario));
