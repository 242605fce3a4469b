import type { Mermaid } from "mermaid";
import { Fingerprint } from "../kernel/index.js";
import { installBrowserGlobals } from "./dom.js";

/**
 * Node-only: Mermaid text → SVG text, without a browser or network. Mermaid runs on the shared
 * jsdom window with approximate text measurement (mermaid-geometry), so the same diagram gives
 * the same SVG on every machine, and a notebook shows it as a plain picture that Jupyter,
 * GitHub and VS Code all display, even in an untrusted notebook.
 */

/** Mermaid settings for offline pictures: SVG text labels (no HTML inside SVG), stable ids. */
const MERMAID_CONFIG = {
  startOnLoad: false,
  securityLevel: "strict",
  // SVG <text> labels survive being shown as an image; HTML labels (foreignObject) do not.
  htmlLabels: false,
  flowchart: { htmlLabels: false },
  deterministicIds: true,
  // Some shapes (stadiums, cylinders) get control points from rough.js; 0 would seed it randomly.
  handDrawnSeed: 1,
  theme: "default",
  fontFamily: "arial, sans-serif",
} as const;

let loaded: Promise<Mermaid> | null = null;
/** Mermaid keeps one diagram's state at a time, so renders run one after another. */
let queue: Promise<unknown> = Promise.resolve();

function loadMermaid(): Promise<Mermaid> {
  if (loaded === null) {
    // DOMPurify, inside Mermaid, looks for `window` when it is first imported.
    installBrowserGlobals();
    loaded = import("mermaid").then(({ default: mermaid }) => {
      mermaid.initialize(MERMAID_CONFIG);
      return mermaid;
    });
  }
  return loaded;
}

/** A stable element id from the diagram's text, so re-running a notebook changes nothing. */
function diagramId(text: string): string {
  const hash = new Fingerprint();
  hash.foldString(text);
  return `mermaid-${hash.hex().slice(0, 8)}`;
}

/**
 * Gives the root element its drawn size. Mermaid writes `width="100%"` with a CSS max-width,
 * which an inline SVG honours but an SVG shown as an image (JupyterLab, GitHub) does not: a tall
 * diagram would be stretched to the full page width.
 */
function withNaturalSize(svg: string): string {
  const open = /^<svg[^>]*>/.exec(svg)?.[0];
  const viewBox = open === undefined ? null : /viewBox="[-\d.e]+ [-\d.e]+ ([\d.e]+) ([\d.e]+)"/.exec(open);
  if (open === undefined || viewBox === null) return svg;
  const [width, height] = [Math.ceil(Number(viewBox[1])), Math.ceil(Number(viewBox[2]))];
  const sized = open
    .replace(/ width="100%"/, ` width="${width}" height="${height}"`)
    .replace(/ style="max-width: [^"]*"/, ' style="max-width: 100%; height: auto;"');
  return sized + svg.slice(open.length);
}

/**
 * Renders Mermaid text to SVG text. Throws Mermaid's parse error for invalid text.
 *
 * @example
 * (await mermaidSvg("flowchart LR\n  a --> b")).startsWith("<svg") // true
 */
export function mermaidSvg(text: string): Promise<string> {
  const render = queue.then(async () => {
    const mermaid = await loadMermaid();
    const { svg } = await mermaid.render(diagramId(text), text);
    return withNaturalSize(svg);
  });
  queue = render.catch(() => undefined);
  return render;
}

/**
 * About the width of a notebook's output area on a laptop: Jupyter Notebook 6 at a 1280 px
 * window gives a picture ~970 px, GitHub's notebook view ~880 px. A wider picture is scaled down
 * (or, in a Notebook 6 without the stylesheet `npm run notebooks` serves, cut off), so its labels
 * shrink: a diagram that can be laid out narrower should be.
 */
export const NOTEBOOK_COLUMN_PX = 960;

/** The width an SVG from `mermaidSvg` declares on its root element, in px. */
function declaredWidth(svg: string): number {
  return Number(/^<svg[^>]* width="([\d.]+)"/.exec(svg)?.[1] ?? 0);
}

/**
 * Like `mermaidSvg`, but a flowchart wider than `columnPx` is also drawn in the other direction
 * (top-down ↔ left-to-right), and the narrower of the two is kept, as the course site does for
 * its column. Other diagrams, and flowcharts that fit, are drawn as written.
 *
 * @example
 * (await mermaidSvgToFit("flowchart LR\n  a --> b")).startsWith("<svg") // true
 */
export async function mermaidSvgToFit(text: string, columnPx: number = NOTEBOOK_COLUMN_PX): Promise<string> {
  const svg = await mermaidSvg(text);
  const direction = /^flowchart (LR|TD|TB)\b/.exec(text)?.[1];
  if (direction === undefined || declaredWidth(svg) <= columnPx) return svg;
  const turned = await mermaidSvg(text.replace(/^flowchart \w+/, direction === "LR" ? "flowchart TD" : "flowchart LR"));
  return declaredWidth(turned) < declaredWidth(svg) ? turned : svg;
}
