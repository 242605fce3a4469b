import { checkNumber } from "../errors/index.js";
import { type Simulation, usToMs } from "../kernel/index.js";

/** One processed event: when and which handler. */
export interface LogEntry {
  timeUs: number;
  event: string;
}

/**
 * An optional log of processed events. It is off unless attached, so a run without it pays
 * nothing; attached, it keeps at most `limit` entries (the first ones) to bound memory.
 *
 * @example
 * const sim = new Simulation(); const log = EventLog.attach(sim);
 * sim.schedule(5, sim.handler("ping", () => {}), null); sim.run();
 * log.lines() // ['0.005 ms ping']
 */
export class EventLog {
  readonly entries: LogEntry[] = [];
  readonly limit: number;
  /** Events seen after the log was full. */
  overflow = 0;

  private constructor(limit: number) {
    this.limit = checkNumber("eventLog.limit", limit, { min: 0, integer: true });
  }

  /** Starts logging every event `sim` processes. */
  static attach(sim: Simulation, limit = 100_000): EventLog {
    const log = new EventLog(limit);
    sim.observe((timeUs, handler) => {
      if (log.entries.length < log.limit) log.entries.push({ timeUs, event: handler.name });
      else log.overflow++;
    });
    return log;
  }

  /** The log as text lines, times in ms. */
  lines(): string[] {
    return this.entries.map((e) => `${usToMs(e.timeUs)} ms ${e.event}`);
  }
}
