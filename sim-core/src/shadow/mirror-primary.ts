import { type Simulation, US_PER_MS } from "../kernel/index.js";
import { Histogram } from "../metrics/index.js";
import { distribution, type Rng } from "../random/index.js";
import { Station } from "../rpc/index.js";
import type { ReplayRecorder } from "../trace/index.js";
import type { MirrorOptions } from "./mirror-options.js";
import type { MirrorReplay } from "./mirror-replay.js";
import { drawnUs, type ShadowPath } from "./mirror-shadow.js";
import type { MirrorResult, WindowCounters } from "./mirror-window.js";

/** A customer's request to the primary. */
export interface MirrorJob {
  customer: number;
  arrivalUs: number;
  startUs: number;
  /** Picked by the sampler: a copy goes to the cloud. */
  mirror: boolean;
}

/**
 * The primary (the data centre's monolith): a thread pool in front of a bounded queue, a
 * `Station` whose threads stay busy for the drawn work, and in sync mode until the copy answers.
 * A request the customer waited on longer than the client's timeout counts as an error.
 */
export class PrimaryPath {
  requests = 0;
  errors = 0;
  threadsPeak = 0;
  /** Draws the replay's arrows; set once both stations have declared their boxes. */
  tape: MirrorReplay | null = null;
  readonly station: Station<MirrorJob>;
  private readonly latency = new Histogram();

  constructor(
    private readonly sim: Simulation,
    private readonly o: MirrorOptions,
    rng: Rng,
    private readonly w: WindowCounters,
    replay: ReplayRecorder | null,
    shadow: ShadowPath<MirrorJob>,
  ) {
    const work = distribution({ kind: "lognormal", median: o.primaryMedianMs, p99: o.primaryP99Ms }, "mirror.primary");
    // Registered after the shadow path's handlers and before the station's: handler numbers are
    // part of the run's fingerprint.
    const workDone = sim.handler("primary.done", (job: MirrorJob) => {
      if (o.mode === "sync" && job.mirror) shadow.send(job);
      else this.finish(job);
    });
    this.station = new Station<MirrorJob>(sim, {
      name: "primary",
      replay,
      replayLabel: "monolith (data centre)",
      servers: o.primaryThreads,
      queueCapacity: o.primaryQueue,
      serviceTimeUs: () => 0,
      onStart: (job) => {
        job.startUs = sim.nowUs;
        if (this.station.inService > this.threadsPeak) this.threadsPeak = this.station.inService;
        if (job.mirror && o.mode !== "sync") shadow.send(null);
        sim.schedule(drawnUs(work.sample(rng)), workDone, job);
      },
      onDone: () => undefined,
    });
  }

  /** Counts a customer's request, whatever becomes of it. */
  arrive(): void {
    this.requests++;
    this.w.primaryRequests++;
  }

  /** Queues a request; false when the queue is full. */
  submit(job: MirrorJob): boolean {
    return this.station.submit(job);
  }

  /** A request that failed before any work: the queue was full, or the heap is gone. */
  fail(): void {
    this.errors++;
    this.w.primaryErrors++;
  }

  /** Frees the request's thread and answers the customer. */
  finish(job: MirrorJob): void {
    const { sim, o, w } = this;
    this.station.release(sim.nowUs - job.startUs);
    const latencyMs = (sim.nowUs - job.arrivalUs) / US_PER_MS;
    this.latency.record(latencyMs);
    w.primaryLatencyMs.push(latencyMs);
    if (latencyMs > o.clientTimeoutMs) this.fail();
    this.tape?.answer(latencyMs <= o.clientTimeoutMs);
  }

  /** The primary's part of the run's result. */
  result(durationUs: number): MirrorResult["primary"] {
    return {
      requests: this.requests,
      errors: this.errors,
      errorRate: this.requests === 0 ? 0 : this.errors / this.requests,
      latencyMs: this.latency.summary(),
      threadsBusyPeak: this.threadsPeak,
      threadsBusyMean: this.station.busyUs / durationUs,
    };
  }
}
