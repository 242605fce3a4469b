import * as Plot from "@observablehq/plot";
import { netflixSystem } from "../chaos/index.js";
import { MS_PER_S } from "../kernel/index.js";
import type { ChaosExperimentResult } from "../scenarios/index.js";
import { CHART_HEIGHT, CHART_WIDTH, type ChartSpec } from "./chart.js";

/** The two groups' colours, the same on every chart of the experiment. */
const CONTROL_COLOUR = "#1f77b4";
const EXPERIMENT_COLOUR = "#ff7f0e";

/** The x axis of the charts over time; the site's time-travel cursor finds them by a label starting "time (s)". */
const TIME_AXIS = "time (s) into the experiment";

/** The windows the experiment group was under a fault: from each start to its end, or to the run's end. */
function faultWindows(result: ChaosExperimentResult): { startMs: number; endMs: number; what: string }[] {
  const endOfRun = result.abortedAtMs ?? result.params.durationMs;
  return result.injected
    .filter((e) => e.action === "start")
    .map((s) => {
      const end = result.injected.find((e) => e.action === "end" && e.target === s.target && e.atMs >= s.atMs);
      return { startMs: s.atMs, endMs: end?.atMs ?? endOfRun, what: `${s.kind} ${s.target}` };
    });
}

/**
 * Rows drawn as steps, one per bin from its start, closed by a last row at the end of the last
 * bin: a `step-after` line otherwise stops where the last bin begins.
 */
function closeSteps<T extends { timeMs: number }>(rows: readonly T[], binMs: number): T[] {
  const last = rows.at(-1);
  return last === undefined ? [...rows] : [...rows, { ...last, timeMs: last.timeMs + binMs }];
}

/**
 * Stream starts per second of control and experiment, bin by bin, with the fault's window shaded
 * and the abort drawn as a line.
 *
 * @example
 * chaosSpsChart.options(chaosExperiment.run({ durationMs: 3000 })).y?.label // 'stream starts per second'
 */
export const chaosSpsChart: ChartSpec<ChaosExperimentResult> = {
  id: "chaosSps",
  title: "SPS: control against experiment",
  caption:
    "The key metric of both groups; the shaded band is the fault, the red line the abort, the dashed one a Kong run's decision to evacuate.",
  options(result) {
    const binMs = result.params.binMs;
    const rows = [
      ...closeSteps(
        result.control.map((b) => ({ timeMs: b.timeMs, sps: b.sps, group: "control" })),
        binMs,
      ),
      ...closeSteps(
        result.experiment.map((b) => ({ timeMs: b.timeMs, sps: b.sps, group: "experiment" })),
        binMs,
      ),
    ];
    const abort = result.abortedAtMs === null ? [] : [{ atMs: result.abortedAtMs, label: "abort" }];
    // A Kong run's decision to evacuate: from here the failover moves the lost region's customers.
    const decision = result.decisionAtMs === null ? [] : [{ atMs: result.decisionAtMs, label: "decision" }];
    return {
      width: CHART_WIDTH,
      height: CHART_HEIGHT,
      x: { label: TIME_AXIS, transform: (ms: number) => ms / MS_PER_S },
      y: { label: "stream starts per second", grid: true },
      color: { legend: true, domain: ["control", "experiment"], range: [CONTROL_COLOUR, EXPERIMENT_COLOUR] },
      marks: [
        Plot.rectX(faultWindows(result), { x1: "startMs", x2: "endMs", fill: "#d62728", fillOpacity: 0.12 }),
        Plot.lineY(rows, { x: "timeMs", y: "sps", stroke: "group", curve: "step-after" }),
        Plot.ruleX(abort, { x: "atMs", stroke: "#d62728", strokeWidth: 2 }),
        Plot.text(abort, { x: "atMs", text: "label", frameAnchor: "top", dx: 4, textAnchor: "start" }),
        Plot.ruleX(decision, { x: "atMs", stroke: "#555", strokeDasharray: "4,3" }),
        Plot.text(decision, { x: "atMs", text: "label", frameAnchor: "bottom", dx: 4, dy: -4, textAnchor: "start" }),
        Plot.ruleY([0]),
      ],
    };
  },
};

