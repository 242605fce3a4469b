import type { Seed } from "../random/index.js";
import {
  checkPresets,
  type ParamSchema,
  type ParamSpec,
  type ParamsOf,
  type ParamValues,
  type Preset,
  validateParams,
} from "./param-schema.js";

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
 * such as a learner's policy object or a custom topology, passed through untouched; `N` names
 * the scenario's presets.
 */
export interface Scenario<
  P extends ParamValues,
  R extends ScenarioResultBase,
  X extends object = object,
  N extends string = string,
> {
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
  /**
   * The story's named parameter sets (`timeoutBudgets.presets.storm`), written once and used by
   * the scenario's test, the lab driver, the notebook and the page. Validated at definition.
   */
  readonly presets: { readonly [K in N]: Preset<P> };
  /** Validates, fills defaults and runs. Throws SimConfigError on any bad value. */
  run(input?: Partial<P> & { seed?: Seed } & Partial<X>): R;
}

/**
 * Builds a scenario from its schema and a body that receives validated, complete parameters.
 * The parameter type is derived from the schema (`as const` keeps a choice's options as a
 * literal union); annotate the body's `extras` to declare the extras it accepts.
 *
 * @example
 * const echo = defineScenario({
 *   id: "echo", title: "Echo", module: 0, summary: "returns its input", defaultSeed: 1,
 *   params: { n: { kind: "number", label: "n", description: "a number", default: 2, min: 0, max: 9, step: 1 } },
 *   presets: { big: { n: 9 } },
 *   body: (p) => ({ seed: p.seed, fingerprint: "0000000000000000", n: p.n }),
 * });
 * echo.run(echo.presets.big).n // 9
 */
export function defineScenario<
  const S extends ParamSchema,
  R extends ScenarioResultBase,
  X extends object = object,
  const N extends string = never,
>(definition: {
  id: string;
  title: string;
  module: number;
  summary: string;
  defaultSeed: Seed;
  params: S;
  presets?: { readonly [K in N]: Preset<ParamsOf<S>> };
  body: (params: ParamsOf<S> & { seed: Seed }, extras: Partial<X>) => R;
}): Scenario<ParamsOf<S>, R, X, N> {
  type P = ParamsOf<S>;
  const defaults = Object.fromEntries(Object.entries(definition.params).map(([key, spec]) => [key, spec.default])) as P;
  const presets = (definition.presets ?? {}) as { readonly [K in N]: Preset<P> };
  checkPresets(definition.id, definition.params, presets);
  return {
    id: definition.id,
    title: definition.title,
    module: definition.module,
    summary: definition.summary,
    params: definition.params as { readonly [K in keyof P]: ParamSpec },
    defaults,
    defaultSeed: definition.defaultSeed,
    presets,
    run(input = {}) {
      const { params, extras } = validateParams(definition.id, definition.params, input as Record<string, unknown>);
      const seed = (input as { seed?: Seed }).seed ?? definition.defaultSeed;
      return definition.body({ ...(params as P), seed }, extras as Partial<X>);
    },
  };
}
