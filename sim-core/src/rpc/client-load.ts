import { checkNumber } from "../errors/index.js";
import { type Handler, US_PER_MS, US_PER_S } from "../kernel/index.js";
import { exponentialGap, type Rng } from "../random/index.js";
import type { RpcCore } from "./core.js";

/** Open-loop Poisson client load: the next arrival is drawn when one is sent. */
export class ClientLoad {
  private endUs = 0;
  private meanGapUs = 0;
  private left = Infinity;
  /** Set once by the RpcSystem: the load's own event, and what one client request does. */
  handler!: Handler<null>;
  send!: () => void;

  constructor(
    private readonly core: RpcCore,
    private readonly rng: Rng,
  ) {}

  start(o: { ratePerSec: number; durationMs: number; fromMs?: number; count?: number }): void {
    const sim = this.core.sim;
    this.left = o.count === undefined ? Infinity : checkNumber("load.count", o.count, { min: 0, integer: true });
    const rate = checkNumber("load.ratePerSec", o.ratePerSec, { min: 0, minExclusive: true, max: 1e7 });
    const fromUs = Math.round(checkNumber("load.fromMs", o.fromMs ?? sim.nowMs, { min: sim.nowMs }) * US_PER_MS);
    this.endUs = fromUs + Math.round(checkNumber("load.durationMs", o.durationMs, { min: 0 }) * US_PER_MS);
    this.meanGapUs = US_PER_S / rate;
    sim.scheduleAt(fromUs, this.handler, null);
  }

  onLoad(): void {
    if (this.left <= 0) return;
    this.left--;
    this.send();
    const sim = this.core.sim;
    const gap = Math.round(exponentialGap(this.meanGapUs, this.rng));
    if (sim.nowUs + gap < this.endUs) sim.schedule(gap, this.handler, null);
  }
}
