import type { Distribution, Rng } from "../random/index.js";

/** How an instance that started serving reaches full speed, and what it serves then. */
export interface FleetWarmUp {
  spsPerInstance: number;
  warmUpMs: number;
  /** Throughput at the moment it starts serving, in % of full speed. */
  warmStartPct: number;
}

/** The delays between an instance's request and its first request served. */
export interface FleetDelays {
  provision: Distribution;
  startup: Distribution;
}

/** Counts of a fleet's instances at one moment. */
export interface FleetCounts {
  ready: number;
  warming: number;
  starting: number;
}

/**
 * One region's fleet of one service, as the time each instance starts serving: those running at
 * the start are warm; the ones the autoscaler asks for arrive after a provisioning delay (the
 * cloud finds and boots a machine) and a start-up delay (the service launches, loads what it
 * needs, registers with discovery), then serve at part speed until warm.
 *
 * @example
 * const fleet = new EvacuationFleet(3, { spsPerInstance: 10, warmUpMs: 60_000, warmStartPct: 50 });
 * fleet.capacityAt(0) // 30
 */
export class EvacuationFleet {
  /** When each instance starts serving, in ms; -Infinity for the warm ones present from the start. */
  private readonly servingAtMs: number[] = [];

  constructor(
    warmInstances: number,
    private readonly warm: FleetWarmUp,
  ) {
    for (let i = 0; i < warmInstances; i++) this.servingAtMs.push(-Infinity);
  }

  /** Every instance, serving or not. */
  get total(): number {
    return this.servingAtMs.length;
  }

  /**
   * Asks for `count` instances at `atMs`; each draws its own delays, so capacity arrives as a ramp.
   * Returns the times at which they will start serving.
   */
  request(count: number, atMs: number, delays: FleetDelays, rng: Rng): number[] {
    const added: number[] = [];
    for (let i = 0; i < count; i++) {
      const serving = atMs + delays.provision.sample(rng) + delays.startup.sample(rng);
      this.servingAtMs.push(serving);
      added.push(serving);
    }
    return added;
  }

  /** Share of full speed (0–1) an instance that starts serving at `servingMs` has at `atMs`. */
  private speed(servingMs: number, atMs: number): number {
    if (atMs < servingMs) return 0;
    const { warmUpMs, warmStartPct } = this.warm;
    if (warmUpMs === 0 || atMs >= servingMs + warmUpMs) return 1;
    const start = warmStartPct / 100;
    return start + ((1 - start) * (atMs - servingMs)) / warmUpMs;
  }

  /** Stream starts per second the fleet can serve at `atMs`. */
  capacityAt(atMs: number): number {
    let sum = 0;
    for (const serving of this.servingAtMs) sum += this.speed(serving, atMs);
    return sum * this.warm.spsPerInstance;
  }

  /** How many instances are warm, warming and still on their way at `atMs`. */
  countsAt(atMs: number): FleetCounts {
    const counts = { ready: 0, warming: 0, starting: 0 };
    for (const serving of this.servingAtMs) {
      if (atMs < serving) counts.starting++;
      else if (this.speed(serving, atMs) >= 1) counts.ready++;
      else counts.warming++;
    }
    return counts;
  }
}
