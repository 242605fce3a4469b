import { Simulation, US_PER_MS } from "../kernel/index.js";
import { Histogram } from "../metrics/index.js";
import { distribution, type Rng } from "../random/index.js";
import { Station } from "../rpc/index.js";
import type { ReplayRecorder } from "../trace/index.js";
import { checkMirrorOptions, type MirrorOptions } from "./mirror-options.js";
import { MirrorReplay } from "./mirror-replay.js";
import { type MirrorResult, type MirrorWindow, nearestRank, WindowCounters } from "./mirror-window.js";
import { type CustomerPopulation, drawCustomer } from "./population.js";
import type { RampController } from "./ramp.js";
import { checkThreshold, type ShadowSampler } from "./sampler.js";

interface Job {
  customer: number;
  arrivalUs: number;
  startUs: number;
  mirror: boolean;
}
interface Call {
  job: Job | null;
  sentUs: number;
  done: boolean;
  timeoutId: number;
}

/**
 * Runs open-loop traffic through the primary (a thread pool in front of a bounded queue) and
 * copies the requests `sampler` picks to the cloud stack in `options.mode`; `ramp` sets the
 * threshold window by window. Built on the rpc floor's `Station`. A `replay` records the run for
 * a viewer (the customers, the primary, the cloud and the messages between them).
 *
 * @example
 * const pop = customerPopulation({ customers: 1000 }, createRng(1));
 * const r = simulateMirror({ ...DEFAULT_MIRROR, durationMs: 2000 }, pop, hashSampler, fixedThreshold(0), createRng(1));
 * r.shadow.sent // 0
 */
