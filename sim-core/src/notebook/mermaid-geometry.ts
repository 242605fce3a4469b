/**
 * Approximate SVG geometry for a DOM without layout (jsdom), so Mermaid can lay out diagrams
 * outside a browser. Mermaid sizes boxes from `getBBox()`; here text is measured by counting
 * characters and shapes by their attributes, which is deterministic on every machine and close
 * enough for labels in boxes (a browser's measurement differs by a few pixels per label).
 */

/**
 * Average glyph advance as a share of the font size. Arial and Trebuchet average about 0.5; a
 * little more keeps labels inside their boxes.
 */
const CHAR_WIDTH_EM = 0.55;
/** Line box height as a share of the font size. */
const LINE_HEIGHT_EM = 1.2;
/** Distance from the top of a line box to its baseline, as a share of the font size. */
const ASCENT_EM = 0.95;
const DEFAULT_FONT_PX = 16;

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const EMPTY: Box = { x: 0, y: 0, width: 0, height: 0 };

/** Commands of SVG path data and how many numbers each takes. */
const PATH_ARITY: Record<string, number> = { m: 2, l: 2, h: 1, v: 1, c: 6, s: 4, q: 4, t: 2, a: 7, z: 0 };
/** Elements that draw nothing themselves. */
const INVISIBLE = new Set(["style", "defs", "marker", "title", "desc", "clippath", "lineargradient", "pattern"]);

function attr(element: Element, name: string): number {
  const value = Number.parseFloat(element.getAttribute(name) ?? "");
  return Number.isFinite(value) ? value : 0;
}

/** A length attribute in px; "1.1em" is relative to the font size. */
function length(value: string | null, fontPx: number): number {
  if (value === null || value.trim() === "") return 0;
  const n = Number.parseFloat(value);
  if (!Number.isFinite(n)) return 0;
  return value.trim().endsWith("em") ? n * fontPx : n;
}

function inherited(element: Element, name: string): string | null {
  const pattern = new RegExp(`${name}:\\s*([^;]+)`);
  for (let e: Element | null = element; e !== null; e = e.parentElement) {
    const value = e.getAttribute(name) ?? pattern.exec(e.getAttribute("style") ?? "")?.[1] ?? null;
    if (value !== null) return value.trim();
    // Mermaid centres label text through its stylesheet, which jsdom does not apply to geometry.
    if (name === "text-anchor" && /\b(label|edgeLabel|nodeLabel)\b/.test(e.getAttribute("class") ?? "")) {
      return "middle";
    }
  }
  return null;
}

function union(a: Box | null, b: Box | null): Box | null {
  if (a === null) return b;
  if (b === null) return a;
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return {
    x,
    y,
    width: Math.max(a.x + a.width, b.x + b.width) - x,
    height: Math.max(a.y + a.height, b.y + b.height) - y,
  };
}

function point(x: number, y: number): Box {
  return { x, y, width: 0, height: 0 };
}

function textBox(element: Element): Box {
  const fontPx = length(inherited(element, "font-size"), DEFAULT_FONT_PX) || DEFAULT_FONT_PX;
  const rows = Array.from(element.children).filter((c) => c.tagName.toLowerCase() === "tspan");
  const lines = rows.length > 0 ? rows : [element];
  const width = Math.max(...lines.map((line) => (line.textContent ?? "").length * fontPx * CHAR_WIDTH_EM));
  const first = rows[0] ?? null;
  const x = length(first?.getAttribute("x") ?? element.getAttribute("x"), fontPx);
  const baseline =
    length(first?.getAttribute("y") ?? element.getAttribute("y"), fontPx) +
    length(first?.getAttribute("dy") ?? element.getAttribute("dy"), fontPx);
  const anchor = inherited(element, "text-anchor");
  const left = anchor === "middle" ? x - width / 2 : anchor === "end" ? x - width : x;
  return { x: left, y: baseline - ASCENT_EM * fontPx, width, height: lines.length * fontPx * LINE_HEIGHT_EM };
}

/**
 * Bounds of path data: end points, control points, and each arc's radii around its chord.
 *
 * @example
 * pathBox("M0,0 l10,5 h-20") // { x: -10, y: 0, width: 20, height: 5 }
 */
