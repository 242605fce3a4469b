// fanOut: the module-0 tail-at-scale scenario at 200, 2,000 and 10,000 leaves per request, 2,000
// requests (its default), 1% slow leaves. "Interactive" is the target: a page redraw at 10,000
// leaves should cost well under 100 ms. Variants: `sim` runs fanOut.run as the page does; `typed`
// draws the same numbers in the same order (the first 20 leaves one by one, the rest through
// slowestLeaf) without the event kernel, so the curve of slow shares must match exactly.
//
//   node --import tsx bench/fan-out.bench.ts --variant sim --size 10000
import { createRng, distribution, fanOut, normalQuantile, slowestLeaf } from "sim-core";
import { runVariant } from "./lib/child.js";

const REQUESTS = 2000;
const SLOW_PERCENT = 1;
const FAST_MS_MEDIAN = 10;
const SLOW_MS = 500;
/** The scenario's EXPLICIT_LEAVES (sim-core/src/scenarios/fan-out.ts). */
const EXPLICIT_LEAVES = 20;

function simVariant(leaves: number, seed: number): Record<string, unknown> {
  const res = fanOut.run({ leaves, requests: REQUESTS, slowPercent: SLOW_PERCENT, seed });
  return {
    leaves,
    requests: REQUESTS,
    curve: res.curve.map((c) => c.simulated).join(","),
    requestP50: res.requestMs.p50,
  };
}

function typedVariant(leaves: number, seed: number): Record<string, unknown> {
  const rng = createRng(seed).fork("leaves");
  const spec = { kind: "lognormal", median: FAST_MS_MEDIAN, p99: 3 * FAST_MS_MEDIAN } as const;
  const fast = distribution(spec);
  const mu = Math.log(spec.median);
  const sigma = (Math.log(spec.p99) - mu) / normalQuantile(0.99);
  const p = SLOW_PERCENT / 100;
  const explicit = Math.min(leaves, EXPLICIT_LEAVES);
  const widths = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000]
    .filter((w) => w < leaves)
    .concat(leaves);
  const slowAt = new Float64Array(widths.length);
  const requestMs = new Float64Array(REQUESTS);
  for (let q = 0; q < REQUESTS; q++) {
    let max = 0;
    let firstSlow = Infinity;
    for (let leaf = 0; leaf < explicit; leaf++) {
      const slow = rng.next() < p;
      const ms = slow ? SLOW_MS : fast.sample(rng);
      if (slow && firstSlow === Infinity) firstSlow = leaf;
      if (ms > max) max = ms;
    }
    if (leaves > explicit) {
      const rest = slowestLeaf(leaves - explicit, p, mu, sigma, SLOW_MS, rng);
      if (firstSlow === Infinity) firstSlow = explicit + rest.firstSlow;
      if (rest.maxMs > max) max = rest.maxMs;
    }
    requestMs[q] = max;
    for (let i = 0; i < widths.length; i++)
      if (firstSlow < (widths[i] as number)) slowAt[i] = (slowAt[i] as number) + 1;
  }
  requestMs.sort();
  const curve = Array.from(slowAt, (count) => count / REQUESTS).join(",");
  // The scenario's p50 comes from a log-bucketed histogram of µs times: it agrees only roughly.
  return { leaves, requests: REQUESTS, curve, requestP50: requestMs[REQUESTS / 2 - 1] };
}

runVariant({
  sim: ({ size, seed }) => simVariant(size, seed),
  typed: ({ size, seed }) => typedVariant(size, seed),
});
