// What a page's simulations share with its time-travel players: each Simulation publishes the
// run it shows (scenario, parameters, seed, fingerprint) under its URL key, and a player
// publishes the virtual time it is at under the same key. A Simulation's charts with a time
// axis draw that time as a vertical rule, so scrubbing the replay moves the charts' cursor too.
import type { ParamValues, Seed } from "sim-core";
import { type InjectionKey, type Ref, reactive } from "vue";

export interface PublishedRun {
  scenario: string;
  values: ParamValues;
  seed: Seed;
  fingerprint: string;
}

const runs = reactive<Record<string, PublishedRun | undefined>>({});
const cursors = reactive<Record<string, number | undefined>>({});

/** The URL key of the Simulation a chart belongs to (provided by Simulation.vue). */
export const SIM_KEY: InjectionKey<Ref<string>> = Symbol("sim-key");

/** A Simulation announces the run it now shows. */
export function publishRun(key: string, run: PublishedRun): void {
  runs[key] = run;
}

/** The run the Simulation with this key shows, once it has run. */
export function publishedRun(key: string): PublishedRun | undefined {
  return runs[key];
}

/** A player sets (or, with undefined, clears) the virtual time shown for the Simulation `key`, in ms. */
export function setCursor(key: string, ms: number | undefined): void {
  cursors[key] = ms;
}

/** The virtual time a player shows for the Simulation `key`, in ms, if any. */
export function cursorMs(key: string): number | undefined {
  return cursors[key];
}

/** Whether a chart with this x label has a time axis, so a player's cursor is drawn on it. */
export function isTimeAxis(label: unknown): boolean {
  return timeUnit(label) !== null;
}

/** The x unit of a chart whose x axis is virtual time ("virtual time (s)", "time (ms)"), or null. */
function timeUnit(label: unknown): number | null {
  const match = typeof label === "string" ? /^(virtual )?time \((ms|s)\)/i.exec(label.trim()) : null;
  if (match === null) return null;
  return match[2]?.toLowerCase() === "s" ? 1000 : 1;
}

type PlotElement = (SVGSVGElement | HTMLElement) & {
  scale?: (name: string) => { domain?: unknown[]; range?: number[]; apply?: (v: unknown) => number } | undefined;
};

/**
 * Draws (or moves, or removes) the time cursor on a rendered Plot chart: a rule at `ms` across
 * the plot area, only on charts whose x axis is virtual time (read from the chart's x label, as
 * Plot's scale does not keep it) and only inside its domain.
 */
export function drawCursor(chart: PlotElement, ms: number | undefined, xLabel: unknown): void {
  const svgs = [chart, ...chart.querySelectorAll("svg")].filter((e) => e instanceof SVGSVGElement) as SVGSVGElement[];
  const svg = svgs.sort((a, b) => b.width.baseVal.value - a.width.baseVal.value)[0];
  if (svg === undefined) return;
  let line = svg.querySelector<SVGLineElement>("line.sim-time-cursor");
  const x = chart.scale?.("x");
  const y = chart.scale?.("y");
  const unit = timeUnit(xLabel);
  const domain = (x?.domain ?? []) as number[];
  const value = ms === undefined || unit === null ? Number.NaN : ms / unit;
  const inside = Number.isFinite(value) && value >= Math.min(...domain) && value <= Math.max(...domain);
  if (!inside || x?.apply === undefined || y?.range === undefined) {
    line?.remove();
    return;
  }
  if (line === null) {
    line = document.createElementNS("http://www.w3.org/2000/svg", "line");
    line.setAttribute("class", "sim-time-cursor");
    svg.append(line);
  }
  const px = String(x.apply(value));
  // A chart in panels (facets stacked by `fy`) gives y's range in its first panel; the cursor
  // crosses them all, down to the last panel's copy of that range.
  const fy = chart.scale?.("fy");
  const panels = (fy?.domain ?? []).map((v) => fy?.apply?.(v) ?? 0);
  const below = panels.length > 1 ? Math.max(...panels) - Math.min(...panels) : 0;
  line.setAttribute("x1", px);
  line.setAttribute("x2", px);
  line.setAttribute("y1", String(Math.min(...y.range)));
  line.setAttribute("y2", String(Math.max(...y.range) + below));
}
