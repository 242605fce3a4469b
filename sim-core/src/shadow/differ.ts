import type { ResponseRecord } from "./responses.js";

/** Compares two responses and names the fields that differ (order follows the first record). */
export interface ResponseDiffer {
  readonly name: string;
  diff(a: ResponseRecord, b: ResponseRecord): string[];
}

/**
 * Field by field, lists in order: every field that is not identical is a difference.
 *
 * @example
 * exactDiffer.diff({ a: 1, s: ["x", "y"] }, { a: 1, s: ["y", "x"] }) // ['s']
 */
export const exactDiffer: ResponseDiffer = {
  name: "exact",
  diff: (a, b) => fieldsOf(a, b).filter((f) => !same(a[f], b[f], false)),
};

/**
 * Like `exactDiffer`, but the named fields are sets: their order does not count.
 *
 * @example
 * setAwareDiffer(["s"]).diff({ s: ["x", "y"] }, { s: ["y", "x"] }) // []
 */
export function setAwareDiffer(setFields: readonly string[]): ResponseDiffer {
  const sets = new Set(setFields);
  return {
    name: `set-aware (${setFields.join(", ")})`,
    diff: (a, b) => fieldsOf(a, b).filter((f) => !same(a[f], b[f], sets.has(f))),
  };
}

function fieldsOf(a: ResponseRecord, b: ResponseRecord): string[] {
  const fields = Object.keys(a);
  for (const f of Object.keys(b)) if (!(f in a)) fields.push(f);
  return fields;
}

function same(x: ResponseRecord[string] | undefined, y: ResponseRecord[string] | undefined, asSet: boolean): boolean {
  if (Array.isArray(x) && Array.isArray(y)) {
    if (x.length !== y.length) return false;
    if (asSet) {
      const members = new Set<string>(x);
      return (y as readonly string[]).every((v) => members.has(v));
    }
    return x.every((v, i) => v === y[i]);
  }
  return x === y;
}
