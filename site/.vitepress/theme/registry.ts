// Registers every scenario of sim-core's registry with the site. Scenarios without views of
// their own get charts drawn from their result's row arrays (see auto-charts.ts).
import { scenarios } from "sim-core";
import { registerScenario } from "./catalog.js";

for (const scenario of Object.values(scenarios)) registerScenario({ scenario });
