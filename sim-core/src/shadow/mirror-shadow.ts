import { type Handler, msToUs, type Simulation, US_PER_MS } from "../kernel/index.js";
import { Histogram } from "../metrics/index.js";
import type { Rng } from "../random/index.js";
import { Station } from "../rpc/index.js";
import type { ReplayRecorder } from "../trace/index.js";
import type { MirrorOptions } from "./mirror-options.js";
import type { MirrorReplay } from "./mirror-replay.js";
import type { MirrorResult, WindowCounters } from "./mirror-window.js";

/** Whole, non-negative microseconds of a drawn duration in ms. */
export const drawnUs = (ms: number) => Math.max(0, msToUs(ms));

/** One copy on its way to the cloud; `job` is the primary request waiting on it (sync mode only). */
interface ShadowCall<J> {
  job: J | null;
  sentUs: number;
  done: boolean;
  timeoutId: number;
}

const OK = 0;
const ERROR = 1;
const TIMEOUT = 2;

/**
 * The copies' side of a mirroring run: shadow calls to the cloud stack in `options.mode`, their
 * timeouts and in-flight bound, and the cloud's front end, a `Station` whose cache warms as it
 * serves. A sync copy hands its primary request back to `finish` when it completes.
 */
export class ShadowPath<J> {
  sent = 0;
  dropped = 0;
  ok = 0;
  errors = 0;
  timeouts = 0;
  inFlight = 0;
  peak = 0;
  /** When the pending copies outgrew the heap headroom (the monolith fails), or null. */
  oomAtMs: number | null = null;
  /** Draws the replay's arrows; set once both stations have declared their boxes. */
  tape: MirrorReplay | null = null;
  readonly cloud: Station<ShadowCall<J>>;
  private served = 0;
  private hits = 0;
  private readonly latency = new Histogram();
  private readonly timeoutUs: number;
  private readonly rttUs: number;
  private readonly refuse: Handler<ShadowCall<J>>;
  private readonly expire: Handler<ShadowCall<J>>;

  constructor(
    private readonly sim: Simulation,
    private readonly o: MirrorOptions,
    private readonly rng: Rng,
    private readonly w: WindowCounters,
    replay: ReplayRecorder | null,
    private readonly finish: (job: J) => void,
  ) {
    this.timeoutUs = o.mode === "async-unbounded" ? Infinity : drawnUs(o.shadowTimeoutMs);
    // Registered in this order (answer, error, timeout, then the station's): handler numbers are
    // part of the run's fingerprint.
    const answer = sim.handler("shadow.answer", (call: ShadowCall<J>) => this.complete(call, OK));
    this.refuse = sim.handler("shadow.error", (call: ShadowCall<J>) => this.complete(call, ERROR));
    this.expire = sim.handler("shadow.timeout", (call: ShadowCall<J>) => {
      if (!call.done) this.tape?.reply(0, "timeout");
      this.complete(call, TIMEOUT);
    });
    const slow = o.cloud === "slow" ? o.slowFactor : 1;
    this.rttUs = drawnUs(2 * o.networkMs);
    this.cloud = new Station<ShadowCall<J>>(sim, {
      name: "cloud",
      replay,
      replayLabel: "cloud front end",
      servers: o.cloudWorkers,
      queueCapacity: o.cloudQueue,
      serviceTimeUs: () => {
        const hitRatio = o.cacheHitRatioMax * (1 - Math.exp(-this.served / o.cacheWarmRequests));
        const hit = this.rng.next() < hitRatio;
        this.served++;
        this.w.served++;
        if (hit) {
          this.hits++;
          this.w.hits++;
        }
        const mean = (hit ? o.cloudHitMs : o.cloudMissMs) * slow;
        return Math.max(1, drawnUs(-mean * Math.log(1 - this.rng.next())));
      },
      onDone: (call) => {
        this.tape?.reply(this.rttUs, "ok");
        sim.schedule(this.rttUs, answer, call);
      },
    });
  }

  /** Sends a copy (of `job`, in sync mode; null when the primary does not wait for it). */
  send(job: J | null): void {
    const { sim, o, w } = this;
    this.sent++;
    w.sent++;
    if (o.mode === "async-bounded" && this.inFlight >= o.maxInFlight) {
      this.dropped++;
      w.failed++;
      this.tape?.copy(true);
      return;
    }
    const call: ShadowCall<J> = { job, sentUs: sim.nowUs, done: false, timeoutId: -1 };
    this.tape?.copy(false);
    this.inFlight++;
    if (this.inFlight > this.peak) this.peak = this.inFlight;
    if (o.mode === "async-unbounded" && this.oomAtMs === null && this.memoryHeldMb() > o.heapHeadroomMb) {
      this.oomAtMs = sim.nowMs;
    }
    if (this.timeoutUs !== Infinity) call.timeoutId = sim.schedule(this.timeoutUs, this.expire, call);
    if (o.cloud === "down") return; // The connection hangs: only a timeout ends the call.
    const failed = this.rng.next() < o.cloudErrorRate;
    if (failed || !this.cloud.submit(call)) {
      this.tape?.reply(this.rttUs, failed ? "error" : "rejected");
      sim.schedule(this.rttUs, this.refuse, call);
    }
  }

  /** Memory the pending copies hold, MB. */
  memoryHeldMb(): number {
    return (this.inFlight * this.o.requestKb) / 1024;
  }

  private complete(call: ShadowCall<J>, outcome: typeof OK | typeof ERROR | typeof TIMEOUT): void {
    if (call.done) return;
    const { sim, w } = this;
    call.done = true;
    this.inFlight--;
    if (call.timeoutId >= 0 && outcome !== TIMEOUT) sim.cancel(call.timeoutId);
    const ms = (sim.nowUs - call.sentUs) / US_PER_MS;
    this.latency.record(ms);
    w.shadowLatencyMs.push(ms);
    if (outcome === OK) this.ok++;
    else if (outcome === ERROR) this.errors++;
    else this.timeouts++;
    if (outcome !== OK) w.failed++;
    sim.fold(outcome);
    if (call.job !== null) this.finish(call.job);
  }

  /** The shadow and cloud parts of the run's result. */
  result(durationUs: number): Pick<MirrorResult, "shadow" | "cloud"> {
    const o = this.o;
    return {
      shadow: {
        sent: this.sent,
        dropped: this.dropped,
        ok: this.ok,
        errors: this.errors,
        timeouts: this.timeouts,
        inFlightPeak: this.peak,
        inFlightAtEnd: this.inFlight,
        memoryHeldMbPeak: (this.peak * o.requestKb) / 1024,
        oomAtMs: this.oomAtMs,
        latencyMs: this.latency.summary(),
      },
      cloud: {
        utilisation: Math.min(1, this.cloud.busyUs / (durationUs * o.cloudWorkers)),
        cacheHitRatio: this.served === 0 ? 0 : this.hits / this.served,
      },
    };
  }
}
