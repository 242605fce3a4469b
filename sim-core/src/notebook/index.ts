// sim-core/notebook: the Node-only display helpers notebooks import next to "sim-core" (jsdom,
// tslab's display channel, the SVG geometry Mermaid needs without a browser). The top floor:
// it imports from every floor below, and sim-core's main index does not re-export it, so the
// browser bundle never loads jsdom. viz/ below stays pure (results to Plot options and Mermaid text).
//
//   import { queueing, responseTimesChart } from "sim-core";
//   import { show, showMermaid, showTable } from "sim-core/notebook";
//   show(responseTimesChart, queueing.run({ seed: 1 }));

export { installSvgGeometry, pathBox, svgBox } from "./mermaid-geometry.js";
export { fanOutMermaid, queueingMermaid } from "../viz/index.js";
export { histogramChart, type LinesChartOptions, linesChart } from "./charts.js";
export {
  chartSvg,
  type MimeBundle,
  publish,
  show,
  showMarkdown,
  showMermaid,
  showTable,
  tableText,
} from "./display.js";
export { installBrowserGlobals, nodeDocument, nodeWindow } from "./dom.js";
export { figureToSvg } from "./figure.js";
export { mermaidSvg, mermaidSvgToFit, NOTEBOOK_COLUMN_PX } from "./mermaid-svg.js";
export { guessText, showGuess } from "./predict.js";
