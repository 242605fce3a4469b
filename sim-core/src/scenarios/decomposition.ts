import {
  type BlastRadiusRow,
  blastRadius,
  type Coupling,
  chattyPairs,
  checkDecomposition,
  couplings,
  type Decomposition,
  type DecompositionMetrics,
  type DeliveryMetrics,
  deployUnitsOf,
  evaluateSteps,
  type MeasureOptions,
  type Monolith,
  measureDecomposition,
  monolithDecomposition,
  NETFLIX_BOUNDED_CONTEXTS,
  NETFLIX_DISTRIBUTED_MONOLITH,
  NETFLIX_MONOLITH,
  NETFLIX_STRANGLER_STEPS,
  oneServicePerModule,
  SHARED_DATABASE,
  type StranglerStep,
  type StranglerStepMetrics,
  simulateDelivery,
} from "../decompose/index.js";
import { SimConfigError } from "../errors/index.js";
import { Fingerprint } from "../kernel/index.js";
import type { Seed } from "../random/index.js";
import type { ReplayRecorder } from "../trace/index.js";
import { DECOMPOSITION_PARAMS, DECOMPOSITION_PRESETS, type DecompositionParams } from "./decomposition-params.js";
import { defineScenario } from "./scenario.js";

/** Open-loop rate of each request type: low enough that no instance queues. */
const RATE_PER_SEC = 20;

/**
 * The learner's plug-ins: a decomposition (replaces the `decomposition` choice), and a monolith;
 * and a viewer's `replay`, which records the most common request type's run (see `recordReplay`).
 */
export interface DecompositionExtras {
  policy: Decomposition;
  monolith: Monolith;
  replay: ReplayRecorder;
}

export interface DecompositionResult {
  seed: Seed;
  fingerprint: string;
  params: DecompositionParams;
  monolith: Monolith;
  decomposition: Decomposition;
  /** The strangler step's name when the cut is `strangler-step`, else "". */
  stepName: string;
  /** The service that failed (the one running the chosen module), or "none" / "oracle". */
  failedService: string;
  metrics: DecompositionMetrics;
  /** Chatty module pairs, and whether the cut puts them on two sides of the network. */
  chattyPairs: { from: string; to: string; callsPerRequest: number; split: boolean }[];
  couplings: Coupling[];
  /** Services that must deploy together. */
  deployUnits: string[][];
  delivery: DeliveryMetrics;
  /** Empty unless `blastRadius` is on. */
  blastRadius: BlastRadiusRow[];
  /** Empty unless `strangler` is on (the Netflix steps; only for the Netflix monolith). */
  steps: StranglerStepMetrics[];
}

const NAMED: Record<DecompositionParams["decomposition"], (m: Monolith, step: number) => Decomposition> = {
  monolith: monolithDecomposition,
  naive: oneServicePerModule,
  distributed: () => NETFLIX_DISTRIBUTED_MONOLITH,
  bounded: () => NETFLIX_BOUNDED_CONTEXTS,
  "strangler-step": (m, step) => {
    if (m !== NETFLIX_MONOLITH) {
      throw new SimConfigError(
        "decomposition.decomposition",
        "strangler-step",
        "a cut of your own monolith (the strangler steps are the Netflix monolith's)",
      );
    }
    return (NETFLIX_STRANGLER_STEPS[step] as StranglerStep).decomposition;
  },
};

/**
 * Module 1: leaving the monolith. Cuts the 2009 Netflix monolith (or any other) into services,
 * runs every request type on the rpc floor and the teams' changes through a release train or
 * independent deploys, and reports latency, availability, remote calls, coupling and delivery.
 *
 * @example
 * decomposition.run({ requestsPerType: 10, days: 14 }).metrics.mix.remoteCallsPerRequest // 0
 */
export const decomposition = defineScenario<
  typeof DECOMPOSITION_PARAMS,
  DecompositionResult,
  DecompositionExtras,
  typeof DECOMPOSITION_PRESETS
