import { checkNumber } from "../errors/index.js";
import type { Handler, Simulation } from "../kernel/index.js";
import { GaugeSeries } from "../metrics/index.js";
import type { ReplayRecorder } from "../trace/index.js";

/** How a station serves its jobs; all durations in integer microseconds. */
export interface StationOptions<J> {
  /** Name used in event logs and error messages, e.g. "mid-2". */
  name: string;
  /** Parallel workers (threads in a pool). */
  servers: number;
  /** Jobs that may wait when every worker is busy; more are rejected. `Infinity` for unbounded. */
  queueCapacity: number;
  /** Draws a job's service time when a worker picks it up (unused when `onStart` is given). */
  serviceTimeUs: (job: J) => number;
  /**
   * Manual mode: called when a worker picks a job up; the worker stays busy until the owner
   * calls `release`. A service instance uses this to hold its thread while it waits on
   * downstream calls, as a thread-per-request server does.
   */
  onStart?: (job: J, waitedUs: number) => void;
  /** Called when a worker finishes a job. */
  onDone: (job: J, waitedUs: number, servedUs: number) => void;
  /**
   * Optional gate at the moment a worker would start a job: returning false drops it unserved
   * (e.g. its deadline has passed, so nobody will read the answer).
   */
  admit?: (job: J) => boolean;
  /** Called for each job dropped by `admit`. */
  onDrop?: (job: J) => void;
  /** Bin width of the queue-length and busy-worker series, in virtual ms. */
  seriesBinMs?: number;
  /**
   * Keep the busy-worker series (`busyWorkers`). Off by default: no chart reads it, and updating
   * it twice per job cost about 8% of an M/M/1 run (bench mm1).
   */
  trackBusyWorkers?: boolean;
  /** Reports queue and busy workers to a replay, as the node of this station's name (declared here). */
  replay?: ReplayRecorder | null;
  /** The replay group of this station's node (default: its name). */
  replayGroup?: string;
  /** The label a replay viewer shows on this station's box (default: its name). */
  replayLabel?: string;
}

/**
 * A pool of `servers` workers in front of a bounded FIFO queue: the building block of a service
 * instance and of the textbook M/M/c queue.
 *
 * @example
 * const sim = new Simulation(); const done: number[] = [];
 * const st = new Station(sim, { name: "s", servers: 1, queueCapacity: 10,
 *   serviceTimeUs: () => 1000, onDone: (j: number) => done.push(sim.nowUs) });
 * st.submit(1); st.submit(2); sim.run();
 * done // [1000, 2000]
 */
export class Station<J> {
  readonly name: string;
  readonly servers: number;
  readonly queueCapacity: number;
  /** Jobs waiting for a worker. */
  readonly queueLength: GaugeSeries;
  accepted = 0;
  rejected = 0;
  dropped = 0;
  completed = 0;
  /** Total worker time spent serving, in µs. */
  busyUs = 0;
  private readonly sim: Simulation;
  // The options' callbacks, copied into fields: every Station then has the same shape, so the
  // hot paths read them monomorphically whatever shape each caller's options object had.
  private readonly serviceTimeUs: (job: J) => number;
  private readonly onStart: ((job: J, waitedUs: number) => void) | undefined;
  private readonly onDone: (job: J, waitedUs: number, servedUs: number) => void;
  private readonly admit: ((job: J) => boolean) | undefined;
  private readonly onDrop: ((job: J) => void) | undefined;
  private readonly busySeries: GaugeSeries | null;
  private readonly replay: ReplayRecorder | null;
  // Waiting jobs and when they arrived: a ring buffer (length a power of two) of parallel
  // arrays, so queueing a job allocates nothing.
  private queueJobs: (J | undefined)[] = new Array<J | undefined>(16).fill(undefined);
  private queueSinceUs = new Float64Array(16);
  private head = 0;
  private count = 0;
  private busy = 0;
  // Jobs in service (automatic mode) by worker slot; the completion event carries the slot
  // number, so serving a job allocates nothing either.
  private slotJobs: (J | undefined)[] = [];
  private slotWaitedUs = new Float64Array(8);
  private slotServedUs = new Float64Array(8);
  private readonly freeSlots: number[] = [];
  private readonly finish: Handler<number>;

  constructor(sim: Simulation, options: StationOptions<J>) {
    this.sim = sim;
    this.serviceTimeUs = options.serviceTimeUs;
    this.onStart = options.onStart;
    this.onDone = options.onDone;
    this.admit = options.admit;
    this.onDrop = options.onDrop;
    this.name = options.name;
    this.servers = checkNumber(`${options.name}.servers`, options.servers, { min: 1, integer: true });
    this.queueCapacity =
      options.queueCapacity === Infinity
        ? Infinity
        : checkNumber(`${options.name}.queueCapacity`, options.queueCapacity, { min: 0, integer: true });
    const binMs = options.seriesBinMs ?? 100;
    this.queueLength = new GaugeSeries(binMs);
    this.busySeries = options.trackBusyWorkers === true ? new GaugeSeries(binMs) : null;
    this.finish = sim.handler(`${options.name}.done`, (slot: number) => this.complete(slot));
    this.replay = options.replay ?? null;
    this.replay?.node(this.name, {
      label: options.replayLabel ?? this.name,
      group: options.replayGroup ?? this.name,
      workers: this.servers,
      queueCapacity: this.queueCapacity,
    });
  }

