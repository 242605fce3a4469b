import { checkNumber } from "../errors/index.js";
import type { Handler, Simulation } from "../kernel/index.js";
import { GaugeSeries } from "../metrics/index.js";

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
}

interface Waiting<J> {
  job: J;
  enqueuedUs: number;
}

interface InService<J> {
  job: J;
  waitedUs: number;
  servedUs: number;
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
  /** Workers busy. Its time-weighted mean divided by `servers` is the utilisation. */
  readonly busyWorkers: GaugeSeries;
  accepted = 0;
  rejected = 0;
  dropped = 0;
  completed = 0;
  /** Total worker time spent serving, in µs. */
  busyUs = 0;
  private readonly sim: Simulation;
  private readonly options: StationOptions<J>;
  private readonly queue: (Waiting<J> | undefined)[] = [];
  private head = 0;
  private busy = 0;
  private readonly finish: Handler<InService<J>>;

  constructor(sim: Simulation, options: StationOptions<J>) {
    this.sim = sim;
    this.options = options;
    this.name = options.name;
    this.servers = checkNumber(`${options.name}.servers`, options.servers, { min: 1, integer: true });
    this.queueCapacity =
      options.queueCapacity === Infinity
        ? Infinity
        : checkNumber(`${options.name}.queueCapacity`, options.queueCapacity, { min: 0, integer: true });
    const binMs = options.seriesBinMs ?? 100;
    this.queueLength = new GaugeSeries(binMs);
    this.busyWorkers = new GaugeSeries(binMs);
    this.finish = sim.handler(`${options.name}.done`, (work: InService<J>) => this.complete(work));
  }

  /** Jobs waiting now. */
  get waiting(): number {
    return this.queue.length - this.head;
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
      return true;
    }
    if (this.waiting >= this.queueCapacity) {
      this.rejected++;
      return false;
    }
    this.accepted++;
    this.queue.push({ job, enqueuedUs: this.sim.nowUs });
    this.queueLength.set(this.sim.nowUs, this.waiting);
    return true;
  }

  /** Frees a worker taken in manual mode (`onStart`) after `heldUs` of work, and starts the next job. */
  release(heldUs: number): void {
    this.busy--;
    this.completed++;
    this.busyUs += heldUs;
    this.busyWorkers.set(this.sim.nowUs, this.busy);
    this.startNext();
  }

  private start(job: J, waitedUs: number): void {
    if (this.options.onStart !== undefined) {
      this.busy++;
      this.busyWorkers.set(this.sim.nowUs, this.busy);
      this.options.onStart(job, waitedUs);
      return;
    }
    const servedUs = this.options.serviceTimeUs(job);
    this.busy++;
    this.busyWorkers.set(this.sim.nowUs, this.busy);
    this.sim.schedule(servedUs, this.finish, { job, waitedUs, servedUs });
  }

  private complete(work: InService<J>): void {
    this.busy--;
    this.completed++;
    this.busyUs += work.servedUs;
    this.busyWorkers.set(this.sim.nowUs, this.busy);
    this.options.onDone(work.job, work.waitedUs, work.servedUs);
    this.startNext();
  }

  private startNext(): void {
    while (this.busy < this.servers && this.waiting > 0) {
      const next = this.dequeue();
      if (this.options.admit !== undefined && !this.options.admit(next.job)) {
        this.dropped++;
        this.options.onDrop?.(next.job);
        continue;
      }
      this.start(next.job, this.sim.nowUs - next.enqueuedUs);
    }
  }

  private dequeue(): Waiting<J> {
    const next = this.queue[this.head] as Waiting<J>;
    this.queue[this.head++] = undefined;
    // Compact now and then so a long run's queue array does not grow without bound.
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue.splice(0, this.head);
      this.head = 0;
    }
    this.queueLength.set(this.sim.nowUs, this.waiting);
    return next;
  }
}
