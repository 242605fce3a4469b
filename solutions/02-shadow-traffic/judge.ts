// Lab 02: shadow traffic. Part 4, the canary judge.
//
// A red/black canary runs the new code on one instance per zone beside a baseline (the old code,
// started at the same time, so its caches and JIT are as cold) and real customers use both.
// Every ten minutes the judge compares the canary's metrics with the baseline's, one value per
// minute each (latencyMs, errorPercent, cpuPercent; higher is worse for all). A failing verdict
// rolls the canary back at once; passing every analysis to the end promotes it.
//
// Do not change the exported name or the types: the grader calls `createJudge()` once per
// canary run and sim-core's `simulateCanary` calls its `judge` at every analysis.

import type { CanaryJudge, CanaryVerdict, MetricJudgement, MetricSamples } from "sim-core";

/**
 * One-sided z for "the canary is higher", at which a metric fails: 3.09 is p = 0.001. A good
 * canary is judged six times on three metrics, about 18 tests, so a false rollback costs about
 * 2% of good runs at this level before the effect-size rule below, and much less after it.
 */
const Z_FAIL = 3.09;
/** A real regression also moves the mean: at least 10% above the control's (and 0.05 in the metric's unit). */
const MIN_RELATIVE_SHIFT = 0.1;
const MIN_ABSOLUTE_SHIFT = 0.05;
/** Spinnaker's canary stage example thresholds (deck's kayenta stage): pass at 95, marginal at 75. */
const PASS_SCORE = 95;
const MARGINAL_SCORE = 75;

function mean(values: readonly number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return values.length === 0 ? 0 : s / values.length;
}

/**
 * One-sided p-value of a z (the normal tail), by Abramowitz and Stegun's formula 7.1.26 for erfc
 * (error below 1.5e-7): reported beside the classification, which uses z itself.
 */
function upperTail(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erfc = poly * Math.exp(-x * x);
  return z >= 0 ? erfc / 2 : 1 - erfc / 2;
}

/**
 * Mann-Whitney's U test, normal approximation with the tie correction: the z of "x tends to be
 * larger than y". Ranks, not values, so one wild minute cannot fail a canary on its own; ties
 * (minutes with no error at all, common for a 0.1% error rate) get their average rank.
 */
function mannWhitneyZ(x: readonly number[], y: readonly number[]): number {
  const n1 = x.length;
  const n2 = y.length;
  if (n1 === 0 || n2 === 0) return 0;
  const all = [...x.map((v) => ({ v, fromX: true })), ...y.map((v) => ({ v, fromX: false }))].sort((a, b) => a.v - b.v);
  const n = n1 + n2;
  let rankSumX = 0;
  let tieTerm = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j < n && all[j]?.v === all[i]?.v) j++;
    const t = j - i;
    const rank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if (all[k]?.fromX) rankSumX += rank;
    tieTerm += t * t * t - t;
    i = j;
  }
  const u = rankSumX - (n1 * (n1 + 1)) / 2;
  const variance = ((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1)));
  return variance <= 0 ? 0 : (u - (n1 * n2) / 2) / Math.sqrt(variance);
}

/**
 * Kayenta's shape, simplified: each metric is "high" when the canary's minutes rank clearly
 * above the control's (Mann-Whitney, z ≥ 3.09) and its mean is higher by a margin that matters;
 * the score is the share of metrics that are not high, and a score under 75 fails.
 */
export function createJudge(): CanaryJudge {
  return {
    name: "mann-whitney-z",
    judge(canary: MetricSamples, control: MetricSamples): CanaryVerdict {
      const metrics = Object.keys(canary).map((metric): MetricJudgement => {
        const x = canary[metric] ?? [];
        const y = control[metric] ?? [];
        const z = mannWhitneyZ(x, y);
        const shift = mean(x) - mean(y);
        const matters = shift > Math.max(MIN_ABSOLUTE_SHIFT, MIN_RELATIVE_SHIFT * Math.abs(mean(y)));
        return {
          metric,
          classification: z >= Z_FAIL && matters ? "high" : "pass",
          pValue: upperTail(z),
          // No confidence interval here: the shift of the means stands for all three.
          estimate: shift,
          lower: shift,
          upper: shift,
          ratio: mean(y) === 0 ? 1 : mean(x) / mean(y),
        };
      });
      const passed = metrics.filter((m) => m.classification !== "high").length;
      const score = metrics.length === 0 ? 100 : (passed / metrics.length) * 100;
      return { score, result: score >= PASS_SCORE ? "pass" : score >= MARGINAL_SCORE ? "marginal" : "fail", metrics };
    },
  };
}
