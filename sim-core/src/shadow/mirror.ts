import { Simulation } from "../kernel/index.js";
import type { Rng } from "../random/index.js";
import type { ReplayRecorder } from "../trace/index.js";
import { checkMirrorOptions, type MirrorOptions } from "./mirror-options.js";
import { type MirrorJob, PrimaryPath } from "./mirror-primary.js";
import { MirrorReplay } from "./mirror-replay.js";
import { drawnUs, ShadowPath } from "./mirror-shadow.js";
import { type MirrorResult, type MirrorWindow, nearestRank, WindowCounters } from "./mirror-window.js";
import { type CustomerPopulation, drawCustomer } from "./population.js";
import type { RampController } from "./ramp.js";
import { checkThreshold, type ShadowSampler } from "./sampler.js";

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
  const w = new WindowCounters();
  const windows: MirrorWindow[] = [];
  let threshold = checkThreshold("ramp.startPercent", ramp.startPercent);
  // The shadow path first, then the primary: the order their handlers are registered in is part
  // of the fingerprint. A sync copy hands its request back to the primary when it completes.
  const shadow: ShadowPath<MirrorJob> = new ShadowPath(sim, o, rng.fork("cloud"), w, replay, (job) =>
    primary.finish(job),
  );
  const primary = new PrimaryPath(sim, o, rng.fork("primary"), w, replay, shadow);
  // Declared once both stations have declared their boxes, which its arrows join.
  const tape = replay === null ? null : new MirrorReplay(replay, o.cloud);
  shadow.tape = tape;
  primary.tape = tape;

  const arrive = sim.handler("arrival", (_: null) => {
    sim.schedule(drawnUs((-1000 / o.ratePerSec) * Math.log(1 - arrivalRng.next())), arrive, null);
    primary.arrive();
    if (shadow.oomAtMs !== null) {
      tape?.arrive("error");
      return primary.fail();
    }
    const customer = drawCustomer(population, customerRng);
    const mirror = o.mode !== "none" && sampler.mirror(population.ids[customer] as number, threshold, samplerRng);
    const job: MirrorJob = { customer, arrivalUs: sim.nowUs, startUs: 0, mirror };
    tape?.arrive(null);
    if (!primary.submit(job)) {
      tape?.arrive("rejected");
      primary.fail();
    }
  });
  let lastBusyUs = 0;
  const tick = sim.handler("window", (_: null) => {
    const windowUs = drawnUs(o.windowMs);
    const busyUs = shadow.cloud.busyUs - lastBusyUs;
    lastBusyUs = shadow.cloud.busyUs;
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
      inFlight: shadow.inFlight,
      memoryHeldMb: shadow.memoryHeldMb(),
    };
    windows.push(window);
    threshold = checkThreshold(`ramp(${ramp.name}).next`, ramp.next(window));
    w.reset();
    sim.schedule(windowUs, tick, null);
  });
  sim.schedule(0, arrive, null);
  sim.schedule(drawnUs(o.windowMs), tick, null);
  sim.run({ untilMs: o.durationMs });
  const durationUs = drawnUs(o.durationMs);
  return { primary: primary.result(durationUs), ...shadow.result(durationUs), windows, fingerprint: sim.fingerprint };
}
