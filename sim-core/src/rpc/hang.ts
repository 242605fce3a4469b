import { checkNumber, SimConfigError } from "../errors/index.js";
import { type Handler, US_PER_MS } from "../kernel/index.js";
import type { RpcCore } from "./core.js";
import type { InstanceRt } from "./runtime.js";
import type { ServerJobs } from "./server-jobs.js";

/** A hang fault: an instance that stops answering for a while (a long GC pause) or for ever. */
export interface HangFault {
  instance: InstanceRt;
  untilUs: number;
}

/**
 * Hang faults. While an instance hangs, what arrives is parked and what it was doing holds its
 * worker (`ServerJobs` checks `hungUntilUs`); when the hang ends, the parked requests are admitted.
 */
export class Hangs {
  /** Set once by the RpcSystem. */
  hangHandler!: Handler<HangFault>;
  unhangHandler!: Handler<InstanceRt>;

  constructor(
    private readonly core: RpcCore,
    private readonly jobs: ServerJobs,
  ) {}

  schedule(service: string, instance: number, atMs: number, durationMs?: number): void {
    const core = this.core;
    const s = core.services.find((x) => x.name === service);
    if (s === undefined)
      throw new SimConfigError("hang.service", service, `one of ${core.services.map((x) => x.name).join(", ")}`);
    const inst = s.instances[
      checkNumber("hang.instance", instance, { min: 0, max: s.instances.length - 1, integer: true })
    ] as InstanceRt;
    const atUs = Math.round(checkNumber("hang.atMs", atMs, { min: core.sim.nowMs }) * US_PER_MS);
    const untilUs =
      durationMs === undefined
        ? Infinity
        : atUs + Math.round(checkNumber("hang.durationMs", durationMs, { min: 0 }) * US_PER_MS);
    core.sim.scheduleAt(atUs, this.hangHandler, { instance: inst, untilUs });
  }

  onHang(h: HangFault): void {
    h.instance.hungUntilUs = h.untilUs;
    this.core.replay?.health(h.instance.name, "hung");
    if (h.untilUs !== Infinity) this.core.sim.scheduleAt(h.untilUs, this.unhangHandler, h.instance);
  }

  onUnhang(inst: InstanceRt): void {
    this.core.replay?.health(inst.name, "up");
    const parked = inst.parked.splice(0);
    for (const job of parked) this.jobs.admit(job);
  }
}
