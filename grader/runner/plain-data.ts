import { TAG, VALUE_DEPTH_MAX } from "./protocol.js";

/** Raised when a value cannot travel as plain data (a function, a Map, a class instance, ...). */
export class NotPlainDataError extends Error {}

function describe(value: unknown): string {
  if (typeof value === "function") return "a function";
  if (typeof value === "symbol") return "a symbol";
  if (typeof value === "bigint") return "a bigint";
  const proto = Object.getPrototypeOf(value);
  const name = proto?.constructor?.name;
  return typeof name === "string" && name !== "" ? `a ${name}` : "an object with a custom prototype";
}

/**
 * Turns a value into a tree of JSON-safe data, tagging `undefined`, `NaN` and infinities, and
 * refusing anything that is not plain data, so the parent receives facts, not behaviour.
 *
 * @example
 * toPlain({ a: [1, undefined] }) // { a: [1, { __grader_value: "undefined" }] }
 */
export function toPlain(value: unknown, path = "$", depth = 0): unknown {
  if (depth > VALUE_DEPTH_MAX) throw new NotPlainDataError(`nested deeper than ${VALUE_DEPTH_MAX} levels at ${path}`);
  if (value === undefined) return { [TAG]: "undefined" };
  if (value === null || typeof value === "boolean" || typeof value === "string") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : { [TAG]: String(value) };
  if (Array.isArray(value)) return value.map((item, i) => toPlain(item, `${path}[${i}]`, depth + 1));
  if (typeof value === "object") {
    const proto = Object.getPrototypeOf(value);
    if (proto === Object.prototype || proto === null) {
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(value)) {
        out[key] = toPlain((value as Record<string, unknown>)[key], `${path}.${key}`, depth + 1);
      }
      return out;
    }
  }
  throw new NotPlainDataError(
    `${describe(value)} at ${path} is not plain data (use numbers, strings, arrays, objects)`,
  );
}

/**
 * Reverses the tags of `toPlain` after `JSON.parse`.
 *
 * @example
 * fromTagged(JSON.parse('{"__grader_value":"NaN"}')) // NaN
 */
export function fromTagged(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(fromTagged);
  if (value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record);
    if (keys.length === 1 && keys[0] === TAG) {
      const tag = record[TAG];
      if (tag === "undefined") return undefined;
      if (tag === "NaN") return Number.NaN;
      if (tag === "Infinity") return Number.POSITIVE_INFINITY;
      if (tag === "-Infinity") return Number.NEGATIVE_INFINITY;
    }
    const out: Record<string, unknown> = {};
    // defineProperty, not assignment: a key named "__proto__" must stay data, not a prototype.
    for (const key of keys) {
      Object.defineProperty(out, key, {
        value: fromTagged(record[key]),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return value;
}
