export type { BuiltModule, CourseModule, PlannedModule, ScenarioEntry } from "./module.js";
export { MODULES } from "./modules.js";
export {
  builtModules,
  getScenario,
  type ScenarioId,
  type ScenarioTable,
  scenarioEntries,
  scenarios,
  views,
  viewsFor,
} from "./catalog.js";
export { labPaths, moduleKey, modulePaths, scenarioTestPath } from "./paths.js";
