import type { FanOutResult, QueueingResult } from "../scenarios/index.js";

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
export function queueingMermaid(result: QueueingResult, servers = result.servers): string {
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

/**
 * A Mermaid flowchart of the fan-out scenario: one request, n parallel leaves, labelled with the
 * run's own leaf and request percentiles. Wide fan-outs show the first leaves and a count.
 *
 * @example
 * fanOutMermaid(fanOut.run({ leaves: 3, requests: 100 })).split("\n")[0] // 'flowchart LR'
 */
export function fanOutMermaid(result: FanOutResult): string {
  const shown = Math.min(result.leaves, MAX_LEAVES_DRAWN);
  const lines = [
    "flowchart LR",
    `  request(["request<br/>p50 ${fixed(result.requestMs.p50)} ms, p99 ${fixed(result.requestMs.p99)} ms"])`,
    `  join{{"wait for all ${result.leaves}"}}`,
  ];
  for (let i = 0; i < shown; i++) {
    lines.push(`  leaf${i}["leaf ${i + 1}<br/>p50 ${fixed(result.leafMs.p50)} ms"]`, `  request --> leaf${i} --> join`);
  }
  if (result.leaves > shown) {
    lines.push(`  more["… ${result.leaves - shown} more leaves"]`, "  request -.-> more -.-> join");
  }
  lines.push(
    `  answer(["answer<br/>${fixed(100 * result.slowShare.simulated)}% met a slow leaf"])`,
    "  join --> answer",
  );
  return lines.join("\n");
}

/** Beyond this many leaves the diagram would be a wall of boxes; the rest are summarised. */
const MAX_LEAVES_DRAWN = 4;
