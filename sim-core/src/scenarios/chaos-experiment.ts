import {
  builtInPlan,
  EVACUATION_DEFAULTS,
  type EvacuationPlan,
  type ExperimentGuard,
  type ExperimentJournal,
  type Fault,
  groupRate,
  type KongEvacuation,
  naiveGuard,
  runExperiment,
  SUT_REGIONS,
} from "../chaos/index.js";
import { SimConfigError } from "../errors/index.js";
import { createRng, type Seed } from "../random/index.js";
import { HYSTRIX_THREAD_POOL_CORE_SIZE } from "../rpc/index.js";
import type { ReplayRecorder } from "../trace/index.js";
import { CHAOS_EXPERIMENT_PARAMS, type ChaosExperimentParams } from "./chaos-experiment-params.js";
import { defineScenario } from "./scenario.js";

/** Plug-ins that are not controls: the learner's guard and evacuation plan, and a replay recorder. */
export interface ChaosExperimentExtras {
  guard: ExperimentGuard;
  /** Answers Kong in place of the built-in failover (`evacuation` and `readyCapacityPct` are then unused). */
  plan: EvacuationPlan;
  /** Records the experiment group's run for a viewer; it changes no number. */
  replay: ReplayRecorder;
}

export interface ChaosExperimentResult extends ExperimentJournal {
  seed: Seed;
  fingerprint: string;
  params: ChaosExperimentParams;
  faults: Fault[];
  /** Mean SPS of each group over the window. */
  meanSps: { control: number; experiment: number };
}

function faultsOf(p: ChaosExperimentParams): Fault[] {
  const at = p.faultAtMs;
  switch (p.fault) {
    case "monkey":
      return [{ kind: "terminate", service: "playback", instance: 0, atMs: at }];
    case "gorilla":
      return [{ kind: "zoneOutage", zone: "us-east-1b", atMs: at }];
    case "latency":
      return [{ kind: "latency", service: "recs", addedMs: p.addedMs, sharePct: p.sharePct, atMs: at }];
    case "errors":
      return [{ kind: "errors", service: "playback", sharePct: p.sharePct, atMs: at }];
    case "partition":
      return [{ kind: "partition", zoneA: "us-east-1a", zoneB: "us-east-1b", atMs: at }];
    case "kong":
      return [{ kind: "regionOutage", region: SUT_REGIONS[0], atMs: at }];
    default:
      return [];
  }
}

/**
 * Kong's evacuation: the learner's plan or a built-in one, with the delays of Netflix's failover
 * before Nimble (the regionEvacuation scenario's defaults, "Project Nimble", 2018).
 */
function kongOf(p: ChaosExperimentParams, plan: EvacuationPlan | undefined): KongEvacuation | undefined {
  if (p.fault !== "kong" && p.fault !== "kongDrill") return undefined;
  if (p.regions !== 2)
    throw new SimConfigError("params.regions", p.regions, `2 for the ${p.fault} fault (a region to move to)`);
  return {
    ...(p.fault === "kongDrill" ? { drill: { region: SUT_REGIONS[0], atMs: p.faultAtMs } } : {}),
    plan: plan ?? builtInPlan(p.evacuation, p.readyCapacityPct, p.binMs),
    decisionMs: EVACUATION_DEFAULTS.decisionMs,
    provisionMs: EVACUATION_DEFAULTS.provisionMs,
    startupMs: EVACUATION_DEFAULTS.startupMs,
  };
}

/**
 * Chaos Kong on the two-region system: eight minutes from the outage, 10 s bins as the
 * evacuation model's steps, and an API tier of one thread per instance with Tomcat-like
 * queues, so that a region's three API instances run about half busy at its own evening peak
 * and cannot take the other region's customers as well without help.
 */
const KONG = {
  fault: "kong",
  regions: 2,
  faultAtMs: 30_000,
  durationMs: 480_000,
  binMs: 10_000,
  groupSharePct: 4,
  apiWorkers: 1,
  retryTarget: "different",
} as const;

/** Latency Monkey on personalisation, sized so a pool of 20 API threads cannot absorb it. */
const LATENCY_MONKEY = { fault: "latency", addedMs: 600, groupSharePct: 5 } as const;

/**
 * Module 4: a ChAP experiment on a Netflix-like system: control and experiment groups, the fault
 * in the experiment only, stream starts per second compared, automatic abort.
 *
 * @example
 * chaosExperiment.run({ fault: "none", durationMs: 2000 }).faults.length // 0
 */
