import type { Rng } from "../random/index.js";
import type { EdgeRouter, Outcome } from "../rpc/index.js";

/** Requests and answers of one bin, by region index. */
export interface RegionCounts {
  /** Requests by the customer's home region. */
  byHome: number[];
  /** Requests by the region that served them. */
  routed: number[];
  /** Answers by the region that served them, and how many of them failed. */
  answered: number[];
  failed: number[];
}

const zeros = (n: number) => Array.from({ length: n }, () => 0);

/**
 * The customers behind a group's requests. Each request comes from a customer drawn at random;
 * a customer's home region is fixed (customers split evenly between regions), and during an
 * evacuation a consistent share of the failed region's customers is sent to the other region
 * (a customer's bucket `⌊id / regions⌋ mod 100` below the share, as module 2 picks who to
 * mirror), so a moved customer stays moved. It also remembers who saw an error or a degraded
 * answer: the blast radius is counted from real requests, not assumed.
 *
 * @example
 * const r = new CustomerRouter(10, 1, createRng(1)); r.route(0) // -1
 */
export class CustomerRouter implements EdgeRouter {
  /** Share (0–100) of the failed region's customers sent to the other region. */
  shiftedPct = 0;
  /** The region whose customers are being moved (-1: none). */
  fromRegion = -1;
  /** Distinct customers who saw an error or a degraded answer. */
  readonly affected = new Set<number>();
  private counts: RegionCounts;
  /** In-flight requests: customer × regions + serving region. */
  private readonly inFlight = new Map<number, number>();

  constructor(
    private readonly customers: number,
    private readonly regions: number,
    private readonly rng: Rng,
  ) {
    this.counts = this.fresh();
  }

  route(requestId: number): number {
    const customer = this.rng.int(this.customers);
    const home = customer % this.regions;
    const moved =
      home === this.fromRegion && Math.floor(customer / this.regions) % 100 < this.shiftedPct && this.regions > 1;
    const region = moved ? (home + 1) % this.regions : home;
    this.inFlight.set(requestId, customer * this.regions + region);
    this.counts.byHome[home] = (this.counts.byHome[home] as number) + 1;
    this.counts.routed[region] = (this.counts.routed[region] as number) + 1;
    // One region: any edge instance, in turn, as a system without a router does.
    return this.regions === 1 ? -1 : region;
  }

  answered(requestId: number, outcome: Outcome, degraded: boolean): void {
    const v = this.inFlight.get(requestId);
    if (v === undefined) return;
    this.inFlight.delete(requestId);
    const region = v % this.regions;
    this.counts.answered[region] = (this.counts.answered[region] as number) + 1;
    if (outcome !== "ok") this.counts.failed[region] = (this.counts.failed[region] as number) + 1;
    if (outcome !== "ok" || degraded) this.affected.add(Math.floor(v / this.regions));
  }

  /** The counts since the last call, and a fresh start. */
  takeCounts(): RegionCounts {
    const out = this.counts;
    this.counts = this.fresh();
    return out;
  }

  private fresh(): RegionCounts {
    const n = this.regions;
    return { byHome: zeros(n), routed: zeros(n), answered: zeros(n), failed: zeros(n) };
  }
}
