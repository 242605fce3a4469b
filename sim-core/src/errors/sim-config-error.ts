/**
 * Thrown for any impossible configuration value. The message names the field path, the value
 * and the allowed range, so a learner can fix the input without reading the simulator.
 *
 * @example
 * new SimConfigError("retry.maxAttempts", -1, "an integer from 1 to 10").message
 * // 'invalid retry.maxAttempts: -1 (allowed: an integer from 1 to 10)'
 */
export class SimConfigError extends Error {
  readonly path: string;
  readonly value: unknown;
  readonly allowed: string;

  constructor(path: string, value: unknown, allowed: string) {
    super(`invalid ${path}: ${formatValue(value)} (allowed: ${allowed})`);
    this.name = "SimConfigError";
    this.path = path;
    this.value = value;
    this.allowed = allowed;
  }
}

/**
 * Renders a value for an error message: strings quoted, objects as short JSON.
 *
 * @example
 * formatValue("ONE") // '"ONE"'
 */
export function formatValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean" || value == null) return String(value);
  if (typeof value === "function") return "a function";
  try {
    const text = JSON.stringify(value);
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
  } catch {
    return String(value);
  }
}
