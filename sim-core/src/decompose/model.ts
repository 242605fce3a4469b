/**
 * A monolith as plain data: its modules, the tables each reads and writes, the calls between
 * modules for each request type, and the request mix. Plain data so it travels in JSON, can be
 * generated from a seed, and can be drawn.
 */

/** The name of the shared database every table lives in before the move (Netflix: one Oracle). */
export const SHARED_DATABASE = "oracle";

/** One module (a package of classes in the one codebase). */
export interface ModuleSpec {
  name: string;
  /** The module's own CPU work per visit, median, in ms. */
  workMs: number;
  /** Tables it reads; each visit makes one query per table read or written. */
  reads: readonly string[];
  /** Tables it writes. */
  writes: readonly string[];
  /**
   * Whether a request can still be answered without it. A call into a non-critical module that
   * runs in another service degrades to a fallback (the home page without recommendations).
   */
  critical: boolean;
  /** Layer, 0 at the edge; a layering rule lets calls go only to the same or a deeper layer. */
  layer: number;
}

/** Calls from one module to another made while serving one request. */
export interface ModuleCall {
  from: string;
  to: string;
  /** Calls per visit of `from`. */
  count: number;
  /** Size of the request plus the response, in kB: what crosses the wire once split. */
  payloadKb: number;
  /** True: one call after another in a loop (the N+1 pattern); false: issued together. */
  loop: boolean;
}

/** One kind of client request: where it enters and which calls it makes. */
export interface RequestType {
  name: string;
  /** Relative weight in the request mix (shares are weights over the sum). */
  share: number;
  /** The module the request enters at. */
  entry: string;
  /** Calls made while serving it; each visit of `from` makes its calls in this order. */
  calls: readonly ModuleCall[];
}

export interface Monolith {
  name: string;
  modules: readonly ModuleSpec[];
  tables: readonly string[];
  requests: readonly RequestType[];
}

/**
 * The module named `name`, or undefined.
 *
 * @example
 * moduleByName({ name: "m", tables: [], requests: [], modules: [{ name: "web", workMs: 1, reads: [], writes: [], critical: true, layer: 0 }] }, "web")?.layer // 0
 */
export function moduleByName(monolith: Monolith, name: string): ModuleSpec | undefined {
  return monolith.modules.find((m) => m.name === name);
}

/**
 * Each request type's share of the mix, normalised so that the shares sum to 1.
 *
 * @example
 * requestShares({ name: "m", modules: [], tables: [], requests: [{ name: "a", share: 3, entry: "x", calls: [] }, { name: "b", share: 1, entry: "x", calls: [] }] })
 * // [0.75, 0.25]
 */
export function requestShares(monolith: Monolith): number[] {
  const total = monolith.requests.reduce((sum, r) => sum + r.share, 0);
  return monolith.requests.map((r) => r.share / total);
}
