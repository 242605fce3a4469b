import {
  type CanaryOptions,
  checkCanaryOptions,
  checkMirrorOptions,
  checkRegression,
  createRng,
  customerPopulation,
  DEFAULT_CANARY,
  DEFAULT_MIRROR,
  diffyReport,
  exactDiffer,
  fixedThreshold,
  guardedRamp,
  hashSampler,
  linearRamp,
  type MirrorOptions,
  mannWhitney,
  mannWhitneyJudge,
  type Regression,
  SimConfigError,
  samplingStats,
} from "sim-core";
import { describe, expect, it } from "vitest";

function pathOf(call: () => unknown): string {
  try {
    call();
  } catch (e) {
    if (e instanceof SimConfigError) return e.path;
    throw e;
  }
  return "(no error)";
}

describe("checkMirrorOptions(options) names every bad field", () => {
  const bad: [keyof MirrorOptions, unknown][] = [
    ["mode", "later"],
    ["cloud", "cloudy"],
    ["ratePerSec", 0],
    ["durationMs", -1],
    ["windowMs", 1e9],
    ["primaryThreads", 0.5],
    ["primaryQueue", -1],
    ["primaryMedianMs", 0],
    ["primaryP99Ms", 1],
    ["clientTimeoutMs", 0],
    ["cloudWorkers", 0],
    ["cloudQueue", -2],
    ["cloudHitMs", 0],
    ["cloudMissMs", 1],
    ["cacheHitRatioMax", 1.5],
    ["cacheWarmRequests", 0],
    ["cloudErrorRate", -0.1],
    ["slowFactor", 0.5],
    ["networkMs", -1],
    ["shadowTimeoutMs", 0],
    ["maxInFlight", 0],
    ["requestKb", 0],
    ["heapHeadroomMb", Number.NaN],
  ];
  for (const [field, value] of bad) {
    it(`${field} = ${String(value)}`, () => {
      expect(pathOf(() => checkMirrorOptions({ ...DEFAULT_MIRROR, [field]: value } as MirrorOptions))).toBe(
        `mirror.${field}`,
      );
    });
  }
});

describe("checkCanaryOptions(options) names every bad field", () => {
  const bad: [keyof CanaryOptions, unknown][] = [
    ["zones", 0],
    ["lifetimeMinutes", 0],
    ["analysisEveryMinutes", 61],
    ["requestsPerInstancePerMinute", 0],
    ["instanceRatePerSec", 0],
    ["testTrafficPercent", 101],
    ["control", "yesterday"],
    ["productionUptimeHours", -1],
    ["cacheHitRatioMax", 2],
    ["cacheWarmRequests", 0],
    ["hitMs", 0],
    ["missMs", 1],
    ["baseErrorPercent", -1],
    ["jitCpuPercent", 200],
    ["jitWarmMinutes", 0],
    ["cpuCores", 0],
    ["canaryLatencyFactor", 0],
    ["canaryCpuFactor", 0],
    ["canaryErrorPercent", 100],
    ["rollbackSeconds", -1],
  ];
  for (const [field, value] of bad) {
    it(`${field} = ${String(value)}`, () => {
      expect(pathOf(() => checkCanaryOptions({ ...DEFAULT_CANARY, [field]: value } as CanaryOptions))).toBe(
        `canary.${field}`,
      );
    });
  }
});

