import { US_PER_MS } from "../kernel/index.js";
import type { Distribution, Rng } from "../random/index.js";
import type { RpcSystem } from "../rpc/index.js";
import type { CustomerRouter, RegionCounts } from "./customers.js";
import { checkShiftAnswer } from "./evacuation-plans.js";
import type { EvacuationPlan, EvacuationView } from "./evacuation-types.js";
import { INSTANCES } from "./system-under-test.js";

/** A region evacuation run inside a discrete group: Chaos Kong with the plan that answers it. */
export interface GroupEvacuation {
  /** A checked plan (`checkPlan`): its ready capacity is already in the layout. */
  plan: EvacuationPlan;
  /** Index of the region that fails; the other receives its customers. */
  fromRegion: number;
  outageAtMs: number;
  /** When the operators decide to evacuate, from the start of the run. */
  decisionAtMs: number;
  provision: Distribution;
  startup: Distribution;
  rng: Rng;
}

/**
 * Runs the evacuation between a group's bins: at the decision it asks for the receiving region's
 * stopped API instances (enough to double its own, less what it keeps ready), each arriving
 * after a drawn provisioning and start-up delay, and from then on asks the plan, after every bin,
 * which share of the failed region's customers to have moved. The plan sees the same view as in
 * the fluid model, measured here: demand by home region, what the receiving region was sent and
 * failed, and its API tier's busy share. The discrete system has no cold caches (the store holds
 * every customer's data in both regions), so its cost factors are 1. A Group makes one when
 * it is given an evacuation.
 *
 * @example
 * const kong = kongSetup({ plan: nimblePlan(100), decisionMs: { kind: "constant", value: 0 }, provisionMs: { kind: "constant", value: 1 }, startupMs: { kind: "constant", value: 1 } }, [{ kind: "regionOutage", region: "us-east-1", atMs: 0 }], createRng(1));
 * const g = new Group({ sut: NAIVE_SUT, faults: [{ kind: "regionOutage", region: "us-east-1", atMs: 0 }], binMs: 1000, rateAt: () => 20, rng: createRng(1), customers: 100, layout: kong.layout, evacuation: kong.evacuation });
 * g.step(true); g.step(true).shiftedPct // 100
 */
export class GroupEvacuationDriver {
  private readonly receiving: number;
  private requested: number[] = [];
  private decided = false;
  private readonly busyBefore: number[];
  /** The receiving region's API instances, in instance order (spares included). */
  private readonly api: RpcSystem["services"][number]["instances"];
  private lastAtMs = 0;

  constructor(
    private readonly rpc: RpcSystem,
    private readonly router: CustomerRouter,
    private readonly ev: GroupEvacuation,
    private readonly readyApiInstances: number,
  ) {
    this.receiving = (ev.fromRegion + 1) % 2;
    const api = rpc.services.find((s) => s.name === "api");
    this.api = (api?.instances ?? []).filter((i) => i.region === this.receiving);
    this.busyBefore = this.api.map((i) => i.station.busyUs);
    router.fromRegion = ev.fromRegion;
  }

  /** After the bin that ends at `atMs`: scale up at the decision, then move customers as the plan says. */
  afterBin(atMs: number, counts: RegionCounts): void {
    const binMs = atMs - this.lastAtMs;
    this.lastAtMs = atMs;
    // The scale-up is asked for first, so the plan's first view already counts it as starting.
    if (atMs >= this.ev.decisionAtMs && !this.decided) {
      this.decided = true;
      this.scaleUp(atMs);
    }
    const view = this.view(atMs, binMs, counts);
    if (atMs < this.ev.decisionAtMs) return;
    this.router.shiftedPct = checkShiftAnswer(this.ev.plan.shiftPct(view), atMs - this.ev.outageAtMs);
  }

  /** The receiving region's API instances, in instance order. */
  private scaleUp(atMs: number): void {
    const spares = this.api.filter((i) => !this.rpc.cluster.isUp(i.node));
    const want = Math.max(0, INSTANCES.api - this.readyApiInstances);
    for (const inst of spares.slice(0, want)) {
      const servingMs = atMs + this.ev.provision.sample(this.ev.rng) + this.ev.startup.sample(this.ev.rng);
      this.rpc.startInstance("api", inst.index, servingMs);
      this.requested.push(servingMs);
    }
  }

  private view(atMs: number, binMs: number, counts: RegionCounts): EvacuationView {
    const r = this.receiving;
    const perSec = (n: number) => (n * 1000) / binMs;
    let busyUs = 0;
    let workers = 0;
    let up = 0;
    this.api.forEach((inst, k) => {
      busyUs += inst.station.busyUs - (this.busyBefore[k] as number);
      this.busyBefore[k] = inst.station.busyUs;
      if (this.rpc.cluster.isUp(inst.node)) {
        up++;
        workers += inst.station.servers;
      }
    });
    const utilisationPct = workers > 0 ? (100 * busyUs) / (workers * binMs * US_PER_MS) : 100;
    const answered = counts.answered[r] as number;
    const failed = counts.failed[r] as number;
    const loadPerSec = perSec(counts.routed[r] as number);
    return {
      elapsedMs: atMs - this.ev.outageAtMs,
      sinceDecisionMs: Math.max(0, atMs - this.ev.decisionAtMs),
      shiftedPct: this.router.shiftedPct,
      ownDemandPerSec: perSec(counts.byHome[r] as number),
      failedRegionDemandPerSec: perSec(counts.byHome[this.ev.fromRegion] as number),
      coldCostFactor: 1,
      movedCostFactor: 1,
      // What the tier served per busy share: its throughput were every worker busy.
      capacityPerSec: utilisationPct > 0 ? (perSec(answered - failed) * 100) / Math.min(100, utilisationPct) : 0,
      loadPerSec,
      utilisationPct: Math.min(100, utilisationPct),
      failedPct: answered > 0 ? (100 * failed) / answered : 0,
      instancesReady: up,
      instancesWarming: 0,
      instancesStarting: this.requested.filter((s) => s > atMs).length,
    };
  }
}
