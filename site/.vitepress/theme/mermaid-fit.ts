// Mermaid sizes a round shape from its label's box by a formula that holds one line of text but
// not a wrapped one: a stadium is the box plus a quarter of its height, so the round ends of a
// four-line label cut across its corners, and a circle takes only the label's width. This finds,
// in a drawn flowchart, each node whose text crosses its outline and how much wider its label must
// be laid out for the shape to hold it; `wideningDirective` turns that into CSS for Mermaid's next
// layout, so the shape grows with its label and the layout makes room for it.

/** Air, in diagram pixels, kept between the end of a line of text and its node's outline. */
const AIR_PX = 2;
/** Node ids that are safe inside a CSS attribute selector; others are left as Mermaid drew them. */
const SAFE_ID = /^[\w-]+$/;
const GEOMETRY = "rect, circle, ellipse, polygon, path";

/** How one node's label is laid out again: its text width as first drawn, and padding each side. */
export interface LabelWidening {
  widthPx: number;
  padPx: number;
  whiteSpace: string;
}

/** By node key (the node's DOM id after the diagram's own id, e.g. `flowchart-request-0`). */
export type Widenings = Map<string, LabelWidening>;

/** The shapes making up a node's outline, as geometry that can answer "is this point inside?". */
function outlineOf(node: SVGGElement): SVGGeometryElement[] {
  const outline = node.querySelector(":scope > .label-container");
  if (!outline) return [];
  return [outline, ...outline.querySelectorAll(GEOMETRY)].filter(
    (el): el is SVGGeometryElement => el instanceof SVGGeometryElement,
  );
}

/**
 * The screen boxes of a label's text, one per line of each run of text. Only text: the label's
 * block elements are as wide as the label, wider than most of its lines.
 */
function textLines(label: Element): DOMRect[] {
  const lines: DOMRect[] = [];
  const walker = document.createTreeWalker(label, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let text = walker.nextNode(); text !== null; text = walker.nextNode()) {
    range.selectNodeContents(text);
    for (const box of range.getClientRects()) if (box.width > 0 && box.height > 0) lines.push(box);
  }
  return lines;
}

/**
 * How far (diagram pixels) the text of `node` lies beyond its outline, measured along each line's
 * row from the node's centre, where Mermaid centres both label and shape; 0 when it fits.
 */
function shortfallOf(node: SVGGElement, label: Element, shapes: SVGGeometryElement[]): number {
  const nodeMatrix = node.getScreenCTM();
  if (!nodeMatrix) return 0;
  const toNode = nodeMatrix.inverse();
  const toShapes = shapes.map((s) => s.getScreenCTM()?.inverse().multiply(nodeMatrix));
  const inside = (x: number, y: number) =>
    shapes.some((s, i) => {
      const m = toShapes[i];
      return m !== undefined && s.isPointInFill(new DOMPoint(x, y).matrixTransform(m));
    });
  let shortfall = 0;
  for (const line of textLines(label)) {
    for (const [cx, cy] of [
      [line.left, line.top],
      [line.right, line.top],
      [line.left, line.bottom],
      [line.right, line.bottom],
    ] as const) {
      // Out from the centre along the line's row, on the corner's own side: where does the shape end?
      const p = new DOMPoint(cx, cy).matrixTransform(toNode);
      const side = p.x < 0 ? -1 : 1;
      const reach = Math.abs(p.x) + AIR_PX;
      const y = p.y;
      // Text above or below the shape itself is not a width problem; widening cannot help it.
      if (inside(side * reach, y) || !inside(0, y)) continue;
      let lo = 0;
      let hi = reach;
      while (hi - lo > 0.25) {
        const mid = (lo + hi) / 2;
        if (inside(side * mid, y)) lo = mid;
        else hi = mid;
      }
      shortfall = Math.max(shortfall, reach - lo);
    }
  }
  return shortfall;
}

/**
 * Measures every node of a drawn flowchart (attached to the page, so the browser has laid its
 * text out) and adds to `widenings` the padding each spilling label still needs. Returns whether
 * any label spilled; other diagrams are left alone.
 */
export function widenSpillingLabels(svg: SVGSVGElement, widenings: Widenings): boolean {
  let spilled = false;
  if (!svg.getAttribute("aria-roledescription")?.startsWith("flowchart")) return false;
  for (const node of svg.querySelectorAll<SVGGElement>("g.node")) {
    const key = node.id.startsWith(`${svg.id}-`) ? node.id.slice(svg.id.length + 1) : "";
    const box = node.querySelector<HTMLElement>(":scope > .label foreignObject > div");
    const shapes = outlineOf(node);
    if (!SAFE_ID.test(key) || !box || shapes.length === 0) continue;
    const shortfall = shortfallOf(node, box, shapes);
    if (shortfall === 0) continue;
    spilled = true;
    const before = widenings.get(key);
    // The text keeps the width (and so the line breaks) Mermaid first gave it; only padding grows.
    const widthPx = before?.widthPx ?? Number.parseFloat(box.parentElement?.getAttribute("width") ?? "0");
    const whiteSpace = before?.whiteSpace ?? (box.style.whiteSpace || "nowrap");
    widenings.set(key, { widthPx, whiteSpace, padPx: (before?.padPx ?? 0) + Math.ceil(shortfall) });
  }
  return spilled;
}

/**
 * A Mermaid init directive whose CSS lays each widened label out at its first width with padding
 * on both sides; Mermaid measures the padded box and sizes the shape from it. Empty when none.
 *
 * The rules are `!important` because Mermaid sets the label's width and wrapping as inline
 * styles while it measures. Their selectors avoid `>` and `foreignObject`: Mermaid drops a theme
 * CSS rule with a `>` and lowercases element names, which then miss SVG's camel-cased ones.
 */
export function wideningDirective(widenings: Widenings): string {
  if (widenings.size === 0) return "";
  const rules = [...widenings].map(
    ([key, w]) =>
      `[id$="-${key}"] .label div { box-sizing: content-box !important; ` +
      `width: ${w.widthPx}px !important; max-width: none !important; ` +
      `white-space: ${w.whiteSpace} !important; padding: 0 ${w.padPx}px !important; }`,
  );
  return `%%{init: ${JSON.stringify({ themeCSS: rules.join("\n") })}}%%\n`;
}
