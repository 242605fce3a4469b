import { createCluster } from "../cluster/index.js";
import { Simulation } from "../kernel/index.js";
import { exponentialGap, type Rng } from "../random/index.js";
import { type RpcResults, RpcSystem, rpcResults } from "../rpc/index.js";
import type { ReplayRecorder } from "../trace/index.js";
import { CustomerRouter } from "./customers.js";
import type { Fault } from "./faults.js";
import { type GroupEvacuation, GroupEvacuationDriver } from "./group-evacuation.js";
import { injectFaults } from "./inject.js";
import { netflixSystem, ONE_REGION, type SutLayout } from "./netflix-system.js";
import type { SutOptions } from "./system-under-test.js";

/** One bin of a group's run. */
export interface GroupBin {
  timeMs: number;
  /** Stream starts (answered, possibly degraded) per second. */
  sps: number;
  /** Requests answered with an error or not at all (timeout, rejected ...). */
  failed: number;
  /** Requests answered degraded: a fallback answered inside them (stream started, not failed). */
  degraded: number;
  /** Instances up per zone, zone order. */
  alivePerZone: number[];
  /** Share of the failed region's customers sent to the other region during the bin (0 without an evacuation). */
  shiftedPct: number;
}

/** What a group needs: the system's defences, its traffic, its faults, a stream and a bin width. */
export interface GroupOptions {
  sut: SutOptions;
  faults: readonly Fault[];
  binMs: number;
  /** Stream-start attempts per second from this bin's start. */
  rateAt: (atMs: number) => number;
  rng: Rng;
  /** Customers behind the group's requests (its share of the population). */
  customers: number;
  /** One region by default; two for a region evacuation. */
  layout?: SutLayout;
  /** Chaos Kong's evacuation, run between bins (the group's faults must take the region down). */
  evacuation?: Omit<GroupEvacuation, "rng">;
  replay?: ReplayRecorder;
}

/**
 * A ChAP group: its own copy of the system under test (ChAP starts a control and an experiment
 * cluster) on its own clock, stepped bin by bin so an experiment can stop sending it traffic.
 *
 * @example
 * const g = new Group({ sut: { ...NAIVE_SUT, retryTarget: "different" }, faults: [], binMs: 1000, rateAt: () => 20, rng: createRng(1), customers: 100 });
 * g.step(true).timeMs // 0
 */
export class Group {
  readonly rpc: RpcSystem;
  readonly bins: GroupBin[] = [];
  /** Who sent each request, and who saw an error or a degraded answer. */
  readonly customers: CustomerRouter;
  private readonly evacuation: GroupEvacuationDriver | null;
  private nowMs = 0;
  private seenOk = 0;
  private seenAnswered = 0;
  private seenRequests = 0;
  private seenDegraded = 0;
  private readonly zones: string[];
  private readonly arrivals: Rng;

  constructor(private readonly o: GroupOptions) {
    const layout = o.layout ?? ONE_REGION;
    const { services, topology } = netflixSystem(o.sut, layout);
    const sim = new Simulation();
    const cluster = createCluster(sim, topology, o.rng);
    this.customers = new CustomerRouter(o.customers, layout.regions, o.rng.fork("customers"));
    this.rpc = new RpcSystem(
      sim,
      {
        edge: "zuul",
        services,
        discovery: "eureka",
        // Netflix ran one Eureka cluster per region: a client sees its own region's instances.
        discoveryScope: layout.regions > 1 ? "region" : "global",
        edgeRouter: this.customers,
        seriesBinMs: o.binMs,
        ...(o.replay !== undefined ? { replay: o.replay } : {}),
      },
      o.rng,
      cluster,
    );
    this.zones = topology.zones.map((z) => z.name);
    this.arrivals = o.rng.fork("bin-arrivals");
    injectFaults(this.rpc, o.faults);
    this.evacuation =
      o.evacuation === undefined
        ? null
        : new GroupEvacuationDriver(
            this.rpc,
            this.customers,
            { ...o.evacuation, rng: o.rng.fork("evacuation") },
            layout.readyApiInstances,
          );
  }

  /** Runs one bin, sending traffic in it if `send`; returns the bin's numbers. */
  step(send: boolean): GroupBin {
    const rpc = this.rpc;
    const from = this.nowMs;
    const rate = this.o.rateAt(from);
    // A load always sends its first request at its start; starting each bin's load one drawn gap
    // in keeps the arrivals Poisson across bins instead of adding a request at every bin's edge.
    const gapMs = send && rate > 0 ? exponentialGap(1000 / rate, this.arrivals) : Infinity;
    if (gapMs < this.o.binMs)
      rpc.startLoad({ ratePerSec: rate, durationMs: this.o.binMs - gapMs, fromMs: from + gapMs });
    this.nowMs = from + this.o.binMs;
    rpc.sim.run({ untilMs: this.nowMs });
    const ok = rpc.edgeOutcomes[0] ?? 0;
    let answered = 0;
    for (const v of rpc.edgeOutcomes) answered += v;
    // Requests answered degraded, counted once each at the edge however many fallbacks they got.
    const degraded = rpc.edgeDegraded;
    const failed = answered - ok - (this.seenAnswered - this.seenOk);
    const shiftedPct = this.customers.shiftedPct;
    const counts = this.customers.takeCounts();
    this.evacuation?.afterBin(this.nowMs, counts);
    const bin: GroupBin = {
      timeMs: from,
      shiftedPct,
      sps: ((ok - this.seenOk) * 1000) / this.o.binMs,
      failed,
      degraded: degraded - this.seenDegraded,
      alivePerZone: this.alivePerZone(),
    };
    this.seenOk = ok;
    this.seenAnswered = answered;
    this.seenRequests = rpc.edgeRequests;
    this.seenDegraded = degraded;
    this.bins.push(bin);
    return bin;
  }

  /**
   * Sums the run up at the end of the window. It does not run on: requests still in flight are
   * left unanswered (the bins already hold every answer), and discovery's periodic fetches would
   * keep the event queue busy for as long as a node stays down.
   */
  finish(): RpcResults {
    return rpcResults(this.rpc, this.nowMs);
  }

  /** Requests sent so far. */
  get requests(): number {
    return this.seenRequests;
  }

  private alivePerZone(): number[] {
    const counts = this.zones.map(() => 0);
    const topo = this.rpc.cluster.topology;
    for (const s of this.rpc.services)
      for (const inst of s.instances)
        if (this.rpc.cluster.isUp(inst.node)) {
          const z = topo.node(inst.node).zoneIndex;
          counts[z] = (counts[z] ?? 0) + 1;
        }
    return counts;
  }
}
