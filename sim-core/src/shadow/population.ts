import { checkNumber, SimConfigError } from "../errors/index.js";
import type { Rng } from "../random/index.js";

/**
 * Ids come from a sequence handed out in blocks: each front-end server reserves `idBlockSize`
 * ids and gives them to sign-ups in order; when it restarts, the rest of its block is lost (an
 * Oracle sequence caches 20 values by default and loses them on shutdown; hi/lo allocators
 * lose the rest of their block the same way). So ids cluster at the start of each block and
 * `id % 100` is far from uniform.
 */
export const ID_BLOCK_SIZE = 100;
/** Our assumption: a few accounts (shared households, partner devices, test bots) are heavy. */
export const HEAVY_CUSTOMERS = 10;
/** Our assumption: those heavy accounts make a fifth of all requests. */
export const HEAVY_REQUEST_SHARE = 0.2;

/** Customers whose ids and request weights are not uniform, as a real sign-up history leaves them. */
export interface CustomerPopulation {
  /** Customer ids in allocation order, all distinct. */
  readonly ids: Int32Array;
  /** Indexes (into `ids`) of the heavy customers. */
  readonly heavy: Int32Array;
  /** Share of requests the heavy customers make together. */
  readonly heavyShare: number;
}

/** How a population is built. */
export interface PopulationOptions {
  customers: number;
  idBlockSize?: number;
  heavyCustomers?: number;
  heavyShare?: number;
}

/**
 * Builds a population of `customers` ids allocated in blocks: each block of `idBlockSize` ids
 * uses a uniform number of ids from 1 to the block size before its server restarts.
 * Heavy customers are spread evenly over the allocation order.
 *
 * @example
 * const pop = customerPopulation({ customers: 500 }, createRng(1));
 * pop.ids.length // 500
 */
export function customerPopulation(options: PopulationOptions, rng: Rng): CustomerPopulation {
  const customers = checkNumber("population.customers", options.customers, { min: 1, max: 1e6, integer: true });
  const blockSize = checkNumber("population.idBlockSize", options.idBlockSize ?? ID_BLOCK_SIZE, {
    min: 1,
    max: 1e6,
    integer: true,
  });
  const heavyCount = checkNumber("population.heavyCustomers", options.heavyCustomers ?? HEAVY_CUSTOMERS, {
    min: 0,
    max: customers,
    integer: true,
  });
  const heavyShare = checkNumber("population.heavyShare", options.heavyShare ?? HEAVY_REQUEST_SHARE, {
    min: 0,
    max: 1,
  });
  if (heavyShare > 0 && heavyCount === 0) {
    throw new SimConfigError("population.heavyShare", heavyShare, "0 when there are no heavy customers");
  }
  const ids = new Int32Array(customers);
  let block = 0;
  let n = 0;
  while (n < customers) {
    const used = 1 + rng.int(blockSize);
    for (let i = 0; i < used && n < customers; i++) ids[n++] = block * blockSize + i;
    block++;
  }
  const heavy = new Int32Array(heavyCount);
  for (let h = 0; h < heavyCount; h++) heavy[h] = Math.floor(((h + 0.5) * customers) / heavyCount);
  return { ids, heavy, heavyShare: heavyCount === 0 ? 0 : heavyShare };
}

/**
 * Draws the customer of one request: a heavy customer with probability `heavyShare`, else any
 * customer uniformly (so heavy ones also appear among the rest). Returns an index into `ids`.
 *
 * @example
 * const pop = customerPopulation({ customers: 50, heavyCustomers: 0, heavyShare: 0 }, createRng(1));
 * drawCustomer(pop, createRng(2)) < 50 // true
 */
export function drawCustomer(population: CustomerPopulation, rng: Rng): number {
  const { heavy, heavyShare, ids } = population;
  if (heavyShare > 0 && rng.next() < heavyShare) return heavy[rng.int(heavy.length)] as number;
  return rng.int(ids.length);
}
