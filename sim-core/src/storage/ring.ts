import { checkNumber, SimConfigError } from "../errors/index.js";
import type { Rng } from "../random/index.js";

/** cassandra.yaml (4.0+) default: num_tokens: 16 (older releases used 256; Netflix in 2011 used 1). */
export const DEFAULT_VNODES = 16;

/** Murmur3Partitioner tokens span the signed 64-bit range [-2^63, 2^63). */
const TOKEN_MIN = -(2 ** 63);
const TOKEN_SPAN = 2 ** 64;

/** One token on the ring and the node that owns the range ending at it. */
export interface RingEntry {
  token: number;
  node: number;
}

/**
 * A token ring: each node holds `vnodes` tokens, and a key belongs first to the node holding the
 * first token at or after the key's token (wrapping past the largest token to the smallest).
 * Sorted typed arrays and a binary search keep lookups cheap and allocation-free.
 *
 * @example
 * const ring = TokenRing.fromEntries([{ token: 0, node: 0 }, { token: 100, node: 1 }]);
 * [ring.primary(50), ring.primary(150)] // [1, 0]
 */
export class TokenRing {
  readonly nodeCount: number;
  /** Tokens in ascending order. */
  readonly tokens: Float64Array;
  /** `owners[i]` holds `tokens[i]`. */
  readonly owners: Int32Array;

  private constructor(nodeCount: number, entries: RingEntry[]) {
    this.nodeCount = nodeCount;
    // Ties cannot happen with drawn tokens; sorting by node as well keeps even a tie deterministic.
    entries.sort((a, b) => a.token - b.token || a.node - b.node);
    this.tokens = Float64Array.from(entries, (e) => e.token);
    this.owners = Int32Array.from(entries, (e) => e.node);
  }

  /**
   * Draws `vnodes` random tokens for each of `nodeCount` nodes, as Cassandra does without
   * `allocate_tokens_for_keyspace`, from a seeded stream.
   *
   * @example
   * TokenRing.random(3, 4, createRng(1)).tokens.length // 12
   */
  static random(nodeCount: number, vnodes: number, rng: Rng, path = "ring"): TokenRing {
    checkNumber(`${path}.nodes`, nodeCount, { min: 1, max: 10_000, integer: true });
    checkNumber(`${path}.vnodes`, vnodes, { min: 1, max: 1024, integer: true });
    const entries: RingEntry[] = [];
    for (let v = 0; v < vnodes; v++) {
      for (let node = 0; node < nodeCount; node++) entries.push({ token: TOKEN_MIN + rng.next() * TOKEN_SPAN, node });
    }
    return new TokenRing(nodeCount, entries);
  }

  /**
   * A ring with given tokens, e.g. Netflix's 2011 layout of one evenly spaced token per node.
   *
   * @example
   * TokenRing.fromEntries([{ token: 5, node: 0 }]).primary(-1e18) // 0
   */
  static fromEntries(entries: readonly RingEntry[], path = "ring"): TokenRing {
    if (!Array.isArray(entries) || entries.length === 0) {
      throw new SimConfigError(path, entries, "a non-empty list of { token, node }");
    }
    let nodeCount = 0;
    const seen = new Set<number>();
    entries.forEach((e, i) => {
      checkNumber(`${path}[${i}].token`, e.token, { min: TOKEN_MIN, max: -TOKEN_MIN });
      checkNumber(`${path}[${i}].node`, e.node, { min: 0, integer: true });
      if (seen.has(e.token)) throw new SimConfigError(`${path}[${i}].token`, e.token, "a token no other entry holds");
      seen.add(e.token);
      nodeCount = Math.max(nodeCount, e.node + 1);
    });
    return new TokenRing(
      nodeCount,
      entries.map((e) => ({ ...e })),
    );
  }

  /**
   * Evenly spaced single tokens, node i at the i-th step: the manual layout of Cassandra 0.x/1.x.
   *
   * @example
   * TokenRing.evenlySpaced(4).ownership() // [0.25, 0.25, 0.25, 0.25]
   */
  static evenlySpaced(nodeCount: number, path = "ring"): TokenRing {
    checkNumber(`${path}.nodes`, nodeCount, { min: 1, max: 10_000, integer: true });
    const entries: RingEntry[] = [];
    for (let node = 0; node < nodeCount; node++)
      entries.push({ token: TOKEN_MIN + (node * TOKEN_SPAN) / nodeCount, node });
    return new TokenRing(nodeCount, entries);
  }

  /** Index of the first token at or after `token`, wrapping to 0 past the end. */
  indexFor(token: number): number {
    const tokens = this.tokens;
    let lo = 0;
    let hi = tokens.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((tokens[mid] as number) < token) lo = mid + 1;
      else hi = mid;
    }
    return lo === tokens.length ? 0 : lo;
  }

  /** The node that owns `token` first (its primary replica). */
  primary(token: number): number {
    return this.owners[this.indexFor(token)] as number;
  }

  /** The share of the token space each node owns as primary (sums to 1). */
  ownership(): number[] {
    const share = new Array<number>(this.nodeCount).fill(0);
    const n = this.tokens.length;
    for (let i = 0; i < n; i++) {
      const prev = i === 0 ? (this.tokens[n - 1] as number) - TOKEN_SPAN : (this.tokens[i - 1] as number);
      const owner = this.owners[i] as number;
      share[owner] = (share[owner] as number) + ((this.tokens[i] as number) - prev) / TOKEN_SPAN;
    }
    return share;
  }

  /** All tokens in ring order. */
  entries(): RingEntry[] {
    return Array.from(this.tokens, (token, i) => ({ token, node: this.owners[i] as number }));
  }
}
