import seedrandom from "seedrandom";
import { SimConfigError } from "../errors/index.js";

/** A seed as a learner types it: a number or a short string. */
export type Seed = number | string;

/**
 * A seeded stream of uniform numbers. Every function that draws takes one of these, never a
 * global generator, so a run is reproduced exactly by its seed.
 *
 * `fork(name)` derives a child stream from this stream's seed and a name, without drawing from
 * this stream: adding a component with a new fork never shifts the numbers another component sees.
 *
 * @example
 * const rng = createRng(42);
 * rng.fork("arrivals").next() === createRng(42).fork("arrivals").next() // true
 */
export class Rng {
  /** The full seed path, e.g. `42/arrivals/instance-3`; it names the stream in reproductions. */
  readonly seedPath: string;
  private readonly source: () => number;

  constructor(seedPath: string) {
    this.seedPath = seedPath;
    // Alea is one of seedrandom's fast generators (about 2^116 period); its quick output has
    // 32 bits of resolution, ample for latencies and probabilities.
    this.source = seedrandom.alea(seedPath);
  }

  /** A uniform number in [0, 1). */
  next(): number {
    return this.source();
  }

  /** A uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.source() * n);
  }

  /** A uniform number in [min, max). */
  uniform(min: number, max: number): number {
    return min + (max - min) * this.source();
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.source() < p;
  }

  /** An independent child stream named `name`. */
  fork(name: string): Rng {
    if (typeof name !== "string" || name.length === 0) {
      throw new SimConfigError("fork name", name, "a non-empty string");
    }
    return new Rng(`${this.seedPath}/${name}`);
  }
}

/**
 * The root stream of a run.
 *
 * @example
 * createRng(7).seedPath // '7'
 */
export function createRng(seed: Seed): Rng {
  const ok = (typeof seed === "number" && Number.isSafeInteger(seed)) || (typeof seed === "string" && seed.length > 0);
  if (!ok) throw new SimConfigError("seed", seed, "a safe integer or a non-empty string");
  return new Rng(String(seed));
}
