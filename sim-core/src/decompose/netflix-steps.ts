import type { Decomposition } from "./decomposition.js";
import { NETFLIX_BOUNDED_CONTEXTS, NETFLIX_MONOLITH } from "./netflix.js";
import type { StranglerStep } from "./strangler.js";

/**
 * Contexts in the order they are strangled out: leaves of the call graph first, so an extracted
 * service only ever calls services extracted before it, never back into the monolith.
 */
const ORDER = ["catalog", "members", "personalization", "playback", "dvd"] as const;

/**
 * The Netflix migration as strangler-fig steps: start from the monolith; for each context in
 * turn, first extract its service behind the API proxy (its tables still in the Oracle), then
 * move its tables into its own store. The last step is the bounded-context split.
 *
 * @example
 * NETFLIX_STRANGLER_STEPS.map((s) => s.name).slice(0, 3)
 * // ['monolith', 'extract catalog', 'catalog owns its data']
 */
export const NETFLIX_STRANGLER_STEPS: readonly StranglerStep[] = (() => {
  const target = NETFLIX_BOUNDED_CONTEXTS;
  const steps: StranglerStep[] = [];
  const extracted: string[] = [];
  const owned: string[] = [];
  const current = (): Decomposition => {
    const moved = new Set(extracted.flatMap((s) => target.services[s] ?? []));
    const rest = NETFLIX_MONOLITH.modules.map((m) => m.name).filter((m) => !moved.has(m));
    return {
      services: {
        ...(rest.length > 0 ? { monolith: rest } : {}),
        ...Object.fromEntries(extracted.map((s) => [s, target.services[s] ?? []])),
      },
      tables: Object.fromEntries(
        NETFLIX_MONOLITH.tables.map((t) => {
          const owner = target.tables[t] as string;
          return [t, owned.includes(owner) ? owner : "oracle"];
        }),
      ),
    };
  };
  steps.push({ name: "monolith", decomposition: current() });
  for (const context of ORDER) {
    extracted.push(context);
    steps.push({ name: `extract ${context}`, decomposition: current() });
    owned.push(context);
    steps.push({ name: `${context} owns its data`, decomposition: current() });
  }
  // The front end is what is left of the monolith: rename it as the target does.
  steps.push({ name: "bounded contexts", decomposition: target });
  return steps;
})();
