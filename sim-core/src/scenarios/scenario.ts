import { checkBoolean, checkNumber, checkOneOf, SimConfigError } from "../errors/index.js";
import type { Seed } from "../random/index.js";

/**
 * One control of a scenario: what a site slider or select shows, what a notebook may pass, and
 * what validation enforces. Schemas hold only plain data so they travel in URLs and JSON.
 */
export type ParamSpec =
  | {
      kind: "number";
      label: string;
      description: string;
      default: number;
      min: number;
      max: number;
      /** Slider step; validation does not require multiples of it. */
      step: number;
      /** Unit shown beside the value, e.g. "ms", "req/s", "%". */
      unit?: string;
      integer?: boolean;
      /** When true the value must be strictly greater than `min`. */
      minExclusive?: boolean;
    }
  | { kind: "choice"; label: string; description: string; default: string; options: readonly string[] }
  | { kind: "boolean"; label: string; description: string; default: boolean };

/** The parameters a schema describes, by field. */
export type ParamValues = Record<string, number | string | boolean>;

/** Every scenario result carries the run's identity, so surfaces can show and compare it. */
export interface ScenarioResultBase {
  seed: Seed;
  /** 16 hex digits; the same seed and parameters give the same fingerprint everywhere. */
  fingerprint: string;
}

/**
 * A module's scenario: one function from documented parameters and a seed to a typed result.
 * The notebook, the site's `Simulation` component and the graded tests all call `run`.
 *
 * `P` holds the schema-described (plain) parameters; `X` holds extras that are not controls,
 * such as a learner's policy object or a custom topology, passed through untouched.
 */
export interface Scenario<P extends ParamValues, R extends ScenarioResultBase, X extends object = object> {
  /** Stable id used in URLs and registries, e.g. "timeoutBudgets". */
  readonly id: string;
  readonly title: string;
  /** Course module number (0–5). */
  readonly module: number;
  readonly summary: string;
  readonly params: { readonly [K in keyof P]: ParamSpec };
  /** The default parameter values, derived from the schema. */
  readonly defaults: P;
  /** Default seed, so every surface shows the same run out of the box. */
  readonly defaultSeed: Seed;
  /** Validates, fills defaults and runs. Throws SimConfigError on any bad value. */
  run(input?: Partial<P> & { seed?: Seed } & Partial<X>): R;
}

/**
 * Builds a scenario from its schema and a body that receives validated, complete parameters.
 *
 * @example
 * const echo = defineScenario({
 *   id: "echo", title: "Echo", module: 0, summary: "returns its input", defaultSeed: 1,
 *   params: { n: { kind: "number", label: "n", description: "a number", default: 2, min: 0, max: 9, step: 1 } },
 *   body: (p) => ({ seed: p.seed, fingerprint: "0000000000000000", n: p.n }),
 * });
 * echo.run({ n: 3 }).n // 3
 */
export function defineScenario<
  P extends ParamValues,
  R extends ScenarioResultBase,
  X extends object = object,
>(definition: {
  id: string;
  title: string;
  module: number;
  summary: string;
  defaultSeed: Seed;
  params: { readonly [K in keyof P]: ParamSpec };
  body: (params: P & { seed: Seed }, extras: Partial<X>) => R;
}): Scenario<P, R, X> {
  const defaults = Object.fromEntries(
    Object.entries(definition.params).map(([key, spec]) => [key, (spec as ParamSpec).default]),
  ) as P;
  return {
    id: definition.id,
    title: definition.title,
    module: definition.module,
    summary: definition.summary,
    params: definition.params,
    defaults,
    defaultSeed: definition.defaultSeed,
    run(input = {}) {
      const { params, extras } = validateParams(definition.id, definition.params, input as Record<string, unknown>);
      const seed = (input as { seed?: Seed }).seed ?? definition.defaultSeed;
      return definition.body({ ...(params as P), seed }, extras as Partial<X>);
    },
  };
}

/**
 * Checks each schema field of `input` (missing ones take their defaults) and splits off the
 * extras. An unknown plain field is an error, so a typo never silently falls back to a default.
 *
 * @example
 * validateParams("demo", { rate: { kind: "number", label: "rate", description: "", default: 1, min: 0, max: 5, step: 1 } }, { rate: 2 }).params
 * // { rate: 2 }
 */
export function validateParams(
  scenarioId: string,
  schema: Readonly<Record<string, ParamSpec>>,
  input: Record<string, unknown>,
  extraKeys: readonly string[] = [],
): { params: ParamValues; extras: Record<string, unknown> } {
  const params: ParamValues = {};
  const extras: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(schema)) {
    const value = input[key] ?? spec.default;
    const path = `${scenarioId}.${key}`;
    if (spec.kind === "number") {
      params[key] = checkNumber(path, value, {
        min: spec.min,
        max: spec.max,
        integer: spec.integer ?? false,
        minExclusive: spec.minExclusive ?? false,
      });
    } else if (spec.kind === "choice") {
      params[key] = checkOneOf(path, value, spec.options);
    } else {
      params[key] = checkBoolean(path, value);
    }
  }
  for (const [key, value] of Object.entries(input)) {
    // An explicit undefined means "not given", as with a missing key (e.g. `policy: maybePolicy`).
    if (key === "seed" || key in schema || value === undefined) continue;
    if ((value !== null && (typeof value === "object" || typeof value === "function")) || extraKeys.includes(key)) {
      extras[key] = value;
    } else {
      throw new SimConfigError(
        `${scenarioId}.${key}`,
        value,
        `a parameter of this scenario: ${Object.keys(schema).join(", ")}`,
      );
    }
  }
  return { params, extras };
}
