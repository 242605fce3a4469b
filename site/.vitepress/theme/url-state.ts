// A simulation's state lives in the page URL (`?queueing.seed=7&queueing.servers=2`), so a
// copied link replays the same run. Keys are prefixed so several simulations share one page.
import type { ParamSpec, ParamValues, Seed } from "sim-core";

export interface RunState {
  values: ParamValues;
  seed: Seed;
}

/** Reads a seed typed by a person: digits become a number, anything else stays a string seed. */
export function parseSeed(text: string): Seed {
  const trimmed = text.trim();
  return /^-?\d{1,15}$/.test(trimmed) ? Number(trimmed) : trimmed;
}

/**
 * Reads `prefix.name` entries from a query string into raw values. Values are converted by the
 * schema's kind but not range-checked: the scenario's own validation reports a bad link.
 */
export function readState(
  search: string,
  prefix: string,
  schema: Readonly<Record<string, ParamSpec>>,
  initial: RunState,
): RunState {
  const query = new URLSearchParams(search);
  const values: ParamValues = { ...initial.values };
  for (const [name, spec] of Object.entries(schema)) {
    const raw = query.get(`${prefix}.${name}`);
    if (raw === null) continue;
    if (spec.kind === "number") values[name] = raw.trim() === "" ? Number.NaN : Number(raw);
    else if (spec.kind === "boolean") values[name] = raw === "true" ? true : raw === "false" ? false : raw;
    else values[name] = raw;
  }
  const seedText = query.get(`${prefix}.seed`);
  return { values, seed: seedText === null ? initial.seed : parseSeed(seedText) };
}

/** Writes the state into a query string, keeping other keys; defaults are left out to keep links short. */
export function writeState(search: string, prefix: string, state: RunState, defaults: RunState): string {
  const query = new URLSearchParams(search);
  for (const key of [...query.keys()]) if (key.startsWith(`${prefix}.`)) query.delete(key);
  if (state.seed !== defaults.seed) query.set(`${prefix}.seed`, String(state.seed));
  for (const [name, value] of Object.entries(state.values)) {
    if (value !== defaults.values[name]) query.set(`${prefix}.${name}`, String(value));
  }
  const text = query.toString();
  return text ? `?${text}` : "";
}
