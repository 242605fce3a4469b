// Pages quote several numbers from the same run; each distinct (scenario, parameters, seed)
// runs once per page load. Runs are pure, so caching cannot change a number.
import type { AnyScenario, ParamValues, ScenarioResultBase, Seed } from "sim-core";

const cache = new Map<string, ScenarioResultBase>();

/** The result of `scenario.run({ ...params, seed })`, computed once per distinct input. */
export function cachedRun(scenario: AnyScenario, params: ParamValues, seed: Seed): ScenarioResultBase {
  const sorted = Object.keys(params)
    .sort()
    .map((k) => [k, params[k]]);
  const key = JSON.stringify([scenario.id, sorted, typeof seed, seed]);
  let result = cache.get(key);
  if (!result) {
    result = scenario.run({ ...params, seed }) as ScenarioResultBase;
    cache.set(key, result);
  }
  return result;
}

/** The number at a dot path of a result ("responseMs.p99"), or an error naming the path. */
export function pickNumber(result: ScenarioResultBase, path: string): number {
  let at: unknown = result;
  for (const part of path.split(".")) {
    at = at !== null && typeof at === "object" ? (at as Record<string, unknown>)[part] : undefined;
  }
  if (typeof at !== "number") throw new Error(`"${path}" is not a number in this result`);
  return at;
}
