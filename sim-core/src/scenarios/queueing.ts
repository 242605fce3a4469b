import { type Handler, msToUs, Simulation, usToMs } from "../kernel/index.js";
import { Histogram, type LatencySummary } from "../metrics/index.js";
import { createRng, type Distribution, distribution } from "../random/index.js";
import { Station } from "../rpc/index.js";
import { type MmcTheory, mmcTheory } from "../theory/index.js";
import { defineScenario } from "./scenario.js";

/** Service-time shapes with the same mean, to show that the queue cares about variance too. */
const SERVICE_SHAPES = ["exponential", "constant", "lognormal"] as const;
/** Spread of the lognormal shape: p99 is about 10× the median, a common tail in RPC services. */
const LOGNORMAL_SIGMA = Math.log(10) / 2.3263478740408408;

export interface QueueingResult {
  seed: number | string;
  fingerprint: string;
  customers: number;
  /** Workers in the pool (c). */
  servers: number;
  /** Time-weighted share of worker capacity in use. */
  utilisation: number;
  responseMs: LatencySummary;
  waitMs: LatencySummary;
  /** Textbook M/M/c figures in ms; null when the queue is unstable or service is not exponential. */
  theory: (MmcTheory & { utilisation: number }) | null;
  /** Little's law, L = λ·W, measured: both sides come from the run itself. */
  littlesLaw: { arrivalRatePerS: number; meanResponseMs: number; meanInSystem: number; lambdaTimesW: number };
  /** Response-time histogram rows for a chart. */
  histogram: { lowerMs: number; upperMs: number; count: number }[];
  /** Queue length over virtual time (mean and max per bin). */
  queueLength: { timeMs: number; mean: number; max: number }[];
  durationMs: number;
}

/**
 * Module 0's queue: Poisson arrivals into `servers` workers with a shared FIFO queue (M/M/c when
 * service is exponential), checked against Erlang C and Little's law.
 *
 * @example
 * queueing.run({ arrivalRatePerS: 900, serviceTimeMsMean: 1, servers: 1, seed: 1 }).theory?.meanResponse // ≈ 10 (ms)
 */