/**
 * What went wrong at each service of the experiment group, as rows for a stacked bar: four per
 * service (error, rejected, timeout, fallback).
 *
 * @example
 * chaosHarmRows(chaosExperiment.run({ durationMs: 2000 })).length // 20
 */
export function chaosHarmRows(result: ChaosExperimentResult): { service: string; what: string; count: number }[] {
  const r = result.results.experiment;
  return r.services.flatMap((s) => {
    const callsIn = r.calls.filter((c) => c.to === s.name);
    const sum = (f: (c: (typeof callsIn)[number]) => number) => callsIn.reduce((a, c) => a + f(c), 0);
    return [
      { service: s.name, what: "error", count: s.errors },
      { service: s.name, what: "rejected", count: s.rejected },
      { service: s.name, what: "timeout", count: sum((c) => c.outcomes.timeout) },
      { service: s.name, what: "fallback", count: sum((c) => c.outcomes.fallback) },
    ];
  });
}

/**
 * Errors, rejections, timed-out calls and fallback answers at each service of the experiment
 * group: where the fault hit, and where a defence turned it into a degraded answer.
 *
 * @example
 * chaosHarmChart.options(chaosExperiment.run({ durationMs: 3000 })).x?.label // 'requests or calls'
 */
export const chaosHarmChart: ChartSpec<ChaosExperimentResult> = {
  id: "chaosHarm",
  title: "Errors and fallbacks by service",
  caption: "In the experiment group: errors and rejections at each service, calls to it that timed out or fell back.",
  options(result) {
    const rows = chaosHarmRows(result);
    const services = result.results.experiment.services.map((s) => s.name);
    return {
      width: CHART_WIDTH,
      height: Math.max(140, 40 * services.length + 80),
      marginLeft: 80,
      x: { label: "requests or calls", grid: true },
      y: { label: null, domain: services },
      color: {
        legend: true,
        domain: ["error", "rejected", "timeout", "fallback"],
        range: ["#d62728", "#9467bd", "#ff7f0e", "#bcbd22"],
      },
      marks: [Plot.barX(rows, { x: "count", y: "service", fill: "what" }), Plot.ruleX([0])],
    };
  },
};

/**
 * Heights of the alive chart's zone panels: room for a step and two tick labels, shared out of
 * about the height of the other charts' plots, so six zones (a Kong run's two regions) stay short.
 */
const ZONE_PANELS_PX = 360;
const ZONE_PANEL_PX_MIN = 50;
const ZONE_PANEL_PX_MAX = 80;

/**
 * Instances up in each zone of the experiment group, bin by bin, one panel per zone (small
 * multiples): zones with equal counts would otherwise draw one line on top of another and hide
 * all but one. A Monkey kill is a step of one in its zone's panel, a Gorilla a panel falling to zero.
 *
 * @example
 * chaosAliveChart.options(chaosExperiment.run({ durationMs: 3000 })).y?.label // 'instances up'
 */