describe("other validators", () => {
  const rng = createRng(1);
  const pop = customerPopulation({ customers: 10 }, rng);
  const ramp = { startPercent: 1, stepPercent: 5, maxPercent: 100 };
  const guard = { ...ramp, holdUtilisation: 0.7, maxLatencyMsP99: 500, maxErrorRate: 0.01, backoffFactor: 0.5 };
  const cases: [string, () => unknown, string][] = [
    ["empty population", () => customerPopulation({ customers: 0 }, rng), "population.customers"],
    ["id block of 0", () => customerPopulation({ customers: 5, idBlockSize: 0 }, rng), "population.idBlockSize"],
    [
      "more heavy customers than customers",
      () => customerPopulation({ customers: 5, heavyCustomers: 6 }, rng),
      "population.heavyCustomers",
    ],
    ["heavy share above 1", () => customerPopulation({ customers: 50, heavyShare: 2 }, rng), "population.heavyShare"],
    [
      "a heavy share without heavy customers",
      () => customerPopulation({ customers: 5, heavyCustomers: 0, heavyShare: 0.2 }, rng),
      "population.heavyShare",
    ],
    ["no thresholds", () => samplingStats(pop, hashSampler, [], 10, rng), "sampling.thresholds"],
    ["threshold 150", () => samplingStats(pop, hashSampler, [1, 150], 10, rng), "sampling.thresholds[1]"],
    ["no requests", () => samplingStats(pop, hashSampler, [1], 0, rng), "sampling.requests"],
    ["fixed threshold -1", () => fixedThreshold(-1), "ramp.thresholdPercent"],
    ["ramp start 101", () => linearRamp({ ...ramp, startPercent: 101 }), "ramp.startPercent"],
    ["ramp step -1", () => linearRamp({ ...ramp, stepPercent: -1 }), "ramp.stepPercent"],
    ["ramp ceiling under its start", () => linearRamp({ ...ramp, startPercent: 10, maxPercent: 5 }), "ramp.maxPercent"],
    ["hold above 1", () => guardedRamp({ ...guard, holdUtilisation: 1.2 }), "ramp.holdUtilisation"],
    ["latency limit 0", () => guardedRamp({ ...guard, maxLatencyMsP99: 0 }), "ramp.maxLatencyMsP99"],
    ["error limit 2", () => guardedRamp({ ...guard, maxErrorRate: 2 }), "ramp.maxErrorRate"],
    ["backoff 1.5", () => guardedRamp({ ...guard, backoffFactor: 1.5 }), "ramp.backoffFactor"],
    [
      "regression endpoint",
      () => checkRegression("r", { requestType: "home", field: "titles", customerShare: 0 } as unknown as Regression),
      "r.requestType",
    ],
    [
      "regression of titles on a profile (which has none)",
      () => checkRegression("r", { requestType: "profile", field: "titles", customerShare: 0.1 }),
      "r.field",
    ],
    [
      "regression share 2",
      () => checkRegression("r", { requestType: "genres", field: "titles", customerShare: 2 }),
      "r.customerShare",
    ],
    [
      "relative threshold 120",
      () =>
        diffyReport([], exactDiffer, {
          relativeThresholdPercent: 120,
          absoluteThresholdPercent: 0,
          noiseCancelling: true,
        }),
      "diffy.relativeThresholdPercent",
    ],
    [
      "absolute threshold -1",
      () =>
        diffyReport([], exactDiffer, {
          relativeThresholdPercent: 20,
          absoluteThresholdPercent: -1,
          noiseCancelling: true,
        }),
      "diffy.absoluteThresholdPercent",
    ],
    ["empty experiment", () => mannWhitney([], [1]), "mannWhitney.experiment"],
    ["empty control", () => mannWhitney([1], []), "mannWhitney.control"],
    ["confidence 0", () => mannWhitney([1], [1], 0), "mannWhitney.confLevel"],
    ["tolerance -1", () => mannWhitneyJudge({ tolerance: -1 }), "judge.tolerance"],
    ["confidence 1.5", () => mannWhitneyJudge({ confLevel: 1.5 }), "judge.confLevel"],
    ["marginal 120", () => mannWhitneyJudge({ marginalScore: 120 }), "judge.marginalScore"],
    ["pass under marginal", () => mannWhitneyJudge({ marginalScore: 80, passScore: 70 }), "judge.passScore"],
  ];
  for (const [what, call, path] of cases) {
    it(`${what} throws SimConfigError naming ${path}`, () => expect(pathOf(call)).toBe(path));
  }
});
