import { checkNumber } from "../errors/index.js";
import type { Handler, Simulation } from "./simulation.js";
import { msToUs } from "./time.js";

/** What a process may yield: a pause in virtual time, or a signal to wait for. */
export type ProcessStep = Pause | Signal<unknown>;

/** A pause of a whole number of microseconds. */
export interface Pause {
  readonly pauseUs: number;
}

/** A process body: a generator that yields pauses and signals, and receives signal values. */
export type ProcessBody = () => Generator<ProcessStep, void, unknown>;

interface Running {
  generator: Generator<ProcessStep, void, unknown>;
  finished: Signal<void>;
  value: unknown;
}

/**
 * A pause for a process, in (possibly fractional) milliseconds.
 *
 * @example
 * pause(1.5).pauseUs // 1500
 */
export function pause(ms: number): Pause {
  return { pauseUs: msToUs(checkNumber("pause(ms)", ms, { min: 0 })) };
}

/**
 * Something processes can wait for; `fire(value)` wakes every waiting process with `value`,
 * in the order they began waiting.
 *
 * @example
 * new Signal<number>().waiting // 0
 */
export class Signal<T> {
  /** @internal */
  readonly waiters: Running[] = [];
  /** @internal */
  resume: ((running: Running, value: unknown) => void) | null = null;

  get waiting(): number {
    return this.waiters.length;
  }

  /** Wakes every waiting process now (at the current virtual time, after the current event). */
  fire(value: T): void {
    const waiters = this.waiters.splice(0);
    for (const running of waiters) this.resume?.(running, value);
  }
}

/**
 * SimPy-style processes on the kernel: write a component as a generator that yields `pause(ms)`
 * or a `Signal`, instead of a set of event handlers. Handy for teaching and for models with
 * few events per entity; the hot paths of sim-core use handlers directly.
 *
 * @example
 * const sim = new Simulation(); const procs = new Processes(sim); const log: number[] = [];
 * procs.start(function* () { yield pause(2); log.push(sim.nowMs); yield pause(3); log.push(sim.nowMs); });
 * sim.run(); log // [2, 5]
 */
export class Processes {
  private readonly sim: Simulation;
  private readonly wake: Handler<Running>;

  constructor(sim: Simulation) {
    this.sim = sim;
    this.wake = sim.handler("process.wake", (running: Running) => this.step(running));
  }

  /** Starts a process now; the returned signal fires when its body returns. */
  start(body: ProcessBody): Signal<void> {
    const finished = this.connect(new Signal<void>());
    const running: Running = { generator: body(), finished, value: undefined };
    this.sim.schedule(0, this.wake, running);
    return finished;
  }

  private connect<T>(signal: Signal<T>): Signal<T> {
    signal.resume ??= (running, value) => {
      running.value = value;
      this.sim.schedule(0, this.wake, running);
    };
    return signal;
  }

  private step(running: Running): void {
    const value = running.value;
    running.value = undefined;
    const next = running.generator.next(value);
    if (next.done) {
      running.finished.fire(undefined);
      return;
    }
    const step = next.value;
    if (step instanceof Signal) {
      this.connect(step).waiters.push(running);
    } else if (step !== null && typeof step === "object" && typeof step.pauseUs === "number") {
      this.sim.schedule(step.pauseUs, this.wake, running);
    } else {
      throw new TypeError(`a process yielded ${String(step)}; yield pause(ms) or a Signal`);
    }
  }
}