export const queueing = defineScenario({
  id: "queueing",
  title: "A queue in front of a pool of workers",
  module: 0,
  summary: "Poisson arrivals, c workers, one FIFO queue: response times against M/M/c theory and Little's law.",
  defaultSeed: 42,
  params: {
    arrivalRatePerS: {
      kind: "number",
      label: "Arrival rate λ",
      description: "Requests per second arriving at random (a Poisson process).",
      default: 80,
      min: 0,
      minExclusive: true,
      max: 100_000,
      step: 1,
      unit: "req/s",
    },
    serviceTimeMsMean: {
      kind: "number",
      label: "Mean service time",
      description: "Average time one worker spends on one request (1/μ).",
      default: 10,
      min: 0,
      minExclusive: true,
      max: 10_000,
      step: 0.5,
      unit: "ms",
    },
    servers: {
      kind: "number",
      label: "Workers c",
      description: "Requests served in parallel; the rest wait in one queue.",
      default: 1,
      min: 1,
      max: 64,
      step: 1,
      integer: true,
    },
    serviceShape: {
      kind: "choice",
      label: "Service-time shape",
      description: "Same mean, different spread: exponential (M/M/c), constant (M/D/c) or a long-tailed lognormal.",
      default: "exponential",
      options: SERVICE_SHAPES,
    },
    customers: {
      kind: "number",
      label: "Customers",
      description: "How many requests to simulate; more gives tighter estimates.",
      default: 20_000,
      min: 100,
      max: 2_000_000,
      step: 100,
      integer: true,
    },
  },
  body(p): QueueingResult {
    const rng = createRng(p.seed);
    const arrivalsRng = rng.fork("arrivals");
    const serviceRng = rng.fork("service");
    const service = serviceDistribution(p.serviceShape, p.serviceTimeMsMean);
    const sim = new Simulation();
    const response = new Histogram();
    const wait = new Histogram();
    // Time-weighted customers in system, for Little's law. Fields of an object, not variables
    // captured by closures: a closure's variable holding a fraction is boxed anew on each
    // write, an object's number field is updated in place.
    const inSystem = new Occupancy();
    // A customer is submitted the moment it arrives, so its response time is exactly its wait
    // plus its service: jobs carry nothing and arriving allocates nothing.
    const station = new Station<null>(sim, {
      name: "queue",
      servers: p.servers,
      queueCapacity: Infinity,
      // About 200 points over the expected run, whatever its length.
      seriesBinMs: Math.max(1, Math.round(p.customers / p.arrivalRatePerS / 0.2)),
      serviceTimeUs: () => msToUs(service.sample(serviceRng)),
      onDone(_customer, waitedUs, servedUs) {
        inSystem.change(sim.nowUs, -1);
        response.record(usToMs(waitedUs + servedUs));
        wait.record(usToMs(waitedUs));
      },
    });
    const meanGapMs = 1000 / p.arrivalRatePerS;
    let arrived = 0;
    const arrive: Handler<null> = sim.handler("arrival", () => {
      arrived++;
      inSystem.change(sim.nowUs, 1);
      station.submit(null);
      if (arrived < p.customers) sim.schedule(msToUs(-meanGapMs * Math.log(1 - arrivalsRng.next())), arrive, null);
    });
    sim.schedule(0, arrive, null);
    sim.run();
    const durationUs = sim.nowUs;
    const meanInSystem = durationUs > 0 ? inSystem.areaUs / durationUs : 0;
    const arrivalRatePerS = durationUs > 0 ? (p.customers / durationUs) * 1e6 : 0;
    const stable = p.arrivalRatePerS * (p.serviceTimeMsMean / 1000) < p.servers;
    const theory =
      stable && p.serviceShape === "exponential"
        ? mmcTheory(p.arrivalRatePerS / 1000, 1 / p.serviceTimeMsMean, p.servers)
        : null;
    return {
      seed: p.seed,
      fingerprint: sim.fingerprint,
      customers: p.customers,
      servers: p.servers,
      utilisation: durationUs > 0 ? station.busyUs / (durationUs * p.servers) : 0,
      responseMs: response.summary(),
      waitMs: wait.summary(),
      theory,
      littlesLaw: {
        arrivalRatePerS,
        meanResponseMs: response.mean,
        meanInSystem,
        lambdaTimesW: (arrivalRatePerS / 1000) * response.mean,
      },
      histogram: response.buckets().map((b) => ({ lowerMs: b.lower, upperMs: b.upper, count: b.count })),
      queueLength: station.queueLength.points(usToMs(durationUs)),
      durationMs: usToMs(durationUs),
    };
  },
});

/** A count that changes over virtual time and the area under it, in count × µs. */
class Occupancy {
  count = 0;
  areaUs = 0;
  lastChangeUs = 0;

  change(nowUs: number, delta: number): void {
    this.areaUs += this.count * (nowUs - this.lastChangeUs);
    this.lastChangeUs = nowUs;
    this.count += delta;
  }
}

function serviceDistribution(shape: string, meanMs: number): Distribution {
  if (shape === "constant") return distribution({ kind: "constant", value: meanMs }, "queueing.serviceTimeMsMean");
  if (shape === "lognormal") {
    // Choose mu so the lognormal's mean, exp(mu + sigma²/2), equals meanMs.
    const mu = Math.log(meanMs) - (LOGNORMAL_SIGMA * LOGNORMAL_SIGMA) / 2;
    return distribution({ kind: "lognormal", mu, sigma: LOGNORMAL_SIGMA }, "queueing.serviceTimeMsMean");
  }
  return distribution({ kind: "exponential", mean: meanMs }, "queueing.serviceTimeMsMean");
}