export const chaosAliveChart: ChartSpec<ChaosExperimentResult> = {
  id: "chaosAlive",
  title: "Instances alive per zone",
  caption: "The experiment group's instances up, one panel per zone; control keeps all of them.",
  options(result) {
    const { services, topology } = netflixSystem(result.params, result.layout);
    const zones = topology.zones.map((z) => z.name);
    // Every instance is up at the start; each bin counts them at its end, so a kill shows at the
    // end of the bin it happened in, never before it.
    // Stopped spares (the last instances of a Kong run's API) are down until started.
    const running = services.flatMap((s) => (s.nodes ?? []).slice(0, s.instances - (s.stoppedInstances ?? 0)));
    const atStart = zones.map((_, zi) => running.filter((node) => topology.node(node).zoneIndex === zi).length);
    const samples = [
      { timeMs: 0, alivePerZone: atStart },
      ...result.experiment.map((b) => ({ timeMs: b.timeMs + result.params.binMs, alivePerZone: b.alivePerZone })),
    ];
    const rows = samples.flatMap((b) =>
      b.alivePerZone.map((alive, i) => ({ timeMs: b.timeMs, alive, zone: zones[i] ?? `zone ${i}` })),
    );
    const most = Math.max(1, ...rows.map((r) => r.alive));
    const step = { x: "timeMs", y: "alive", fy: "zone", curve: "step-after" } as const;
    return {
      width: CHART_WIDTH,
      height:
        60 + zones.length * Math.min(ZONE_PANEL_PX_MAX, Math.max(ZONE_PANEL_PX_MIN, ZONE_PANELS_PX / zones.length)),
      marginRight: 80,
      x: { label: TIME_AXIS, transform: (ms: number) => ms / MS_PER_S },
      // Whole instances only, and only empty and full labelled: a panel is too short for more.
      y: { label: "instances up", domain: [0, most], ticks: [0, most], tickFormat: "d" },
      fy: { label: null, domain: zones, padding: 0.3 },
      marks: [
        Plot.rectX(faultWindows(result), { x1: "startMs", x2: "endMs", fill: "#d62728", fillOpacity: 0.08 }),
        // A faint line at every whole instance, so a step of one reads as one.
        Plot.gridY(Array.from({ length: most + 1 }, (_, i) => i)),
        Plot.ruleY([0]),
        // The experiment group's colour in the SPS chart; each panel is named, so one colour serves.
        Plot.lineY(rows, { ...step, stroke: EXPERIMENT_COLOUR, strokeWidth: 2 }),
      ],
    };
  },
};

/**
 * Requests inside each service of the experiment group over time (most at once per bin): under
 * Latency Monkey the API's threads and queue fill unless a bulkhead caps the wait.
 *
 * @example
 * chaosInFlightChart.options(chaosExperiment.run({ durationMs: 3000 })).y?.label // 'requests in flight (max per bin)'
 */
export const chaosInFlightChart: ChartSpec<ChaosExperimentResult> = {
  id: "chaosInFlight",
  title: "In flight per service",
  caption:
    "The experiment group's requests in progress or queued at each service (all its instances); the dashed line is the API's threads.",
  options(result) {
    const rows = result.results.experiment.services.flatMap((s) =>
      closeSteps(
        s.inFlight.map((p) => ({ timeMs: p.timeMs, max: p.max, service: s.name })),
        result.params.binMs,
      ),
    );
    // The lines count a whole service, so the rule is the threads of all its API instances.
    // Stopped spares (a Kong run's) hold no thread until they start.
    const api = netflixSystem(result.params, result.layout).services.find((s) => s.name === "api");
    const apiInstances = (api?.instances ?? 1) - (api?.stoppedInstances ?? 0);
    const threads = apiInstances * result.params.apiWorkers;
    const pool = [{ threads, label: `API threads (${apiInstances} × ${result.params.apiWorkers})` }];
    return {
      width: CHART_WIDTH,
      height: CHART_HEIGHT,
      x: { label: TIME_AXIS, transform: (ms: number) => ms / MS_PER_S },
      y: { label: "requests in flight (max per bin)", grid: true },
      color: { legend: true },
      marks: [
        Plot.rectX(faultWindows(result), { x1: "startMs", x2: "endMs", fill: "#d62728", fillOpacity: 0.08 }),
        Plot.lineY(rows, { x: "timeMs", y: "max", stroke: "service", curve: "step-after" }),
        Plot.ruleY(pool, { y: "threads", stroke: "#555", strokeDasharray: "4,3" }),
        Plot.text(pool, { y: "threads", text: "label", frameAnchor: "left", dy: -6 }),
        Plot.ruleY([0]),
      ],
    };
  },
};
