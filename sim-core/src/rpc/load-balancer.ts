import { checkOneOf, SimConfigError } from "../errors/index.js";
import type { Rng } from "../random/index.js";
import { zoneAwareRule } from "./zone-aware.js";

/** What a load balancer sees when it picks an instance. */
export interface PickContext {
  /** Instance indices it may choose from (never empty). */
  candidates: readonly number[];
  /** Requests this client has outstanding to instance `i` (by instance index). */
  outstanding: (instance: number) => number;
  rng: Rng;
  /** Zone index of instance `i` (by instance index), where the system knows it. */
  zoneOf?: (instance: number) => number;
}

/** Chooses the instance for an attempt. Must return one of `candidates`. */
export interface LoadBalancer {
  pick(context: PickContext): number;
}

/** Balancers made here, which always return one of their candidates (their picks go unchecked). */
const BUILT_IN = new WeakSet<LoadBalancer>();

/**
 * Whether `lb` is one of this module's own balancers, whose picks need no check.
 *
 * @example
 * [isBuiltInBalancer(roundRobin()), isBuiltInBalancer({ pick: () => 0 })] // [true, false]
 */
export function isBuiltInBalancer(lb: LoadBalancer): boolean {
  return BUILT_IN.has(lb);
}

function builtIn(lb: LoadBalancer): LoadBalancer {
  BUILT_IN.add(lb);
  return lb;
}

export type LoadBalancerKind = "roundRobin" | "random" | "leastOutstanding" | "zoneAware";
export const LOAD_BALANCER_KINDS: readonly LoadBalancerKind[] = [
  "roundRobin",
  "random",
  "leastOutstanding",
  "zoneAware",
];

/**
 * Ribbon's default rule: the next instance in turn.
 *
 * @example
 * const lb = roundRobin(); const c = { candidates: [4, 7], outstanding: () => 0, rng: createRng(1) };
 * [lb.pick(c), lb.pick(c), lb.pick(c)] // [4, 7, 4]
 */
export function roundRobin(): LoadBalancer {
  let next = 0;
  return builtIn({
    pick(c) {
      const chosen = c.candidates[next % c.candidates.length] as number;
      next = (next + 1) % 1_000_000_007;
      return chosen;
    },
  });
}

/**
 * A uniformly random instance.
 *
 * @example
 * random().pick({ candidates: [3], outstanding: () => 0, rng: createRng(1) }) // 3
 */
export function random(): LoadBalancer {
  return builtIn({ pick: (c) => c.candidates[c.rng.int(c.candidates.length)] as number });
}

/**
 * The instance with the fewest requests outstanding from this client (first of the ties, so a
 * tie never depends on anything but order).
 *
 * @example
 * leastOutstanding().pick({ candidates: [0, 1], outstanding: (i) => (i === 0 ? 5 : 1), rng: createRng(1) }) // 1
 */
export function leastOutstanding(): LoadBalancer {
  return builtIn({
    pick(c) {
      let best = c.candidates[0] as number;
      let bestLoad = c.outstanding(best);
      for (let k = 1; k < c.candidates.length; k++) {
        const i = c.candidates[k] as number;
        const load = c.outstanding(i);
        if (load < bestLoad) {
          best = i;
          bestLoad = load;
        }
      }
      return best;
    },
  });
}

/**
 * Ribbon's ZoneAwareLoadBalancer: avoids the busiest zone once it is overloaded (see `zoneAwareRule`).
 *
 * @example
 * zoneAware().pick({ candidates: [5], outstanding: () => 0, rng: createRng(1) }) // 5
 */
export function zoneAware(): LoadBalancer {
  return builtIn(zoneAwareRule());
}

/**
 * A load balancer from its name, or a custom one checked for a `pick` method.
 *
 * @example
 * typeof loadBalancer("random").pick // 'function'
 */
export function loadBalancer(kind: LoadBalancerKind | LoadBalancer, path = "loadBalancer"): LoadBalancer {
  if (typeof kind === "object" && kind !== null) {
    if (typeof kind.pick !== "function") throw new SimConfigError(`${path}.pick`, kind.pick, "a function");
    return kind;
  }
  const name = checkOneOf(path, kind, LOAD_BALANCER_KINDS);
  if (name === "zoneAware") return zoneAware();
  return name === "roundRobin" ? roundRobin() : name === "random" ? random() : leastOutstanding();
}
