import * as Plot from "@observablehq/plot";
import type { CanaryReleaseResult, ResponseDiffResult, ShadowTrafficResult } from "../scenarios/index.js";
import { CHART_WIDTH, type ChartSpec } from "./chart.js";
import { primaryLatencyChart, rampChart, samplerShareChart } from "./shadow.js";
import { canaryDistributionChart, canaryVerdictChart } from "./shadow-diff-canary.js";

// Module 2's charts as the course registry lists them: the pure views of shadow.ts and
// shadow-diff-canary.ts with an id, a title and a caption, so pages and notebooks pick them by id.

/**
 * The primary's percentiles in one run, labelled with its mirroring mode and cloud state.
 *
 * @example
 * primaryLatencySpec.options(shadowTraffic.run({ durationSec: 5 })).y?.label // 'primary latency (ms)'
 */
export const primaryLatencySpec: ChartSpec<ShadowTrafficResult> = {
  id: "primaryLatency",
  title: "What the customers pay",
  caption: "The data-centre code path's p50, p99 and p99.9: mirroring should leave them where they were.",
  options: (r) => primaryLatencyChart([{ label: `${r.params.mode}, cloud ${r.params.cloud}`, result: r }]),
};

/**
 * Mirrored share against threshold, one line per sampler, on the run's skewed population.
 *
 * @example
 * samplerShareSpec.options(shadowTraffic.run({ durationSec: 5 })).x?.label // 'threshold (%)'
 */
export const samplerShareSpec: ChartSpec<ShadowTrafficResult> = {
  id: "samplerShare",
  title: "Share mirrored, by sampler",
  caption: "The dashed line is the threshold itself; a sampler above it copies more traffic than the dial says.",
  options: samplerShareChart,
};

/**
 * The cloud stack second by second: threshold, load, p99, failed copies, cache hits.
 *
 * @example
 * rampSpec.options(shadowTraffic.run({ durationSec: 5 })).x?.label // 'time (s)'
 */
export const rampSpec: ChartSpec<ShadowTrafficResult> = {
  id: "ramp",
  title: "The cloud stack during the ramp",
  caption: "Raise the threshold faster than the cache warms and the cloud stack saturates: copies fail.",
  options: rampChart,
};

/**
 * Diffy's field table drawn as bars: raw differences beside noise for every field that has
 * either, the reported fields named in the title of each bar.
 *
 * @example
 * diffyFieldsSpec.options(responseDiff.run({ requests: 300 })).x?.label // 'requests that differ'
 */
export const diffyFieldsSpec: ChartSpec<ResponseDiffResult> = {
  id: "diffyFields",
  title: "Raw differences against noise, per field",
  caption: "A field is reported only when candidate-vs-primary differs clearly more than primary-vs-secondary.",
  options(result) {
    const fields = result.diffy.filter((f) => f.raw + f.noise > 0);
    const name = (f: (typeof fields)[number]) => `${f.endpoint}.${f.field}${f.reported ? " ◀ reported" : ""}`;
    const rows = fields.flatMap((f) => [
      { field: name(f), kind: "raw (candidate vs primary)", count: f.raw },
      { field: name(f), kind: "noise (primary vs secondary)", count: f.noise },
    ]);
    // Field names sit above their bars, not in a left margin, so a phone-width chart keeps
    // its bars readable.
    return {
      width: CHART_WIDTH,
      height: 56 * fields.length + 60,
      marginLeft: 12,
      x: { label: "requests that differ", grid: true },
      y: { axis: null, insetTop: 18 },
      fy: { axis: null, padding: 0.05 },
      color: { legend: true, domain: ["raw (candidate vs primary)", "noise (primary vs secondary)"] },
      marks: [
        Plot.barX(rows, { fy: "field", y: "kind", x: "count", fill: "kind", tip: true }),
        Plot.text(
          fields.map((f) => ({ field: name(f) })),
          {
            fy: "field",
            text: "field",
            frameAnchor: "top-left",
            dy: 2,
          },
        ),
        Plot.ruleX([0]),
      ],
    };
  },
};

/**
 * Production, baseline and canary metrics as box plots, one panel per metric.
 *
 * @example
 * canaryDistributionSpec.id // 'canaryDistribution'
 */
export const canaryDistributionSpec: ChartSpec<CanaryReleaseResult> = {
  id: "canaryDistribution",
  title: "Canary, baseline and production",
  caption: "The judge compares canary with its control; fresh and warm instances differ even on the same code.",
  options: canaryDistributionChart,
};

/**
 * The judge's score at each analysis, with the pass and marginal lines.
 *
 * @example
 * canaryVerdictSpec.id // 'canaryVerdict'
 */
export const canaryVerdictSpec: ChartSpec<CanaryReleaseResult> = {
  id: "canaryVerdict",
  title: "The judge's verdicts",
  caption: "One dot per analysis; a fail rolls the canary back at once, a pass through the lifetime promotes it.",
  // One analysis would collapse the x axis to a point: show the whole lifetime.
  options: (r) => ({
    ...canaryVerdictChart(r),
    x: { label: "minutes since the canary started", domain: [0, r.params.lifetimeMinutes] },
  }),
};
