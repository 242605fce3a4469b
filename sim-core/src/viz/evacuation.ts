import * as Plot from "@observablehq/plot";
import { EVACUATION_REGIONS } from "../chaos/index.js";
import type { RegionEvacuationResult } from "../scenarios/index.js";
import { CHART_HEIGHT, CHART_WIDTH, type ChartSpec } from "./chart.js";

// The topology diagram lives in its own file; one line here keeps the viz index to one line.
export { evacuationTopologyMermaid } from "./evacuation-mermaid.js";

const MIN = 60_000;
const [FAILED_REGION, RECEIVING_REGION] = EVACUATION_REGIONS;
const x = { label: "minutes since the region failed", transform: (ms: number) => ms / MIN, ticks: 6 };

/** The decision (dashed) and the moment all traffic had moved (solid), as rules. */
function moments(result: RegionEvacuationResult): Plot.Markish[] {
  const evacuated = result.evacuatedAtMs === null ? [] : [result.evacuatedAtMs];
  return [
    Plot.ruleX([result.decisionAtMs], { stroke: "#555", strokeDasharray: "4,3" }),
    Plot.ruleX(evacuated, { stroke: "#2ca02c", strokeWidth: 2 }),
  ];
}

/**
 * Each step's US stream starts as shares: served in the failed region, served in the receiving
 * one, and failed. Rows for the stacked chart.
 *
 * @example
 * evacuationShareRows(regionEvacuation.run(regionEvacuation.presets.kongReady)).length // 1080
 */
export function evacuationShareRows(result: RegionEvacuationResult): { timeMs: number; where: string; sps: number }[] {
  return result.steps.flatMap((s) => [
    { timeMs: s.timeMs, where: `served in ${FAILED_REGION}`, sps: s.failedRegionServedPerSec },
    { timeMs: s.timeMs, where: `served in ${RECEIVING_REGION}`, sps: s.receivingServedPerSec },
    { timeMs: s.timeMs, where: "failed", sps: s.failedPerSec },
  ]);
}

/**
 * Where the US stream starts went, step by step, as shares of demand: the failed region's band
 * vanishes at the outage, the receiving region's grows as traffic moves, red is what failed.
 *
 * @example
 * evacuationShareChart.options(regionEvacuation.run()).y?.label // 'share of US stream starts (%)'
 */
export const evacuationShareChart: ChartSpec<RegionEvacuationResult> = {
  id: "evacuationShare",
  title: "Where stream starts went",
  caption:
    "Shares of US stream starts served in each region and failed; dashed: the decision to evacuate, green: all traffic moved.",
  options(result) {
    const domain = [`served in ${FAILED_REGION}`, `served in ${RECEIVING_REGION}`, "failed"];
    return {
      width: CHART_WIDTH,
      height: CHART_HEIGHT,
      x,
      y: { label: "share of US stream starts (%)", percent: true, grid: true, ticks: 5 },
      color: { legend: true, domain, range: ["#1f77b4", "#ff7f0e", "#d62728"] },
      marks: [
        Plot.areaY(evacuationShareRows(result), {
          x: "timeMs",
          y: "sps",
          fill: "where",
          order: domain,
          offset: "normalize",
          curve: "step-after",
        }),
        ...moments(result),
        Plot.ruleY([0]),
      ],
    };
  },
};

/**
 * The receiving region's capacity against the work offered to it: moved customers' cold caches
 * push the work above their count, and where it passes capacity starts fail.
 *
 * @example
 * evacuationCapacityChart.options(regionEvacuation.run()).y?.label // 'stream starts per second'
 */
export const evacuationCapacityChart: ChartSpec<RegionEvacuationResult> = {
  id: "evacuationCapacity",
  title: `Capacity and load in ${RECEIVING_REGION}`,
  caption: `What ${RECEIVING_REGION} can serve against the work offered to it, in warm stream starts per second.`,
  options(result) {
    const rows = result.steps.flatMap((s) => [
      { timeMs: s.timeMs, what: "capacity", sps: s.capacityPerSec },
      { timeMs: s.timeMs, what: "offered work", sps: s.loadPerSec },
    ]);
    return {
      width: CHART_WIDTH,
      height: CHART_HEIGHT,
      x,
      y: { label: "stream starts per second", grid: true, ticks: 5 },
      color: { legend: true, domain: ["capacity", "offered work"], range: ["#2ca02c", "#ff7f0e"] },
      marks: [
        Plot.lineY(rows, { x: "timeMs", y: "sps", stroke: "what", curve: "step-after" }),
        ...moments(result),
        Plot.ruleY([0]),
      ],
    };
  },
};

/**
 * The receiving region's instances by state: serving at full speed, warming up, and on their way
 * (provisioning and starting up).
 *
 * @example
 * evacuationInstancesChart.options(regionEvacuation.run()).y?.label // 'instances'
 */
export const evacuationInstancesChart: ChartSpec<RegionEvacuationResult> = {
  id: "evacuationInstances",
  title: `Instances in ${RECEIVING_REGION}`,
  caption: "Instances serving at full speed, warming up, and still provisioning or starting up.",
  options(result) {
    const domain = ["ready", "warming", "starting"];
    const rows = result.steps.flatMap((s) => [
      { timeMs: s.timeMs, state: "ready", n: s.instancesReady },
      { timeMs: s.timeMs, state: "warming", n: s.instancesWarming },
      { timeMs: s.timeMs, state: "starting", n: s.instancesStarting },
    ]);
    return {
      width: CHART_WIDTH,
      height: CHART_HEIGHT,
      x,
      y: { label: "instances", grid: true, ticks: 5 },
      color: { legend: true, domain, range: ["#2ca02c", "#bcbd22", "#c7c7c7"] },
      marks: [
        Plot.areaY(rows, { x: "timeMs", y: "n", fill: "state", order: domain, curve: "step-after" }),
        ...moments(result),
        Plot.ruleY([0]),
      ],
    };
  },
};
