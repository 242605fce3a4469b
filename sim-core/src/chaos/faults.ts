import type { Topology } from "../cluster/index.js";
import { checkArray, checkNumber, checkOneOf, SimConfigError } from "../errors/index.js";

/** The kinds of fault the Simian Army injected, and fault injection testing's error injection. */
export const FAULT_KINDS = ["terminate", "zoneOutage", "regionOutage", "latency", "errors", "partition"] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

interface Timed {
  atMs: number;
  /** Without a duration the fault lasts to the end of the run (a terminated instance stays dead). */
  durationMs?: number;
}

/**
 * One fault as plain data (JSON-safe, so a schedule can be stored and replayed): Chaos Monkey's
 * instance termination, Chaos Gorilla's zone outage, Chaos Kong's region outage, Latency
 * Monkey's added delay on a share of requests, injected errors, and a network partition.
 */
export type Fault =
  | (Timed & { kind: "terminate"; service: string; instance: number })
  | (Timed & { kind: "zoneOutage"; zone: string })
  | (Timed & { kind: "regionOutage"; region: string })
  | (Timed & { kind: "latency"; service: string; addedMs: number; sharePct: number })
  | (Timed & { kind: "errors"; service: string; sharePct: number })
  | (Timed & { kind: "partition"; zoneA: string; zoneB: string });

/** What a schedule is checked against: the cluster's layout and each service's instance count. */
export interface FaultContext {
  topology: Topology;
  services: readonly { name: string; instances: number }[];
}

function checkService(path: string, name: unknown, ctx: FaultContext): { name: string; instances: number } {
  const found = ctx.services.find((s) => s.name === name);
  if (found === undefined)
    throw new SimConfigError(
      path,
      name,
      `one of the system's services (${ctx.services.map((s) => s.name).join(", ")})`,
    );
  return found;
}

function checkZone(path: string, zone: unknown, topology: Topology): string {
  if (typeof zone !== "string" || !topology.hasZone(zone))
    throw new SimConfigError(path, zone, `a zone of the topology (${topology.zones.map((z) => z.name).join(", ")})`);
  return zone;
}

/**
 * Checks one fault; bad input throws SimConfigError naming the field (`faults[2].sharePct`).
 *
 * @example
 * const topology = standardTopology({});
 * checkFault("f", { kind: "zoneOutage", zone: "us-east-1b", atMs: 0 }, { topology, services: [] }).kind // 'zoneOutage'
 */
export function checkFault(path: string, fault: Fault, ctx: FaultContext): Fault {
  if (fault === null || typeof fault !== "object") throw new SimConfigError(path, fault, "a fault object");
  checkOneOf(`${path}.kind`, fault.kind, FAULT_KINDS);
  checkNumber(`${path}.atMs`, fault.atMs, { min: 0 });
  if (fault.durationMs !== undefined)
    checkNumber(`${path}.durationMs`, fault.durationMs, { min: 0, minExclusive: true });
  switch (fault.kind) {
    case "terminate": {
      const s = checkService(`${path}.service`, fault.service, ctx);
      checkNumber(`${path}.instance`, fault.instance, { min: 0, max: s.instances - 1, integer: true });
      break;
    }
    case "zoneOutage":
      checkZone(`${path}.zone`, fault.zone, ctx.topology);
      break;
    case "regionOutage":
      if (typeof fault.region !== "string" || !ctx.topology.hasRegion(fault.region))
        throw new SimConfigError(
          `${path}.region`,
          fault.region,
          `a region of the topology (${ctx.topology.regions.map((r) => r.name).join(", ")})`,
        );
      break;
    case "latency":
      checkService(`${path}.service`, fault.service, ctx);
      checkNumber(`${path}.addedMs`, fault.addedMs, { min: 0, minExclusive: true, max: 600_000 });
      checkNumber(`${path}.sharePct`, fault.sharePct, { min: 0, max: 100 });
      break;
    case "errors":
      checkService(`${path}.service`, fault.service, ctx);
      checkNumber(`${path}.sharePct`, fault.sharePct, { min: 0, max: 100 });
      break;
    case "partition":
      checkZone(`${path}.zoneA`, fault.zoneA, ctx.topology);
      checkZone(`${path}.zoneB`, fault.zoneB, ctx.topology);
      if (fault.zoneA === fault.zoneB)
        throw new SimConfigError(`${path}.zoneB`, fault.zoneB, "a zone other than zoneA");
      break;
  }
  return fault;
}

/**
 * Checks a whole schedule (may be empty) and returns it sorted by start time, ties kept in
 * the given order, so the same schedule always replays the same way.
 *
 * @example
 * const topology = standardTopology({});
 * checkSchedule([{ kind: "zoneOutage", zone: "us-east-1c", atMs: 5 }, { kind: "zoneOutage", zone: "us-east-1a", atMs: 1 }], { topology, services: [] })[0].atMs // 1
 */
export function checkSchedule(faults: readonly Fault[], ctx: FaultContext, path = "faults"): Fault[] {
  const list = checkArray<Fault>(path, faults, 0);
  return list
    .map((f, i) => ({ f: checkFault(`${path}[${i}]`, f, ctx), i }))
    .sort((a, b) => a.f.atMs - b.f.atMs || a.i - b.i)
    .map((x) => x.f);
}

/**
 * When a fault ends (Infinity if it never does).
 *
 * @example
 * faultEndMs({ kind: "zoneOutage", zone: "z", atMs: 10, durationMs: 5 }) // 15
 */
export function faultEndMs(fault: Fault): number {
  return fault.durationMs === undefined ? Infinity : fault.atMs + fault.durationMs;
}
