import { SimConfigError } from "./sim-config-error.js";

/** Bounds for a numeric parameter; both ends inclusive unless `minExclusive` is set. */
export interface NumberRange {
  min?: number;
  max?: number;
  /** When true the value must be strictly greater than `min` (a rate, a scale). */
  minExclusive?: boolean;
  integer?: boolean;
}

/**
 * Describes a range in the words an error message uses.
 *
 * @example
 * describeRange({ min: 1, max: 10, integer: true }) // 'an integer from 1 to 10'
 */
export function describeRange(range: NumberRange): string {
  const noun = range.integer ? "an integer" : "a number";
  const { min, max, minExclusive } = range;
  if (min !== undefined && max !== undefined) {
    return minExclusive ? `${noun} > ${min} and <= ${max}` : `${noun} from ${min} to ${max}`;
  }
  if (min !== undefined) return `${noun} ${minExclusive ? ">" : ">="} ${min}`;
  if (max !== undefined) return `${noun} <= ${max}`;
  return `a finite ${range.integer ? "integer" : "number"}`;
}

/**
 * Returns `value` if it is a finite number inside `range`, else throws a SimConfigError naming
 * `path`. Never clamps: a learner's mistake must surface, not be silently corrected.
 *
 * @example
 * checkNumber("timeoutMs", 250, { min: 0 }) // 250
 */
export function checkNumber(path: string, value: unknown, range: NumberRange = {}): number {
  const ok =
    typeof value === "number" &&
    Number.isFinite(value) &&
    (!range.integer || Number.isInteger(value)) &&
    (range.min === undefined || (range.minExclusive ? value > range.min : value >= range.min)) &&
    (range.max === undefined || value <= range.max);
  if (!ok) throw new SimConfigError(path, value, describeRange(range));
  return value as number;
}

/**
 * Returns `value` if it is one of `allowed`, else throws naming the choices.
 *
 * @example
 * checkOneOf("retryTarget", "same", ["same", "different"] as const) // 'same'
 */
export function checkOneOf<T extends string>(path: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) {
    throw new SimConfigError(path, value, `one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}`);
  }
  return value as T;
}

/**
 * Returns `value` if it is a boolean.
 *
 * @example
 * checkBoolean("deadlinePropagation", true) // true
 */
export function checkBoolean(path: string, value: unknown): boolean {
  if (typeof value !== "boolean") throw new SimConfigError(path, value, "true or false");
  return value;
}

/**
 * Returns `value` if it is a function, for pluggable policies.
 *
 * @example
 * typeof checkFunction("policy.decide", () => 1) // 'function'
 */
export function checkFunction<T extends (...args: never[]) => unknown>(path: string, value: unknown): T {
  if (typeof value !== "function") throw new SimConfigError(path, value, "a function");
  return value as T;
}

/**
 * Returns `value` if it is a non-empty array, for lists such as weights or samples.
 *
 * @example
 * checkArray("weights", [1, 2]).length // 2
 */
export function checkArray<T>(path: string, value: unknown, minLength = 1): T[] {
  if (!Array.isArray(value) || value.length < minLength) {
    throw new SimConfigError(path, value, `an array with at least ${minLength} element${minLength === 1 ? "" : "s"}`);
  }
  return value as T[];
}
