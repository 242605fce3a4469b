import * as Plot from "@observablehq/plot";

/**
 * A chart of one scenario's result: pure data in, Plot options out. Surfaces render it with
 * `renderChart`, passing their own `document` (the page's in the browser, jsdom in Node), so
 * notebook, site and tests draw the same picture from the same numbers.
 */
export interface ChartSpec<R> {
  /** Stable id, e.g. "responseTimes"; site components and notebooks pick charts by it. */
  id: string;
  title: string;
  /** One sentence on what to look for. */
  caption: string;
  options(result: R): Plot.PlotOptions;
}

/**
 * Renders Plot options to an SVG (or a figure holding one) using the given document.
 *
 * @example
 * renderChart({ marks: [Plot.dot([[1, 2]])] }, new JSDOM("").window.document).tagName // 'svg'
 */
export function renderChart(options: Plot.PlotOptions, document: Document): SVGSVGElement | HTMLElement {
  return Plot.plot({ ...options, document });
}

/** Plot's defaults are sized for a wide page; charts in the course share one size. */
export const CHART_WIDTH = 640;
export const CHART_HEIGHT = 280;

/**
 * Tick values for a symlog axis from 0 to `maxValue`: 0, then 1, 2, 5, 10, 20, 50 … Plot's own
 * symlog ticks are linear (100 120 140 … collide, and 1–10 ms gets none); these are spread evenly
 * on the scale, so their labels never overlap.
 *
 * @example
 * symlogTicks(1000) // [0, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]
 */
export function symlogTicks(maxValue: number): number[] {
  const ticks = [0];
  for (let decade = 1; decade <= Math.max(1, maxValue); decade *= 10) {
    for (const step of [1, 2, 5]) if (step * decade <= maxValue) ticks.push(step * decade);
  }
  return ticks;
}
