export {
  defineScenario,
  validateParams,
  type ParamSpec,
  type ParamValues,
  type Scenario,
  type ScenarioResultBase,
} from "./scenario.js";
export { queueing, type QueueingResult } from "./queueing.js";
export { fanOut, type FanOutResult } from "./fan-out.js";
export { getScenario, scenarios, type AnyScenario } from "./registry.js";
