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
