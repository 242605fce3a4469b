import { checkArray, checkNumber, SimConfigError } from "../errors/index.js";
import { type Handler, msToUs, type Simulation } from "../kernel/index.js";
import type { Network } from "./network.js";
import type { Topology } from "./topology.js";

/** What a fault takes down: one node, every node of a zone, or every node of a region. */
export type FaultTarget = { node: number } | { zone: string } | { region: string };

/** A fault on the simulation clock; without `durationMs` the target never recovers. */
export interface FaultSpec {
  target: FaultTarget;
  atMs: number;
  durationMs?: number;
}

interface FaultEvent {
  nodes: readonly number[];
  up: boolean;
}

/**
 * Nodes that go down and come back, on the simulation clock. It keeps the network in step (a
 * down node neither sends nor receives) and tells listeners of every change, in node order.
 *
 * @example
 * const sim = new Simulation(); const topo = standardTopology({});
 * const cluster = createCluster(sim, topo, createRng(1));
 * cluster.fail({ zone: "us-east-1a" }); cluster.isUp(0) // false
 */
export class Cluster {
  readonly sim: Simulation;
  readonly topology: Topology;
  readonly network: Network;
  private readonly listeners: ((node: number, up: boolean) => void)[] = [];
  private readonly faultHandler: Handler<FaultEvent>;

  constructor(sim: Simulation, topology: Topology, network: Network) {
    this.sim = sim;
    this.topology = topology;
    this.network = network;
    this.faultHandler = sim.handler("cluster.fault", (e: FaultEvent) => this.apply(e.nodes, e.up));
  }

  /** Whether `node` is up. */
  isUp(node: number): boolean {
    return this.network.isNodeUp(node);
  }

  /** Takes the target down now. */
  fail(target: FaultTarget): void {
    this.apply(this.resolve(target, "fault.target"), false);
  }

  /** Brings the target back now. */
  recover(target: FaultTarget): void {
    this.apply(this.resolve(target, "fault.target"), true);
  }

  /** Schedules failures and recoveries; validates every spec before scheduling any. */
  scheduleFaults(faults: FaultSpec[]): void {
    checkArray<FaultSpec>("faults", faults, 0);
    const planned = faults.map((f, i) => {
      const path = `faults[${i}]`;
      if (f === null || typeof f !== "object")
        throw new SimConfigError(path, f, "an object { target, atMs, durationMs? }");
      const nodes = this.resolve(f.target, `${path}.target`);
      const atUs = msToUs(checkNumber(`${path}.atMs`, f.atMs, { min: this.sim.nowMs }));
      const durationUs =
        f.durationMs === undefined ? undefined : msToUs(checkNumber(`${path}.durationMs`, f.durationMs, { min: 0 }));
      return { nodes, atUs, durationUs };
    });
    for (const p of planned) {
      this.sim.scheduleAt(p.atUs, this.faultHandler, { nodes: p.nodes, up: false });
      if (p.durationUs !== undefined) {
        this.sim.scheduleAt(p.atUs + p.durationUs, this.faultHandler, { nodes: p.nodes, up: true });
      }
    }
  }

  /** Schedules the target to come back at `atMs` (a stopped node started, say). */
  scheduleRecovery(target: FaultTarget, atMs: number): void {
    const nodes = this.resolve(target, "recovery.target");
    const atUs = msToUs(checkNumber("recovery.atMs", atMs, { min: this.sim.nowMs }));
    this.sim.scheduleAt(atUs, this.faultHandler, { nodes, up: true });
  }

  /** Calls `listener(node, up)` after any node goes down or comes back. */
  onChange(listener: (node: number, up: boolean) => void): void {
    this.listeners.push(listener);
  }

  /** The node ids a target names, in ascending order. */
  resolve(target: FaultTarget, path = "target"): readonly number[] {
    if (target === null || typeof target !== "object") {
      throw new SimConfigError(path, target, 'one of { node: 0 }, { zone: "us-east-1a" }, { region: "us-east-1" }');
    }
    if ("node" in target) {
      return [checkNumber(`${path}.node`, target.node, { min: 0, max: this.topology.nodes.length - 1, integer: true })];
    }
    if ("zone" in target) {
      if (!this.topology.hasZone(target.zone)) {
        throw new SimConfigError(
          `${path}.zone`,
          target.zone,
          `one of ${this.topology.zones.map((z) => z.name).join(", ")}`,
        );
      }
      return this.topology.nodesInZone(target.zone);
    }
    if ("region" in target) {
      if (!this.topology.hasRegion(target.region)) {
        throw new SimConfigError(
          `${path}.region`,
          target.region,
          `one of ${this.topology.regions.map((r) => r.name).join(", ")}`,
        );
      }
      return this.topology.nodesInRegion(target.region);
    }
    throw new SimConfigError(path, target, 'one of { node: 0 }, { zone: "us-east-1a" }, { region: "us-east-1" }');
  }

  private apply(nodes: readonly number[], up: boolean): void {
    for (const node of nodes) {
      if (this.network.isNodeUp(node) === up) continue;
      this.network.setNodeUp(node, up);
      this.sim.fold(node * 2 + (up ? 1 : 0));
      for (const listener of this.listeners) listener(node, up);
    }
  }
}