export function simulateMirror(
  options: MirrorOptions,
  population: CustomerPopulation,
  sampler: ShadowSampler,
  ramp: RampController,
  rng: Rng,
  replay: ReplayRecorder | null = null,
): MirrorResult {
  const o = checkMirrorOptions(options);
  const sim = new Simulation();
  replay?.attach(sim);
  const arrivalRng = rng.fork("arrivals");
  const customerRng = rng.fork("customers");
  const samplerRng = rng.fork("sampler");
  const primaryRng = rng.fork("primary");
  const cloudRng = rng.fork("cloud");
  const work = distribution({ kind: "lognormal", median: o.primaryMedianMs, p99: o.primaryP99Ms }, "mirror.primary");
  const us = (ms: number) => Math.max(0, Math.round(ms * US_PER_MS));
  const slow = o.cloud === "slow" ? o.slowFactor : 1;
  const timeoutUs = o.mode === "async-unbounded" ? Infinity : us(o.shadowTimeoutMs);
  const w = new WindowCounters();
  const primaryHist = new Histogram();
  const shadowHist = new Histogram();
  const windows: MirrorWindow[] = [];
  let threshold = checkThreshold("ramp.startPercent", ramp.startPercent);
  let requests = 0;
  let errors = 0;
  let threadsPeak = 0;
  const sh = {
    sent: 0,
    dropped: 0,
    ok: 0,
    errors: 0,
    timeouts: 0,
    inFlight: 0,
    peak: 0,
    oomAtMs: null as number | null,
  };
  let served = 0;
  let hits = 0;
  let lastBusyUs = 0;

  const finish = (job: Job) => {
    primary.release(sim.nowUs - job.startUs);
    const latencyMs = (sim.nowUs - job.arrivalUs) / US_PER_MS;
    primaryHist.record(latencyMs);
    w.primaryLatencyMs.push(latencyMs);
    if (latencyMs > o.clientTimeoutMs) fail();
    tape?.answer(latencyMs <= o.clientTimeoutMs);
  };
  const fail = () => {
    errors++;
    w.primaryErrors++;
  };
  const complete = (call: Call, outcome: 0 | 1 | 2) => {
    if (call.done) return;
    call.done = true;
    sh.inFlight--;
    if (call.timeoutId >= 0 && outcome !== 2) sim.cancel(call.timeoutId);
    const ms = (sim.nowUs - call.sentUs) / US_PER_MS;
    shadowHist.record(ms);
    w.shadowLatencyMs.push(ms);
    if (outcome === 0) sh.ok++;
    else if (outcome === 1) sh.errors++;
    else sh.timeouts++;
    if (outcome !== 0) w.failed++;
    sim.fold(outcome);
    if (call.job !== null) finish(call.job);
  };
  const answer = sim.handler("shadow.answer", (call: Call) => complete(call, 0));
  const refuse = sim.handler("shadow.error", (call: Call) => complete(call, 1));
  const expire = sim.handler("shadow.timeout", (call: Call) => {
    if (!call.done) tape?.reply(0, "timeout");
    complete(call, 2);
  });
  const rttUs = us(2 * o.networkMs);
  const cloud = new Station<Call>(sim, {
    name: "cloud",
    replay,
    replayLabel: "cloud front end",
    servers: o.cloudWorkers,
    queueCapacity: o.cloudQueue,
    serviceTimeUs: () => {
      const hitRatio = o.cacheHitRatioMax * (1 - Math.exp(-served / o.cacheWarmRequests));
      const hit = cloudRng.next() < hitRatio;
      served++;
      w.served++;
      if (hit) {
        hits++;
        w.hits++;
      }
      const mean = (hit ? o.cloudHitMs : o.cloudMissMs) * slow;
      return Math.max(1, us(-mean * Math.log(1 - cloudRng.next())));
    },
    onDone: (call) => {
      tape?.reply(rttUs, "ok");
      sim.schedule(rttUs, answer, call);
    },
  });

  const sendShadow = (job: Job | null) => {
    sh.sent++;
    w.sent++;
    if (o.mode === "async-bounded" && sh.inFlight >= o.maxInFlight) {
      sh.dropped++;
      w.failed++;
      tape?.copy(true);
      return;
    }
    const call: Call = { job, sentUs: sim.nowUs, done: false, timeoutId: -1 };
    tape?.copy(false);
    sh.inFlight++;
    if (sh.inFlight > sh.peak) sh.peak = sh.inFlight;
    if (o.mode === "async-unbounded" && sh.oomAtMs === null && (sh.inFlight * o.requestKb) / 1024 > o.heapHeadroomMb) {
      sh.oomAtMs = sim.nowMs;
    }
    if (timeoutUs !== Infinity) call.timeoutId = sim.schedule(timeoutUs, expire, call);
    if (o.cloud === "down") return; // The connection hangs: only a timeout ends the call.
    const failed = cloudRng.next() < o.cloudErrorRate;
    if (failed || !cloud.submit(call)) {
      tape?.reply(rttUs, failed ? "error" : "rejected");
      sim.schedule(rttUs, refuse, call);
    }
  };

  const workDone = sim.handler("primary.done", (job: Job) => {
    if (o.mode === "sync" && job.mirror) sendShadow(job);
    else finish(job);
  });
  const primary = new Station<Job>(sim, {
    name: "primary",
    replay,
    replayLabel: "monolith (data centre)",
    servers: o.primaryThreads,
    queueCapacity: o.primaryQueue,
    serviceTimeUs: () => 0,
    onStart: (job) => {
      job.startUs = sim.nowUs;
      if (primary.inService > threadsPeak) threadsPeak = primary.inService;
      if (job.mirror && o.mode !== "sync") sendShadow(null);
      sim.schedule(us(work.sample(primaryRng)), workDone, job);
    },
    onDone: () => undefined,
  });

  // Declared once both stations have declared their boxes, which its arrows join.
  const tape = replay === null ? null : new MirrorReplay(replay, o.cloud);

  const arrive = sim.handler("arrival", (_: null) => {
    sim.schedule(us((-1000 / o.ratePerSec) * Math.log(1 - arrivalRng.next())), arrive, null);
    requests++;
    w.primaryRequests++;
    if (sh.oomAtMs !== null) {
      tape?.arrive("error");
      return fail();
    }
    const customer = drawCustomer(population, customerRng);
    const mirror = o.mode !== "none" && sampler.mirror(population.ids[customer] as number, threshold, samplerRng);
    const job: Job = { customer, arrivalUs: sim.nowUs, startUs: 0, mirror };
    tape?.arrive(null);
    if (!primary.submit(job)) {
      tape?.arrive("rejected");
      fail();
    }
  });
  const tick = sim.handler("window", (_: null) => {
    const windowUs = us(o.windowMs);
    const busyUs = cloud.busyUs - lastBusyUs;
    lastBusyUs = cloud.busyUs;
    const window: MirrorWindow = {
      timeMs: sim.nowMs,
      thresholdPercent: threshold,
      mirroredPerSec: (w.sent * 1000) / o.windowMs,
      cloudUtilisation: Math.min(1, busyUs / (windowUs * o.cloudWorkers)),
      cloudLatencyMsP99: nearestRank(w.shadowLatencyMs, 99),
      cloudErrorRate: w.sent === 0 ? 0 : Math.min(1, w.failed / w.sent),
      cacheHitRatio: w.served === 0 ? 0 : w.hits / w.served,
      primaryLatencyMsP99: nearestRank(w.primaryLatencyMs, 99),
      primaryErrorRate: w.primaryRequests === 0 ? 0 : w.primaryErrors / w.primaryRequests,
      inFlight: sh.inFlight,
      memoryHeldMb: (sh.inFlight * o.requestKb) / 1024,
    };
    windows.push(window);
    threshold = checkThreshold(`ramp(${ramp.name}).next`, ramp.next(window));
    w.reset();
    sim.schedule(windowUs, tick, null);
  });
  sim.schedule(0, arrive, null);
  sim.schedule(us(o.windowMs), tick, null);
  sim.run({ untilMs: o.durationMs });
  const durationUs = us(o.durationMs);
  return {
    primary: {
      requests,
      errors,
      errorRate: requests === 0 ? 0 : errors / requests,
      latencyMs: primaryHist.summary(),
      threadsBusyPeak: threadsPeak,
      threadsBusyMean: primary.busyUs / durationUs,
    },
    shadow: {
      sent: sh.sent,
      dropped: sh.dropped,
      ok: sh.ok,
      errors: sh.errors,
      timeouts: sh.timeouts,
      inFlightPeak: sh.peak,
      inFlightAtEnd: sh.inFlight,
      memoryHeldMbPeak: (sh.peak * o.requestKb) / 1024,
      oomAtMs: sh.oomAtMs,
      latencyMs: shadowHist.summary(),
    },
    cloud: {
      utilisation: Math.min(1, cloud.busyUs / (durationUs * o.cloudWorkers)),
      cacheHitRatio: served === 0 ? 0 : hits / served,
    },
    windows,
    fingerprint: sim.fingerprint,
  };
}
