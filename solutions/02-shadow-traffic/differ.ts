// Lab 02: shadow traffic. Part 3, the response differ.
//
// Diffy sends every request to three instances: the primary (old code), a secondary (the same old
// code on another machine) and the candidate (new code). Some fields differ between any two
// instances whatever the code: timestamps, request ids, the iteration order of a set, a score
// read from a stale cache. Differences between primary and secondary are noise; differences
// between candidate and primary are raw. A field is a regression only when its raw differences
// clearly outnumber its noise.
//
// Do not change the exported names or the types: the grader calls `createDiffer()` once per run,
// gives it every exchange with `add`, then reads `report()`.

import type { Exchange, ResponseRecord } from "sim-core";

/** Fields whose lists are sets: their order is the JVM's hash iteration order, not content. */
const SET_FIELDS = new Set(["genreSet"]);
/** Diffy's defaults (twitter/diffy, DiffyServiceModule.scala): `threshold.relative` 20, `threshold.absolute` 0.03, in percent. */
const RELATIVE_THRESHOLD_PERCENT = 20;
const ABSOLUTE_THRESHOLD_PERCENT = 0.03;

/** A differ that counts as it goes and reports `endpoint.field` keys. */
export interface ShadowDiffer {
  add(x: Exchange): void;
  report(): string[];
}

type Value = ResponseRecord[string] | undefined;

/** Lists compare in order, except set fields, which compare as sets; scalars by value. */
function same(field: string, x: Value, y: Value): boolean {
  if (Array.isArray(x) && Array.isArray(y)) {
    if (x.length !== y.length) return false;
    if (SET_FIELDS.has(field)) {
      const members = new Set<string>(x as readonly string[]);
      return (y as readonly string[]).every((v) => members.has(v));
    }
    return x.every((v, i) => v === y[i]);
  }
  return x === y;
}

/**
 * Diffy's counting: per endpoint, the exchanges seen; per endpoint and field, raw differences
 * (candidate vs primary) and noise (primary vs secondary). Nothing of the responses is kept, so
 * a long run costs only counters.
 */
export function createDiffer(): ShadowDiffer {
  const totals = new Map<string, number>();
  const counts = new Map<string, { raw: number; noise: number }>();
  const row = (key: string) => {
    let r = counts.get(key);
    if (r === undefined) counts.set(key, (r = { raw: 0, noise: 0 }));
    return r;
  };
  return {
    add(x) {
      totals.set(x.requestType, (totals.get(x.requestType) ?? 0) + 1);
      const fields = new Set([...Object.keys(x.primary), ...Object.keys(x.candidate), ...Object.keys(x.secondary)]);
      for (const f of fields) {
        const r = row(`${x.requestType}.${f}`);
        if (!same(f, x.candidate[f], x.primary[f])) r.raw++;
        if (!same(f, x.primary[f], x.secondary[f])) r.noise++;
      }
    },
    report() {
      const reported: string[] = [];
      for (const [key, { raw, noise }] of counts) {
        const total = totals.get(key.slice(0, key.indexOf("."))) ?? 0;
        const gap = raw - noise;
        // Raw must beat noise by a clear share of all differences seen in the field (relative)
        // and by a share of all the endpoint's requests (absolute), as in Diffy's filter.
        const relative = raw + noise === 0 ? 0 : (gap / (raw + noise)) * 100;
        const absolute = total === 0 ? 0 : (gap / total) * 100;
        if (gap > 0 && relative > RELATIVE_THRESHOLD_PERCENT && absolute > ABSOLUTE_THRESHOLD_PERCENT) {
          reported.push(key);
        }
      }
      return reported.sort();
    },
  };
}
