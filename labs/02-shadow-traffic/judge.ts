// Lab 02: shadow traffic. Part 4, the canary judge.
//
// A red/black canary runs the new code on one instance per zone beside a baseline (the old code,
// started at the same time, so its caches and JIT are as cold) and real customers use both.
// Every ten minutes the judge compares the canary's metrics with the baseline's, one value per
// minute each; a failing verdict rolls the canary back at once, passing every analysis to the end
// promotes it. The code below passes everything: it runs, and it fails every judge check.
//
// Do not change the exported name or the types: the grader calls `createJudge()` once per
// canary run and sim-core's `simulateCanary` calls its `judge` at every analysis.

import type { CanaryJudge, CanaryVerdict, MetricJudgement, MetricSamples } from "sim-core";

export function createJudge(): CanaryJudge {
  return {
    name: "always-pass",
    judge(canary: MetricSamples, control: MetricSamples): CanaryVerdict {
      const metrics = Object.keys(canary).map((metric): MetricJudgement => {
        const x = canary[metric] ?? [];
        const y = control[metric] ?? [];
        // TODO 1: is the canary's series of this metric clearly higher than the control's?
        //         Minute-to-minute noise is large; a test on ranks (Mann-Whitney) copes with
        //         it and with many equal values (minutes without a single error).
        // TODO 2: and is it higher by enough to matter? Higher is worse for every metric here.
        void x;
        void y;
        return { metric, classification: "pass", pValue: 1, estimate: 0, lower: 0, upper: 0, ratio: 1 };
      });
      // TODO 3: score the canary (the share of metrics that pass, 0-100) and turn the score into
      //         "pass", "marginal" or "fail": only "fail" rolls back before the end.
      return { score: 100, result: "pass", metrics };
    },
  };
}