export const chaosExperiment = defineScenario({
  id: "chaosExperiment",
  title: "Chaos experiments",
  module: 4,
  summary:
    "Monkey, Gorilla, Latency Monkey and Kong against a small Netflix-like system in one or two regions, control against experiment, with retries elsewhere, zone-aware Ribbon clients, bulkheads, fallbacks, breakers, an automatic abort and a region failover.",
  defaultSeed: 4,
  params: CHAOS_EXPERIMENT_PARAMS,
  presets: {
    // Chaos Monkey kills a playback instance; Eureka's view lags, so calls keep going to it and
    // each one to the dead instance fails after its timeout.
    monkey: { fault: "monkey" },
    // The same kill with one retry on another instance: the lag is hidden.
    monkeyRetries: { fault: "monkey", retryTarget: "different" },
    // The retry goes back to the instance that just timed out: it is still dead, so the call
    // fails twice as slowly.
    monkeySameInstance: { fault: "monkey", retryTarget: "same" },
    // Chaos Gorilla takes out a zone. Retries elsewhere save the requests, but until Eureka
    // catches up a third of the calls wait a timeout on the dead zone first.
    gorilla: { fault: "gorilla", retryTarget: "different" },
    // The same with Ribbon's zone-aware balancer alone: calls waiting on the dead zone pile up,
    // so it becomes the busiest zone and is avoided long before Eureka drops it.
    gorillaZoneAware: { fault: "gorilla", retryTarget: "different", zoneAware: true },
    // Ribbon's clients: servers that fail to connect are skipped, and the zone-aware balancer
    // stops sending to the zone whose calls pile up.
    gorillaRibbon: { fault: "gorilla", retryTarget: "different", ribbon: true, zoneAware: true },
    // Latency Monkey adds 600 ms to every personalisation call at 5% of the traffic per group:
    // each API instance would need about 30 threads to wait on it and has 20, so its pool fills,
    // its queue overflows and the proxy's calls to it fail.
    latency: LATENCY_MONKEY,
    // A Hystrix thread pool (Hystrix's default 10 threads) caps the waiting; the rest get the
    // unpersonalised list at once, so stream starts go on near control's rate, degraded instead of failed.
    latencyBulkhead: { ...LATENCY_MONKEY, bulkheadThreads: HYSTRIX_THREAD_POOL_CORE_SIZE },
    // A ChAP run the guard stops: the same Latency Monkey without a bulkhead.
    chapAbort: { ...LATENCY_MONKEY, abort: true },
    // A ChAP run that passes: a zone lost behind Ribbon's zone-aware clients, with a 25% tolerance
    // (the naive guard trips at 10% on the first seconds' noise).
    chapPass: {
      fault: "gorilla",
      retryTarget: "different",
      ribbon: true,
      zoneAware: true,
      abort: true,
      tolerancePct: 25,
    },
    // A/A: no fault at all, the naive guard on. Two groups of different customers differ by
    // chance alone; this is the noise a guard has to live with.
    aa: { fault: "none", abort: true },
    // Chaos Kong with Nimble's answer: a region's worth of API capacity kept ready in each
    // region, and every customer of the lost region moved at the decision.
    kongNimble: { ...KONG, evacuation: "nimble", readyCapacityPct: 100 },
    // The same move with nothing ready: the receiving region's API tier takes twice its load.
    kongNoReady: { ...KONG, evacuation: "nimble", readyCapacityPct: 0 },
    // The failover before Nimble: wait for new instances (about half an hour), then move.
    kongClassic: { ...KONG, evacuation: "classic", readyCapacityPct: 0 },
    // A Kong exercise: us-east-1 stays up and is drained at 30 s, everyone at once, nothing
    // ready. Its unmoved customers are served; only an overloaded us-west-2 can hurt anyone.
    kongDrill: { ...KONG, fault: "kongDrill", durationMs: 180_000, evacuation: "nimble", readyCapacityPct: 0 },
  },
  body(p, extras: Partial<ChaosExperimentExtras>): ChaosExperimentResult {
    const { seed, ...params } = p;
    const faults = faultsOf(params);
    const kong = kongOf(params, extras.plan);
    const journal = runExperiment(
      {
        sut: {
          timeoutMs: params.timeoutMs,
          retryTarget: params.retryTarget,
          ribbon: params.ribbon,
          zoneAware: params.zoneAware,
          bulkheadThreads: params.bulkheadThreads,
          fallbacks: params.fallbacks,
          circuitBreaker: params.circuitBreaker,
          apiWorkers: params.apiWorkers,
          apiQueueCapacity: params.apiQueue,
        },
        regions: params.regions === 2 ? 2 : 1,
        faults,
        hypothesis: { tolerancePct: params.tolerancePct },
        guard: params.abort ? (extras.guard ?? naiveGuard()) : null,
        durationMs: params.durationMs,
        binMs: params.binMs,
        rateAt: (t) => groupRate(params.peakSps, params.groupSharePct, params.startHour, t),
        customers: Math.max(1, Math.round((params.population * params.groupSharePct) / 100)),
        ...(kong !== undefined ? { evacuation: kong } : {}),
        ...(extras.replay !== undefined ? { replay: extras.replay } : {}),
      },
      createRng(seed),
    );
    const mean = (bins: readonly { sps: number }[]) => bins.reduce((a, b) => a + b.sps, 0) / Math.max(1, bins.length);
    return {
      seed,
      fingerprint: journal.results.control.fingerprint.slice(0, 8) + journal.results.experiment.fingerprint.slice(0, 8),
      params,
      faults,
      ...journal,
      meanSps: { control: mean(journal.control), experiment: mean(journal.experiment) },
    };
  },
});
