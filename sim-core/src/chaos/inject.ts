import type { RpcSystem } from "../rpc/index.js";
import { type Fault, faultEndMs } from "./faults.js";

/** One line of an experiment's journal: a fault started or ended. */
export interface InjectionEvent {
  atMs: number;
  action: "start" | "end";
  kind: Fault["kind"];
  /** What was hit, e.g. `recs#1`, `us-east-1b`, `recs +400 ms on 50%`. */
  target: string;
}

function describe(f: Fault): string {
  switch (f.kind) {
    case "terminate":
      return `${f.service}#${f.instance}`;
    case "zoneOutage":
      return f.zone;
    case "regionOutage":
      return f.region;
    case "latency":
      return `${f.service} +${f.addedMs} ms on ${f.sharePct}%`;
    case "errors":
      return `${f.service} errors on ${f.sharePct}%`;
    case "partition":
      return `${f.zoneA} | ${f.zoneB}`;
  }
}

/**
 * The journal lines a (checked) schedule produces, ends after `untilMs` left out.
 *
 * @example
 * injectionEvents([{ kind: "zoneOutage", zone: "z", atMs: 1, durationMs: 2 }], 10).map((e) => e.action) // ['start', 'end']
 */
export function injectionEvents(faults: readonly Fault[], untilMs: number): InjectionEvent[] {
  const out: InjectionEvent[] = [];
  for (const f of faults) {
    const target = describe(f);
    if (f.atMs <= untilMs) out.push({ atMs: f.atMs, action: "start", kind: f.kind, target });
    const end = faultEndMs(f);
    if (end <= untilMs) out.push({ atMs: end, action: "end", kind: f.kind, target });
  }
  return out.sort((a, b) => a.atMs - b.atMs);
}

type Toggle = { f: Fault; on: boolean };

/**
 * Puts a checked schedule on an RpcSystem's clock: outages through its cluster, partitions
 * through its network, latency and errors through the target service's injection knobs. Call
 * it before running the simulation.
 *
 * @example
 * const sim = new Simulation();
 * const rpc = new RpcSystem(sim, { edge: "api", services: [{ name: "api", instances: 1, serviceTimeMs: { kind: "constant", value: 5 } }] }, createRng(1));
 * injectFaults(rpc, [{ kind: "latency", service: "api", addedMs: 100, sharePct: 100, atMs: 0 }]);
 * rpc.request(1); sim.run(); rpc.edgeLatency.max // 105
 */
export function injectFaults(rpc: RpcSystem, faults: readonly Fault[]): void {
  const sim = rpc.sim;
  const toggle = sim.handler("chaos.toggle", ({ f, on }: Toggle) => {
    if (f.kind === "partition") {
      if (on) rpc.cluster.network.partition({ zone: f.zoneA }, { zone: f.zoneB });
      else rpc.cluster.network.heal();
      return;
    }
    const service = rpc.services.find((s) => s.name === (f as { service: string }).service);
    if (service === undefined) return;
    if (f.kind === "latency") {
      service.injectedDelayMs = on ? f.addedMs : 0;
      service.injectedDelayShare = on ? f.sharePct / 100 : 0;
    } else if (f.kind === "errors") service.injectedErrorRate = on ? f.sharePct / 100 : 0;
  });
  for (const f of faults) {
    const duration = f.durationMs === undefined ? {} : { durationMs: f.durationMs };
    if (f.kind === "terminate") {
      const service = rpc.services.find((s) => s.name === f.service);
      const inst = service?.instances[f.instance];
      if (inst !== undefined) rpc.cluster.scheduleFaults([{ target: { node: inst.node }, atMs: f.atMs, ...duration }]);
    } else if (f.kind === "zoneOutage")
      rpc.cluster.scheduleFaults([{ target: { zone: f.zone }, atMs: f.atMs, ...duration }]);
    else if (f.kind === "regionOutage")
      rpc.cluster.scheduleFaults([{ target: { region: f.region }, atMs: f.atMs, ...duration }]);
    else {
      sim.scheduleAt(Math.round(f.atMs * 1000), toggle, { f, on: true });
      const end = faultEndMs(f);
      if (end !== Infinity) sim.scheduleAt(Math.round(end * 1000), toggle, { f, on: false });
    }
  }
}
