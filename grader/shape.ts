// Shapes validate data on arrival from the lab runner: a learner's function that returns a
// string where a number belongs fails with "expected a number at $.p99, got string", before any
// assertion can misread it. A shape is also the static type the check body receives.

/** Checks one value and returns it typed, or throws ShapeError naming the path. */
export interface Shape<T> {
  readonly describe: string;
  parse(value: unknown, path?: string): T;
}

/** What arrived does not have the declared shape. */
export class ShapeError extends Error {
  constructor(
    readonly path: string,
    readonly expected: string,
    readonly observed: unknown,
  ) {
    super(`expected ${expected} at ${path}, got ${show(observed)}`);
  }
}

/** Short, readable rendering of observed data for feedback (never more than ~200 chars). */
export function show(value: unknown): string {
  if (value === undefined) return "undefined";
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  let text: string;
  try {
    text = JSON.stringify(value, (_key, v) => (typeof v === "number" && !Number.isFinite(v) ? String(v) : v));
  } catch {
    text = String(value);
  }
  if (text === undefined) text = String(value);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

function make<T>(describe: string, check: (value: unknown, path: string) => T): Shape<T> {
  return { describe, parse: (value, path = "$") => check(value, path) };
}

/** Any finite number (NaN and infinities are rejected: they are never a right answer). */
export function number(): Shape<number> {
  return make("a finite number", (value, path) => {
    if (typeof value !== "number" || !Number.isFinite(value)) throw new ShapeError(path, "a finite number", value);
    return value;
  });
}

/** An integer. */
export function integer(): Shape<number> {
  return make("an integer", (value, path) => {
    if (!Number.isInteger(value)) throw new ShapeError(path, "an integer", value);
    return value as number;
  });
}

export function string(): Shape<string> {
  return make("a string", (value, path) => {
    if (typeof value !== "string") throw new ShapeError(path, "a string", value);
    return value;
  });
}

export function boolean(): Shape<boolean> {
  return make("true or false", (value, path) => {
    if (typeof value !== "boolean") throw new ShapeError(path, "true or false", value);
    return value;
  });
}

/** One of the listed strings or numbers. */
export function oneOf<const V extends string | number>(options: readonly V[]): Shape<V> {
  const describe = `one of ${options.map((o) => JSON.stringify(o)).join(", ")}`;
  return make(describe, (value, path) => {
    if (!options.includes(value as V)) throw new ShapeError(path, describe, value);
    return value as V;
  });
}

/** An array of items of one shape, at most `maxLength` long. */
export function array<T>(item: Shape<T>, maxLength = 100_000): Shape<T[]> {
  const describe = `an array of ${item.describe}`;
  return make(describe, (value, path) => {
    if (!Array.isArray(value)) throw new ShapeError(path, describe, value);
    if (value.length > maxLength) throw new ShapeError(path, `at most ${maxLength} items`, `${value.length} items`);
    return value.map((v, i) => item.parse(v, `${path}[${i}]`));
  });
}

/** An object with exactly these fields (extra fields are an error: they hint at a wrong model). */
export function object<F extends Record<string, Shape<unknown>>>(
  fields: F,
): Shape<{ [K in keyof F]: F[K] extends Shape<infer T> ? T : never }> {
  const describe = `an object with ${Object.keys(fields).join(", ")}`;
  return make(describe, (value, path) => {
    if (value === null || typeof value !== "object" || Array.isArray(value))
      throw new ShapeError(path, describe, value);
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (!(key in fields)) throw new ShapeError(`${path}.${key}`, "absent (no such field)", record[key]);
    }
    const out: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(fields)) out[key] = field.parse(record[key], `${path}.${key}`);
    return out as { [K in keyof F]: F[K] extends Shape<infer T> ? T : never };
  });
}

/** A value that may also be null. */
export function nullable<T>(inner: Shape<T>): Shape<T | null> {
  return make(`${inner.describe} or null`, (value, path) => (value === null ? null : inner.parse(value, path)));
}

/** Accepts whatever plain data arrived; use when the assertion itself checks the shape. */
export function anything(): Shape<unknown> {
  return make("any value", (value) => value);
}