export function pathBox(d: string): Box | null {
  let box: Box | null = null;
  let x = 0;
  let y = 0;
  let startX = 0;
  let startY = 0;
  for (const [, command = "", args = ""] of d.matchAll(/([a-zA-Z])([^a-zA-Z]*)/g)) {
    const kind = command.toLowerCase();
    const relative = command === kind;
    const numbers = (args.match(/-?(?:\d+\.?\d*|\.\d+)(?:e-?\d+)?/gi) ?? []).map(Number);
    if (kind === "z") {
      x = startX;
      y = startY;
      continue;
    }
    const arity = PATH_ARITY[kind] ?? 2;
    for (let i = 0; i + arity <= numbers.length; i += arity) {
      const a = numbers.slice(i, i + arity) as number[];
      if (kind === "h") x = (relative ? x : 0) + (a[0] as number);
      else if (kind === "v") y = (relative ? y : 0) + (a[0] as number);
      else if (kind === "a") {
        const endX = (relative ? x : 0) + (a[5] as number);
        const endY = (relative ? y : 0) + (a[6] as number);
        const [rx, ry] = [Math.abs(a[0] as number), Math.abs(a[1] as number)];
        box = union(box, { x: (x + endX) / 2 - rx, y: (y + endY) / 2 - ry, width: 2 * rx, height: 2 * ry });
        [x, y] = [endX, endY];
      } else {
        for (let j = 0; j + 1 < arity; j += 2) {
          box = union(box, point((relative ? x : 0) + (a[j] as number), (relative ? y : 0) + (a[j + 1] as number)));
        }
        x = (relative ? x : 0) + (a[arity - 2] as number);
        y = (relative ? y : 0) + (a[arity - 1] as number);
        if (kind === "m" && i === 0) [startX, startY] = [x, y];
      }
      box = union(box, point(x, y));
    }
  }
  return box;
}

function translation(element: Element): [number, number] {
  const match = /translate\(\s*(-?[\d.e-]+)[\s,]*(-?[\d.e-]+)?\s*\)/.exec(element.getAttribute("transform") ?? "");
  return match === null ? [0, 0] : [Number.parseFloat(match[1] ?? "0"), Number.parseFloat(match[2] ?? "0")];
}

/**
 * The bounding box of an SVG element in its own coordinates (children's translations applied,
 * its own not), or null when it draws nothing.
 *
 * @example
 * const rect = new JSDOM('<svg><rect x="1" y="2" width="3" height="4"/></svg>').window.document.querySelector("rect");
 * svgBox(rect!) // { x: 1, y: 2, width: 3, height: 4 }
 */
export function svgBox(element: Element): Box | null {
  const tag = element.tagName.toLowerCase();
  if (INVISIBLE.has(tag)) return null;
  if (tag === "text" || tag === "tspan") return textBox(element);
  if (tag === "rect" || tag === "image" || tag === "foreignobject" || tag === "use") {
    return {
      x: attr(element, "x"),
      y: attr(element, "y"),
      width: attr(element, "width"),
      height: attr(element, "height"),
    };
  }
  if (tag === "circle" || tag === "ellipse") {
    const rx = tag === "circle" ? attr(element, "r") : attr(element, "rx");
    const ry = tag === "circle" ? rx : attr(element, "ry");
    return { x: attr(element, "cx") - rx, y: attr(element, "cy") - ry, width: 2 * rx, height: 2 * ry };
  }
  if (tag === "line") {
    return union(point(attr(element, "x1"), attr(element, "y1")), point(attr(element, "x2"), attr(element, "y2")));
  }
  if (tag === "polygon" || tag === "polyline") return pathBox(`M${element.getAttribute("points") ?? ""}`);
  if (tag === "path") return pathBox(element.getAttribute("d") ?? "");
  let box: Box | null = null;
  for (const child of Array.from(element.children)) {
    const childBox = svgBox(child);
    if (childBox === null) continue;
    const [dx, dy] = translation(child);
    box = union(box, { ...childBox, x: childBox.x + dx, y: childBox.y + dy });
  }
  return box;
}

/**
 * Gives every SVG element of a window `getBBox()` and `getComputedTextLength()` from `svgBox`,
 * for DOMs that have no layout engine.
 *
 * @example
 * const { window } = new JSDOM("<svg><text>abc</text></svg>"); installSvgGeometry(window);
 * Math.round(window.document.querySelector("text").getComputedTextLength()) // 26 (3 characters × 16 px × 0.55)
 */
export function installSvgGeometry(window: { SVGElement: { prototype: object } }): void {
  Object.assign(window.SVGElement.prototype, {
    getBBox(this: Element): Box {
      return svgBox(this) ?? EMPTY;
    },
    getComputedTextLength(this: Element): number {
      return (svgBox(this) ?? EMPTY).width;
    },
  });
}
