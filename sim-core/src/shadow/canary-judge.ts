import { checkNumber } from "../errors/index.js";
import { mannWhitney } from "./mann-whitney.js";

/** Samples of each metric over time, by metric name (e.g. latencyMs, errorPercent, cpuPercent). */
export type MetricSamples = Readonly<Record<string, readonly number[]>>;

/** One metric's classification: canary higher than the control ("high" fails), or pass. */
export interface MetricJudgement {
  metric: string;
  classification: "pass" | "high" | "low";
  pValue: number;
  /** Shift estimate (canary − control) and its confidence interval. */
  estimate: number;
  lower: number;
  upper: number;
  /** Canary mean over control mean. */
  ratio: number;
}

/** A judge's verdict: a score from 0 to 100 and what it means. */
export interface CanaryVerdict {
  score: number;
  result: "pass" | "marginal" | "fail";
  metrics: MetricJudgement[];
}

/** Compares the canary's metrics with the control group's and scores the canary. */
export interface CanaryJudge {
  readonly name: string;
  judge(canary: MetricSamples, control: MetricSamples): CanaryVerdict;
}

/** Kayenta default: `tolerance` = 0.25 (kayenta-judge, classifiers/metric/MannWhitneyClassifier.scala). */
export const KAYENTA_TOLERANCE = 0.25;
/** Kayenta default: `confLevel` = 0.95 (same file). */
export const KAYENTA_CONF_LEVEL = 0.95;
/** Spinnaker canary stage example: `scoreThresholds.marginal` 75 (deck's kayenta stage specs). */
export const KAYENTA_MARGINAL_SCORE = 75;
/** Spinnaker canary stage example: `scoreThresholds.pass` 95 (same specs). */
export const KAYENTA_PASS_SCORE = 95;

export interface MannWhitneyJudgeOptions {
  tolerance: number;
  confLevel: number;
  marginalScore: number;
  passScore: number;
}

/**
 * Kayenta's rule, metric by metric: the canary is "high" when the whole confidence interval of
 * the shift lies above `tolerance` × |shift| and its mean is not below the control's; higher is
 * worse for every metric here, so "low" passes. The score is the share of metrics that pass.
 *
 * @example
 * const judge = mannWhitneyJudge();
 * judge.judge({ latencyMs: [30, 31, 32, 33, 34, 35] }, { latencyMs: [10, 11, 12, 13, 14, 15] }).result // 'fail'
 */
export function mannWhitneyJudge(options: Partial<MannWhitneyJudgeOptions> = {}): CanaryJudge {
  const tolerance = checkNumber("judge.tolerance", options.tolerance ?? KAYENTA_TOLERANCE, { min: 0 });
  const confLevel = checkNumber("judge.confLevel", options.confLevel ?? KAYENTA_CONF_LEVEL, {
    min: 0,
    max: 1,
    minExclusive: true,
  });
  const marginal = checkNumber("judge.marginalScore", options.marginalScore ?? KAYENTA_MARGINAL_SCORE, {
    min: 0,
    max: 100,
  });
  const pass = checkNumber("judge.passScore", options.passScore ?? KAYENTA_PASS_SCORE, { min: marginal, max: 100 });
  return {
    name: "mann-whitney",
    judge(canary, control) {
      const metrics = Object.keys(canary).map((metric): MetricJudgement => {
        const x = canary[metric] ?? [];
        const y = control[metric] ?? [];
        const mw = mannWhitney(x, y, confLevel);
        const ratio = mean(y) === 0 ? 1 : mean(x) / mean(y);
        const bound = tolerance * Math.abs(mw.estimate);
        const identical = sameValues(x, y);
        const high = !identical && mw.lower > bound && ratio >= 1;
        const low = !identical && mw.upper < -bound && ratio <= 1;
        const classification = high ? "high" : low ? "low" : "pass";
        return {
          metric,
          classification,
          pValue: mw.pValue,
          estimate: mw.estimate,
          lower: mw.lower,
          upper: mw.upper,
          ratio,
        };
      });
      const passed = metrics.filter((m) => m.classification !== "high").length;
      const score = metrics.length === 0 ? 100 : (passed / metrics.length) * 100;
      return { score, result: score >= pass ? "pass" : score >= marginal ? "marginal" : "fail", metrics };
    },
  };
}

function sameValues(x: readonly number[], y: readonly number[]): boolean {
  if (x.length !== y.length) return false;
  const a = Float64Array.from(x).sort();
  const b = Float64Array.from(y).sort();
  return a.every((v, i) => v === b[i]);
}

function mean(values: readonly number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return values.length === 0 ? 0 : s / values.length;
}
