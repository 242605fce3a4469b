import { type Handler, msToUs, Simulation, usToMs } from "../kernel/index.js";
import { Histogram, type LatencySummary } from "../metrics/index.js";
import { createRng, distribution } from "../random/index.js";
import { fanOutSlowProbability } from "../theory/index.js";
import { defineScenario } from "./scenario.js";

/** Fan-out widths reported on the curve, capped at the chosen number of leaves. */
const CURVE_WIDTHS = [1, 2, 5, 10, 20, 50, 100, 200];
/** Requests start this far apart; leaves have no queue here, so spacing only orders the log. */
const REQUEST_GAP_MS = 1;

export interface FanOutResult {
  seed: number | string;
  fingerprint: string;
  requests: number;
  leaves: number;
  /** Latency of one leaf call, for comparison with the whole request. */
  leafMs: LatencySummary;
  /** Latency of the request: it waits for its slowest leaf. */
  requestMs: LatencySummary;
  /** Share of requests that met at least one slow leaf, simulated and by 1 − (1 − p)^n. */
  slowShare: { simulated: number; theory: number };
  /** The same share at smaller widths, measured on the first k leaves of each request. */
  curve: { leaves: number; simulated: number; theory: number }[];
}

interface Pending {
  startUs: number;
  remaining: number;
  slowSeen: number;
  /** Index of the first slow leaf, or Infinity: gives the curve for every prefix width. */
  firstSlow: number;
}

interface LeafReply {
  request: Pending;
}

/**
 * Tail latency at fan-out: a request calls `leaves` leaves in parallel and waits for all; each
 * leaf is usually fast but slow with probability p. Shows 1 − (1 − p)^n by simulation.
 *
 * @example
 * fanOut.run({ leaves: 100, slowPercent: 1 }).slowShare.theory.toFixed(3) // '0.634'
 */
export const fanOut = defineScenario({
  id: "fanOut",
  title: "Tail latency at fan-out",
  module: 0,
  summary: "One request, n parallel leaf calls, wait for the slowest: rare slow leaves become common slow requests.",
  defaultSeed: 42,
  params: {
    leaves: {
      kind: "number",
      label: "Leaves n",
      description: "Parallel calls each request makes; it answers when the last one does.",
      default: 20,
      min: 1,
      max: 200,
      step: 1,
      integer: true,
    },
    slowPercent: {
      kind: "number",
      label: "Slow leaf chance p",
      description: "Chance that any one leaf call is slow (a GC pause, a cold cache).",
      default: 1,
      min: 0,
      max: 100,
      step: 0.1,
      unit: "%",
    },
    fastMsMedian: {
      kind: "number",
      label: "Fast leaf median",
      description: "Median latency of a normal leaf call (lognormal, p99 = 3× median).",
      default: 10,
      min: 0,
      minExclusive: true,
      max: 1000,
      step: 1,
      unit: "ms",
    },
    slowMs: {
      kind: "number",
      label: "Slow leaf latency",
      description: "Latency of a slow leaf call.",
      default: 500,
      min: 0,
      max: 60_000,
      step: 10,
      unit: "ms",
    },
    requests: {
      kind: "number",
      label: "Requests",
      description: "How many requests to simulate.",
      default: 2000,
      min: 10,
      max: 1_000_000,
      step: 10,
      integer: true,
    },
  },
  body(p): FanOutResult {
    const rng = createRng(p.seed).fork("leaves");
    const fast = distribution(
      { kind: "lognormal", median: p.fastMsMedian, p99: 3 * p.fastMsMedian },
      "fanOut.fastMsMedian",
    );
    const slowChance = p.slowPercent / 100;
    const sim = new Simulation();
    const leafMs = new Histogram();
    const requestMs = new Histogram();
    const widths = CURVE_WIDTHS.filter((w) => w < p.leaves).concat(p.leaves);
    const slowAtWidth = new Float64Array(widths.length);

    const reply: Handler<LeafReply> = sim.handler("leaf.reply", ({ request }) => {
      if (--request.remaining > 0) return;
      requestMs.record(usToMs(sim.nowUs - request.startUs));
      for (let i = 0; i < widths.length; i++) {
        if (request.firstSlow < (widths[i] as number)) slowAtWidth[i] = (slowAtWidth[i] as number) + 1;
      }
    });
    let started = 0;
    const start: Handler<null> = sim.handler("request.start", () => {
      const request: Pending = { startUs: sim.nowUs, remaining: p.leaves, slowSeen: 0, firstSlow: Infinity };
      for (let leaf = 0; leaf < p.leaves; leaf++) {
        const slow = rng.next() < slowChance;
        const latencyMs = slow ? p.slowMs : fast.sample(rng);
        if (slow && request.firstSlow === Infinity) request.firstSlow = leaf;
        leafMs.record(latencyMs);
        sim.schedule(msToUs(latencyMs), reply, { request });
      }
      if (++started < p.requests) sim.schedule(msToUs(REQUEST_GAP_MS), start, null);
    });
    sim.schedule(0, start, null);
    sim.run();
    const curve = widths.map((w, i) => ({
      leaves: w,
      simulated: (slowAtWidth[i] as number) / p.requests,
      theory: fanOutSlowProbability(w, slowChance),
    }));
    const last = curve[curve.length - 1] as { simulated: number; theory: number };
    return {
      seed: p.seed,
      fingerprint: sim.fingerprint,
      requests: p.requests,
      leaves: p.leaves,
      leafMs: leafMs.summary(),
      requestMs: requestMs.summary(),
      slowShare: { simulated: last.simulated, theory: last.theory },
      curve,
    };
  },
});