  /**
   * Workers busy over time (only with `trackBusyWorkers: true`). Its time-weighted mean divided
   * by `servers` is the utilisation; `busyUs` gives the same figure without the series.
   */
  get busyWorkers(): GaugeSeries {
    if (this.busySeries === null) {
      throw new Error(`station "${this.name}": busyWorkers needs the option trackBusyWorkers: true`);
    }
    return this.busySeries;
  }

  /** Jobs waiting now. */
  get waiting(): number {
    return this.count;
  }

  /** Workers busy now. */
  get inService(): number {
    return this.busy;
  }

  /** Offers a job; returns false if the queue is full (the job is rejected, nothing scheduled). */
  submit(job: J): boolean {
    if (this.busy < this.servers) {
      this.accepted++;
      this.start(job, 0);
      if (this.replay !== null) this.report();
      return true;
    }
    if (this.waiting >= this.queueCapacity) {
      this.rejected++;
      return false;
    }
    this.accepted++;
    if (this.count === this.queueJobs.length) this.growQueue();
    const at = (this.head + this.count++) & (this.queueJobs.length - 1);
    this.queueJobs[at] = job;
    this.queueSinceUs[at] = this.sim.nowUs;
    this.queueLength.set(this.sim.nowUs, this.count);
    if (this.replay !== null) this.report();
    return true;
  }

  /** Frees a worker taken in manual mode (`onStart`) after `heldUs` of work, and starts the next job. */
  release(heldUs: number): void {
    this.busy--;
    this.completed++;
    this.busyUs += heldUs;
    if (this.busySeries !== null) this.busySeries.set(this.sim.nowUs, this.busy);
    this.startNext();
    if (this.replay !== null) this.report();
  }

  private start(job: J, waitedUs: number): void {
    if (this.onStart !== undefined) {
      this.busy++;
      if (this.busySeries !== null) this.busySeries.set(this.sim.nowUs, this.busy);
      this.onStart(job, waitedUs);
      return;
    }
    const servedUs = this.serviceTimeUs(job);
    this.busy++;
    if (this.busySeries !== null) this.busySeries.set(this.sim.nowUs, this.busy);
    const slot = this.freeSlots.length > 0 ? (this.freeSlots.pop() as number) : this.newSlot();
    this.slotJobs[slot] = job;
    this.slotWaitedUs[slot] = waitedUs;
    this.slotServedUs[slot] = servedUs;
    this.sim.schedule(servedUs, this.finish, slot);
  }

  private complete(slot: number): void {
    const job = this.slotJobs[slot] as J;
    const waitedUs = this.slotWaitedUs[slot] as number;
    const servedUs = this.slotServedUs[slot] as number;
    this.slotJobs[slot] = undefined;
    this.freeSlots.push(slot);
    this.busy--;
    this.completed++;
    this.busyUs += servedUs;
    if (this.busySeries !== null) this.busySeries.set(this.sim.nowUs, this.busy);
    this.onDone(job, waitedUs, servedUs);
    this.startNext();
    if (this.replay !== null) this.report();
  }

  /** Tells the replay where this station stands after an operation (the last report at a time wins). */
  private report(): void {
    this.replay?.gauge(this.name, this.count, this.busy);
  }

  private newSlot(): number {
    const slot = this.slotJobs.length;
    this.slotJobs.push(undefined);
    if (slot === this.slotWaitedUs.length) {
      this.slotWaitedUs = grow(this.slotWaitedUs, slot * 2);
      this.slotServedUs = grow(this.slotServedUs, slot * 2);
    }
    return slot;
  }

  private startNext(): void {
    while (this.busy < this.servers && this.count > 0) {
      const job = this.queueJobs[this.head] as J;
      const sinceUs = this.queueSinceUs[this.head] as number;
      this.queueJobs[this.head] = undefined;
      this.head = (this.head + 1) & (this.queueJobs.length - 1);
      this.count--;
      this.queueLength.set(this.sim.nowUs, this.count);
      if (this.admit !== undefined && !this.admit(job)) {
        this.dropped++;
        this.onDrop?.(job);
        continue;
      }
      this.start(job, this.sim.nowUs - sinceUs);
    }
  }

  /** Doubles the ring, unrolling it so the oldest job sits at index 0. */
  private growQueue(): void {
    const size = this.queueJobs.length;
    const jobs = new Array<J | undefined>(size * 2).fill(undefined);
    const since = new Float64Array(size * 2);
    for (let i = 0; i < this.count; i++) {
      const from = (this.head + i) & (size - 1);
      jobs[i] = this.queueJobs[from];
      since[i] = this.queueSinceUs[from] as number;
    }
    this.queueJobs = jobs;
    this.queueSinceUs = since;
    this.head = 0;
  }
}

function grow(array: Float64Array<ArrayBuffer>, length: number): Float64Array<ArrayBuffer> {
  const bigger = new Float64Array(length);
  bigger.set(array);
  return bigger;
}
