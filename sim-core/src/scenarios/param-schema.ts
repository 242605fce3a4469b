import { checkBoolean, checkNumber, checkOneOf, SimConfigError } from "../errors/index.js";
import type { Seed } from "../random/index.js";

/** A number control: a slider on the site, a checked range everywhere. */
export interface NumberParamSpec {
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

/** A choice among named options; `O` keeps the options' literal types when the schema is `as const`. */
export interface ChoiceParamSpec<O extends string = string> {
  kind: "choice";
  label: string;
  description: string;
  default: O;
  options: readonly O[];
}

export interface BooleanParamSpec {
  kind: "boolean";
  label: string;
  description: string;
  default: boolean;
}

/**
 * One control of a scenario: what a site slider or select shows, what a notebook may pass, and
 * what validation enforces. Schemas hold only plain data so they travel in URLs and JSON.
 */
export type ParamSpec = NumberParamSpec | ChoiceParamSpec | BooleanParamSpec;

/** A scenario's controls by field. Write it `as const satisfies ParamSchema` to keep literal options. */
export type ParamSchema = { readonly [field: string]: ParamSpec };

/** The value type one control accepts: a number, one of the choice's options, or a boolean. */
export type ParamValueOf<S extends ParamSpec> = S extends { kind: "number" }
  ? number
  : S extends { kind: "choice"; options: readonly (infer O)[] }
    ? O
    : boolean;

/** The plain parameters a schema describes, derived from it so the two cannot disagree. */
export type ParamsOf<S extends ParamSchema> = { -readonly [K in keyof S]: ParamValueOf<S[K]> };

/** The parameters a schema describes, by field. */
export type ParamValues = Record<string, number | string | boolean>;

/** A named parameter set of a story: some plain parameters and optionally a seed. */
export type Preset<P extends ParamValues> = { readonly [K in keyof P]?: P[K] } & { readonly seed?: Seed };

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
  schema: ParamSchema,
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

/**
 * Checks a scenario's named presets when it is defined, so a bad story setup fails at import
 * rather than on the page that shows it. Errors name `scenarioId.presets.name.field`.
 *
 * @example
 * checkPresets("demo", { n: { kind: "number", label: "n", description: "", default: 1, min: 0, max: 5, step: 1 } }, { big: { n: 5 } })
 * // undefined (no error)
 */
export function checkPresets(
  scenarioId: string,
  schema: ParamSchema,
  presets: Readonly<Record<string, Record<string, unknown>>>,
): void {
  for (const [name, preset] of Object.entries(presets)) {
    const path = `${scenarioId}.presets.${name}`;
    const { extras } = validateParams(path, schema, preset);
    // A preset is plain data (it travels in URLs and page attributes): no policies or objects.
    for (const [key, value] of Object.entries(extras)) {
      throw new SimConfigError(`${path}.${key}`, value, `a plain parameter: ${Object.keys(schema).join(", ")}`);
    }
  }
}
