// sim-core/notebook: the Node-only display helpers notebooks import next to "sim-core".
// Not re-exported from sim-core's main index: it needs jsdom, which the browser bundle must not load.
//
//   import { queueing, responseTimesChart } from "sim-core";
//   import { show, showMermaid, showTable } from "sim-core/notebook";
//   show(responseTimesChart, queueing.run({ seed: 1 }));

export { installSvgGeometry, pathBox, svgBox } from "./mermaid-geometry.js";
export { fanOutMermaid, queueingMermaid } from "./mermaid-queueing.js";
export { histogramChart, type LinesChartOptions, linesChart } from "./notebook-charts.js";
export {
  chartSvg,
  type MimeBundle,
  publish,
  show,
  showMarkdown,
  showMermaid,
  showTable,
  tableText,
} from "./notebook-display.js";
export { installBrowserGlobals, nodeDocument, nodeWindow } from "./notebook-dom.js";
export { figureToSvg } from "./notebook-figure.js";
export { mermaidSvg } from "./notebook-mermaid.js";
export { guessText, showGuess } from "./notebook-predict.js";
