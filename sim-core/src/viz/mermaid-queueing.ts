import type { QueueingResult } from "../scenarios/index.js";

function fixed(value: number, digits = 1): string {
  return value.toFixed(digits);
}

/**
 * A Mermaid flowchart of the queueing scenario as it ran: arrivals, the FIFO queue, the workers,
 * labelled with the run's own measured rate, waits and utilisation (never typed by hand).
 *
 * @example
 * queueingMermaid(queueing.run({ customers: 1000 })).split("\n")[0] // 'flowchart LR'
 */
export function queueingMermaid(result: QueueingResult, servers = 1): string {
  const law = result.littlesLaw;
  const workers = servers === 1 ? "1 worker" : `${servers} workers`;
  return [
    "flowchart LR",
    `  arrivals(["arrivals<br/>${fixed(law.arrivalRatePerS)} req/s"])`,
    `  queue[["FIFO queue<br/>mean wait ${fixed(result.waitMs.mean)} ms"]]`,
    `  workers["${workers}<br/>busy ${fixed(100 * result.utilisation)}% of the time"]`,
    `  done(["done<br/>mean response ${fixed(result.responseMs.mean)} ms"])`,
    "  arrivals --> queue --> workers --> done",
  ].join("\n");
}
