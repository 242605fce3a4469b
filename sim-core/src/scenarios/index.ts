export {
  defineScenario,
  type ParamSpec,
  type ParamValues,
  type Scenario,
  type ScenarioResultBase,
  validateParams,
} from "./scenario.js";