>({
  id: "decomposition",
  title: "Leaving the monolith",
  module: 1,
  summary:
    "One Java app on one Oracle, split three ways: one service per module, a distributed monolith sharing the tables, and bounded contexts owning their data. Latency, availability and delivery speed by simulation.",
  defaultSeed: 1,
  params: DECOMPOSITION_PARAMS,
  presets: DECOMPOSITION_PRESETS,
  body(p, extras) {
    const { seed, ...params } = p;
    const monolith = extras.monolith ?? NETFLIX_MONOLITH;
    const d = extras.policy ?? NAMED[params.decomposition](monolith, params.step);
    const cut = checkDecomposition(monolith, d);
    const failedService =
      params.failure === "none" || params.failure === SHARED_DATABASE
        ? params.failure
        : cut.serviceOf.get(params.failure);
    if (failedService === undefined) {
      throw new SimConfigError(
        "decomposition.failure",
        params.failure,
        `"none", "${SHARED_DATABASE}" or a module of ${monolith.name}`,
      );
    }
    const measure: MeasureOptions = {
      seed,
      instances: params.instances,
      placement: params.placement,
      crossZoneMs: params.crossZoneMs,
      crossRegionMs: params.crossRegionMs,
      requestsPerType: params.requestsPerType,
      ratePerSec: RATE_PER_SEC,
      failure: failedService,
      inProcessCallMs: params.inProcessCallMs,
      serializationMsPerKb: params.serializationMsPerKb,
      queryMs: params.queryMs,
      hopErrorRate: params.hopErrorRate,
    };
    // Only this run records: the blast-radius and strangler runs below are other simulations.
    const metrics = measureDecomposition(monolith, d, measure, extras.replay);
    const deliveryOptions = { seed, mode: params.deploy, ...pick(params) };
    const units = deployUnitsOf(monolith, d);
    const delivery = simulateDelivery(units, deliveryOptions);
    const print = new Fingerprint();
    for (const hex of [metrics.fingerprint, delivery.fingerprint]) {
      print.foldNumber(Number.parseInt(hex.slice(0, 8), 16));
      print.foldNumber(Number.parseInt(hex.slice(8), 16));
    }
    return {
      seed,
      fingerprint: print.hex(),
      params,
      monolith,
      decomposition: d,
      stepName: params.decomposition === "strangler-step" ? (NETFLIX_STRANGLER_STEPS[params.step]?.name ?? "") : "",
      failedService,
      metrics,
      chattyPairs: chattyPairs(monolith).map((c) => ({
        from: c.from,
        to: c.to,
        callsPerRequest: c.callsPerRequestMax,
        split: cut.serviceOf.get(c.from) !== cut.serviceOf.get(c.to),
      })),
      couplings: couplings(monolith, cut),
      deployUnits: units.map((u) => [...u.services]),
      delivery,
      blastRadius: params.blastRadius
        ? blastRadius(monolith, d, { ...measure, requestsPerType: Math.min(20, params.requestsPerType) })
        : [],
      steps:
        params.strangler && monolith === NETFLIX_MONOLITH
          ? evaluateSteps(monolith, NETFLIX_STRANGLER_STEPS, { ...measure, failure: "none" }, deliveryOptions)
          : [],
    };
  },
});

/** The delivery parameters, as simulateDelivery takes them. */
function pick(p: DecompositionParams) {
  const { days, teams, changesPerTeamPerDay, badChangeProbability, catchProbability, trainPeriodDays, qaDays } = p;
  const { pipelineHours, fixHours, rollbackMinutesPerModule } = p;
  return {
    days,
    teams,
    changesPerTeamPerDay,
    badChangeProbability,
    catchProbability,
    trainPeriodDays,
    qaDays,
    pipelineHours,
    fixHours,
    rollbackMinutesPerModule,
  };
}
