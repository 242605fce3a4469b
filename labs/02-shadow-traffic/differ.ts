// Lab 02: shadow traffic. Part 3, the response differ.
//
// Diffy sends every request to three instances: the primary (old code), a secondary (the same old
// code on another machine) and the candidate (new code), and compares their answers field by
// field. The code below compares candidate and primary exactly and reports a field when it
// differs in more than half of the requests: it reports timestamps and ids (which differ on every
// answer) and misses a bug that hits a few customers. It runs, and it fails every differ check.
//
// Do not change the exported names or the types: the grader calls `createDiffer()` once per run,
// gives it every exchange with `add`, then reads `report()`.

import type { Exchange, ResponseRecord } from "sim-core";

/** A differ that counts as it goes and reports `endpoint.field` keys. */
export interface ShadowDiffer {
  add(x: Exchange): void;
  /** `endpoint.field` keys (e.g. "movieList.titles") of the fields with a regression. */
  report(): string[];
}

type Value = ResponseRecord[string] | undefined;

/** Whether two values of `field` are the same. */
function same(field: string, x: Value, y: Value): boolean {
  // TODO 1: one field is a set (see README.md): its order carries no meaning.
  void field;
  if (Array.isArray(x) && Array.isArray(y)) return x.length === y.length && x.every((v, i) => v === y[i]);
  return x === y;
}

export function createDiffer(): ShadowDiffer {
  const totals = new Map<string, number>();
  const raw = new Map<string, number>();
  return {
    add(x) {
      totals.set(x.requestType, (totals.get(x.requestType) ?? 0) + 1);
      for (const f of Object.keys(x.primary)) {
        const key = `${x.requestType}.${f}`;
        if (!same(f, x.candidate[f], x.primary[f])) raw.set(key, (raw.get(key) ?? 0) + 1);
      }
      // TODO 2: count the noise too: how often primary and secondary (same code) differ.
    },
    report() {
      // TODO 3: report a field when its raw differences clearly outnumber its noise, not when
      //         they are frequent (Diffy's thresholds: see README.md).
      return [...raw]
        .filter(([key, n]) => n > 0.5 * (totals.get(key.slice(0, key.indexOf("."))) ?? 0))
        .map(([key]) => key)
        .sort();
    },
  };
}
