import { Fingerprint } from "../kernel/index.js";
import { createRng, type Seed } from "../random/index.js";
import {
  checkRegression,
  DIFFY_ABSOLUTE_THRESHOLD_PERCENT,
  DIFFY_RELATIVE_THRESHOLD_PERCENT,
  type DiffScore,
  DiffyCounter,
  type DiffyField,
  exactDiffer,
  exchange,
  REQUEST_TYPES,
  RESPONSE_FIELDS,
  type Regression,
  type ResponseDiffer,
  scoreDiff,
  setAwareDiffer,
} from "../shadow/index.js";
import type { ParamsOf } from "./param-schema.js";
import { defineScenario } from "./scenario.js";

/** The schema. Defaults: a ranking bug in the movie list for 2% of customers, Diffy's thresholds. */
export const RESPONSE_DIFF_PARAMS = {
  requests: {
    kind: "number",
    label: "Requests",
    description: "Requests multicast to primary, secondary and candidate.",
    default: 3000,
    min: 10,
    max: 50_000,
    step: 10,
    integer: true,
  },
  customers: {
    kind: "number",
    label: "Customers",
    description: "Customers the requests come from (uniformly).",
    default: 10_000,
    min: 10,
    max: 1_000_000,
    step: 10,
    integer: true,
  },
  regressionType: {
    kind: "choice",
    label: "Regressed endpoint",
    description: "The endpoint whose candidate answer is wrong.",
    default: "movieList",
    options: REQUEST_TYPES,
  },
  regressionField: {
    kind: "choice",
    label: "Regressed field",
    description: "The field the candidate gets wrong.",
    default: "titles",
    options: RESPONSE_FIELDS,
  },
  regressionSharePercent: {
    kind: "number",
    label: "Customers affected",
    description: "Share of customers who get the wrong value (0 for none).",
    default: 2,
    min: 0,
    max: 100,
    step: 0.5,
    unit: "%",
  },
  differ: {
    kind: "choice",
    label: "Differ",
    description: "Compare every field in order, or compare the genre set as a set.",
    default: "exact",
    options: ["exact", "set-aware"],
  },
  relativeThresholdPercent: {
    kind: "number",
    label: "Relative threshold",
    description: "Diffy's threshold.relative (default 20).",
    default: DIFFY_RELATIVE_THRESHOLD_PERCENT,
    min: 0,
    max: 100,
    step: 1,
    unit: "%",
  },
  absoluteThresholdPercent: {
    kind: "number",
    label: "Absolute threshold",
    description: "Diffy's threshold.absolute (default 0.03).",
    default: DIFFY_ABSOLUTE_THRESHOLD_PERCENT,
    min: 0,
    max: 100,
    step: 0.01,
    unit: "%",
  },
} as const;

export type ResponseDiffParams = ParamsOf<typeof RESPONSE_DIFF_PARAMS>;

/** The learner's plug-ins: a differ (replaces `differ`) and regressions (replace the single one). */
export interface ResponseDiffExtras {
  responseDiffer: ResponseDiffer;
  regressions: Regression[];
}

export interface ResponseDiffResult {
  seed: Seed;
  fingerprint: string;
  params: ResponseDiffParams;
  differName: string;
  regressions: Regression[];
  /** Diffy's table: raw, noise, relative and absolute difference, reported. */
  diffy: DiffyField[];
  /** The same differences with no noise cancelling: every field with a raw difference is reported. */
  naive: DiffyField[];
  diffyScore: DiffScore;
  naiveScore: DiffScore;
}

/**
 * Module 2: compare the candidate's answers with the primary's, and cancel the noise the primary
 * shows against a second copy of itself (Twitter's Diffy).
 *
 * @example
 * responseDiff.run({ requests: 300 }).diffy.filter((f) => f.reported).map((f) => `${f.endpoint}.${f.field}`) // ['movieList.titles']
 */
export const responseDiff = defineScenario({
  id: "responseDiff",
  title: "Response diffing with noise cancelling",
  module: 2,
  summary:
    "Each request goes to the candidate, the primary and a second primary; differences the two primaries also show are noise, the rest are regressions.",
  defaultSeed: 2,
  params: RESPONSE_DIFF_PARAMS,
  presets: {
    /** A wrong movie-list order for 2% of customers: no error, no latency change, only Diffy sees it. */
    onlyDiffyCatches: { regressionType: "movieList", regressionField: "titles", regressionSharePercent: 2 },
    /** A genre missing from a set whose order is noise: an in-order differ drowns it in noise. */
    hiddenInNoise: { regressionType: "genres", regressionField: "genreSet", regressionSharePercent: 5 },
    /** The same bug with the set compared as a set: the noise is gone and the bug stands out. */
    setAware: { regressionType: "genres", regressionField: "genreSet", regressionSharePercent: 5, differ: "set-aware" },
  },
  body: (p, extras: Partial<ResponseDiffExtras>): ResponseDiffResult => {
    const { seed, ...params } = p;
    const rng = createRng(seed);
    const regressions = (
      extras.regressions ?? [
        { requestType: p.regressionType, field: p.regressionField, customerShare: p.regressionSharePercent / 100 },
      ]
    ).map((r, i) => checkRegression(`responseDiff.regressions[${i}]`, r));
    const differ = extras.responseDiffer ?? (p.differ === "set-aware" ? setAwareDiffer(["genreSet"]) : exactDiffer);
    const trafficRng = rng.fork("traffic");
    const answerRng = rng.fork("answers");
    // Counted as they come: a long run keeps no responses, and both reports read one count.
    const counter = new DiffyCounter(differ);
    for (let i = 0; i < p.requests; i++) {
      const type = REQUEST_TYPES[trafficRng.int(REQUEST_TYPES.length)] as (typeof REQUEST_TYPES)[number];
      counter.add(exchange(type, trafficRng.int(p.customers), regressions, answerRng));
    }
    const options = {
      relativeThresholdPercent: p.relativeThresholdPercent,
      absoluteThresholdPercent: p.absoluteThresholdPercent,
    };
    const diffy = counter.report({ ...options, noiseCancelling: true });
    const naive = counter.report({ ...options, noiseCancelling: false });
    const print = new Fingerprint();
    for (const f of diffy) {
      print.foldString(`${f.endpoint}.${f.field}`);
      print.foldNumber(f.raw);
      print.foldNumber(f.noise);
    }
    return {
      seed,
      fingerprint: print.hex(),
      params,
      differName: differ.name,
      regressions,
      diffy,
      naive,
      diffyScore: scoreDiff(diffy, regressions),
      naiveScore: scoreDiff(naive, regressions),
    };
  },
});
