// flow: client → edge → mid → 3 parallel leaves (lognormal leaf latency, 100 ms timeout per
// attempt, one retry on another instance), built by sim-core's `fanOutFlow` exactly as a module
// would run it. `--rate` sets the client's Poisson rate (req/s), `--instances` the instances per
// service; the in-flight case raises both to keep about 2,400 requests in flight.
import { fanOutFlow } from "../sim-core/src/index.js";
import { runVariant, type VariantArgs } from "./lib/child.js";
import { flowOnTypedArrays } from "./lib/flow-typed.js";

const LEAVES = 3;

function options({ size, seed, extra }: VariantArgs) {
  return {
    requests: size,
    seed,
    ratePerSec: Number(extra.rate ?? 1000),
    instances: Number(extra.instances ?? 3),
    leaves: LEAVES,
  };
}

runVariant({
  sim: (args) => {
    const o = options(args);
    const r = fanOutFlow(o);
    // Time-weighted mean of requests in flight at the edge, from its per-bin series.
    let area = 0;
    let peak = 0;
    const binMs = (r.inFlight[1]?.timeMs ?? r.simulatedMs) - (r.inFlight[0]?.timeMs ?? 0);
    for (const bin of r.inFlight) {
      area += bin.mean * Math.min(binMs, r.simulatedMs - bin.timeMs);
      peak = Math.max(peak, bin.max);
    }
    return {
      requests: r.requests,
      events: r.events,
      ok: r.outcomes.ok,
      latencyMsMean: r.latencyMs.mean,
      latencyMsP99: r.latencyMs.p99,
      attemptsPerRequest: r.calls.reduce((sum, c) => sum + c.attemptsPerRequest, 0),
      inFlightMean: area / r.simulatedMs,
      inFlightPeak: peak,
      simulatedMs: r.simulatedMs,
      fingerprint: r.fingerprint,
    };
  },
  typed: (args) => flowOnTypedArrays(options(args)),
});
