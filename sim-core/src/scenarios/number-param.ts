import type { NumberParamSpec } from "./param-schema.js";

/**
 * A number control in a scenario's schema, written in one line: label, description, default,
 * range, slider step, unit (optional) and whether only whole numbers are allowed.
 *
 * @example
 * numberParam("Rate", "Requests per second.", 20, 1, 200, 1, "req/s").max // 200
 */
export function numberParam(
  label: string,
  description: string,
  defaultValue: number,
  min: number,
  max: number,
  step: number,
  unit?: string,
  integer = false,
): NumberParamSpec {
  return {
    kind: "number",
    label,
    description,
    default: defaultValue,
    min,
    max,
    step,
    integer,
    ...(unit ? { unit } : {}),
  };
}
