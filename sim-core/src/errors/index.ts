export { formatValue, SimConfigError } from "./sim-config-error.js";
export {
  checkArray,
  checkBoolean,
  checkFunction,
  checkNumber,
  checkOneOf,
  describeRange,
  type NumberRange,
} from "./validate.js";
