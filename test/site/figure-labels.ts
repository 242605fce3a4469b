// A flowchart node's text must stay inside the outline drawn around it. Mermaid sizes each shape
// from the label as it measured it; when the page lays the label out differently (other CSS), or
// a round shape is too tight for a wrapped label, lines spill over the outline.
import type { Page } from "playwright-core";

/** How far (in screen pixels) a line of text may cross its node's outline before it counts as spilled. */
export const LABEL_TOLERANCE_PX = 2;

/**
 * Every line of text of every flowchart node on the page that crosses its node's outline, as
 * "diagram: node "text" ends N px outside its shape". A line is the box the browser lays out for
 * the text (one per line of a wrapped label); each of its corners, pulled in by the tolerance, must
 * lie inside the fill of the node's shape (`isPointInFill`, so a stadium's or a circle's round
 * ends count, not only its bounding box).
 */
export function diagramLabelProblems(page: Page): Promise<{ out: string[]; nodes: number }> {
  return page.evaluate((tolerancePx) => {
    const out: string[] = [];
    let nodes = 0;
    const geometry = "rect, circle, ellipse, polygon, path";
    for (const svg of document.querySelectorAll<SVGSVGElement>(".sim-diagram svg, div.mermaid svg")) {
      if (!svg.getAttribute("aria-roledescription")?.startsWith("flowchart")) continue;
      const figure = svg.closest(".sim-diagram, div.mermaid");
      const name = figure?.getAttribute("data-diagram") ?? "mermaid";
      for (const node of svg.querySelectorAll<SVGGElement>("g.node")) {
        const outline = node.querySelector(":scope > .label-container");
        if (!outline) continue;
        const shapes = [outline, ...outline.querySelectorAll(geometry)].filter(
          (el): el is SVGGeometryElement => el instanceof SVGGeometryElement,
        );
        const label = node.querySelector(":scope > .label");
        if (!label || shapes.length === 0) continue;
        nodes++;
        // The boxes of the text itself, line by line (the label's block elements are wider).
        const lines: DOMRect[] = [];
        const walker = document.createTreeWalker(label, NodeFilter.SHOW_TEXT);
        const range = document.createRange();
        for (let text = walker.nextNode(); text !== null; text = walker.nextNode()) {
          range.selectNodeContents(text);
          for (const box of range.getClientRects()) if (box.width > 0 && box.height > 0) lines.push(box);
        }
        // How far a screen point lies outside the shape: 0 inside, else the distance to the nearest
        // point found inside along the line to the node's centre (good enough for convex shapes).
        const centre = node.getBoundingClientRect();
        const cx = centre.left + centre.width / 2;
        const cy = centre.top + centre.height / 2;
        const inside = (x: number, y: number) =>
          shapes.some((shape) => {
            const matrix = shape.getScreenCTM();
            if (!matrix) return false;
            return shape.isPointInFill(new DOMPoint(x, y).matrixTransform(matrix.inverse()));
          });
        let worst = 0;
        for (const line of lines) {
          const left = line.left + tolerancePx;
          const right = line.right - tolerancePx;
          const top = line.top + tolerancePx;
          const bottom = line.bottom - tolerancePx;
          for (const [x, y] of [
            [left, top],
            [right, top],
            [left, bottom],
            [right, bottom],
          ] as const) {
            if (inside(x, y)) continue;
            const length = Math.hypot(x - cx, y - cy);
            let lo = 0;
            let hi = 1;
            for (let i = 0; i < 20; i++) {
              const mid = (lo + hi) / 2;
              if (inside(x + (cx - x) * mid, y + (cy - y) * mid)) hi = mid;
              else lo = mid;
            }
            worst = Math.max(worst, hi * length);
          }
        }
        if (worst > 0) {
          const text = (label.textContent ?? "").replace(/\s+/g, " ").trim();
          out.push(`${name}: node "${text}" ends ${(worst + tolerancePx).toFixed(1)} px outside its shape`);
        }
      }
    }
    return { out, nodes };
  }, LABEL_TOLERANCE_PX);
}
