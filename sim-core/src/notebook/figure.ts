/**
 * Node-only: turns what Plot draws (an SVG, or a figure with a title, HTML legend swatches and a
 * caption) into one standalone SVG, so a notebook output is a single picture that Jupyter,
 * GitHub and VS Code all display, with no HTML or stylesheet to sanitise away.
 */

const FONT = "system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif";
/** Approximate glyph advance for legend labels at 12px (no layout engine to measure). */
const LABEL_CHAR_PX = 7;
const SWATCH_PX = 12;

export interface FigureText {
  title?: string;
  caption?: string;
}

const SVG_NS = "http://www.w3.org/2000/svg";

function svgElement(document: Document, tag: string, attributes: Record<string, string | number>): Element {
  const element = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  return element;
}

function textRow(document: Document, text: string, y: number, size: number, weight: string, fill: string): Element {
  const row = svgElement(document, "text", { x: 0, y, "font-size": size, "font-weight": weight, fill });
  row.textContent = text;
  return row;
}

/** Plot's swatch legend (HTML spans, each with a tiny SVG and a label) redrawn as SVG. */
function swatchRow(document: Document, legend: Element, y: number): Element {
  const row = svgElement(document, "g", { transform: `translate(0,${y})`, "font-size": 12 });
  let x = 0;
  // Skip the legend's <style>: only the swatch spans carry a colour and a label.
  for (const swatch of Array.from(legend.children).filter((c) => /-swatch\b/.test(c.getAttribute("class") ?? ""))) {
    const mark = swatch.querySelector("svg");
    const shape = mark?.querySelector("rect, circle, path, line");
    const fill =
      shape?.getAttribute("fill") ?? mark?.getAttribute("fill") ?? mark?.getAttribute("stroke") ?? "currentColor";
    const label = (swatch.textContent ?? "").trim();
    row.appendChild(svgElement(document, "rect", { x, y: 0, width: SWATCH_PX, height: SWATCH_PX, fill }));
    const text = textRow(document, label, SWATCH_PX - 2, 12, "normal", "currentColor");
    text.setAttribute("x", String(x + SWATCH_PX + 4));
    row.appendChild(text);
    x += SWATCH_PX + 4 + label.length * LABEL_CHAR_PX + 14;
  }
  return row;
}

function size(element: Element, name: "width" | "height"): number {
  const value = Number.parseFloat(element.getAttribute(name) ?? "");
  return Number.isFinite(value) ? value : 0;
}

/** Characters of a 12 px caption line that fit a 640 px chart. */
const CAPTION_CHARS = 95;

/** Breaks text into lines of at most `chars` characters at spaces (a longer word keeps its own line). */
function wrapWords(text: string, chars: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > chars) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * Stacks a title, Plot's legends, the plot and a caption into one SVG element.
 *
 * @example
 * figureToSvg(Plot.plot({ marks: [Plot.dot([[1, 2]])], document: nodeDocument() }), { title: "t" }).tagName // 'svg'
 */
export function figureToSvg(drawn: Element, text: FigureText = {}): Element {
  const document = drawn.ownerDocument;
  const parts: (Element | { text: string; role: "title" | "subtitle" | "caption" })[] = [];
  if (text.title) parts.push({ text: text.title, role: "title" });
  if (drawn.tagName.toLowerCase() === "svg") parts.push(drawn);
  else {
    for (const child of Array.from(drawn.children)) {
      const tag = child.tagName.toLowerCase();
      if (tag === "h2") parts.push({ text: child.textContent ?? "", role: "title" });
      else if (tag === "h3") parts.push({ text: child.textContent ?? "", role: "subtitle" });
      else if (tag === "figcaption") parts.push({ text: child.textContent ?? "", role: "caption" });
      else parts.push(child);
    }
  }
  if (text.caption) parts.push({ text: text.caption, role: "caption" });

  // XMLSerializer writes the namespace declaration; setting xmlns here too would duplicate it.
  const root = svgElement(document, "svg", { "font-family": FONT, fill: "currentColor" });
  let y = 0;
  let width = 0;
  // A caption wraps to the chart's own width: a square chart (the ring) is narrower than 640 px.
  const chartPx = Math.max(
    0,
    ...parts.map((p) => ("tagName" in p && p.tagName.toLowerCase() === "svg" ? size(p, "width") : 0)),
  );
  const captionChars = chartPx > 0 ? Math.floor((CAPTION_CHARS * chartPx) / 640) : CAPTION_CHARS;
  for (const part of parts) {
    if (!("tagName" in part)) {
      const fontPx = part.role === "title" ? 16 : part.role === "subtitle" ? 13 : 12;
      const fill = part.role === "caption" ? "#555" : "currentColor";
      // SVG text does not wrap: a caption longer than the chart is broken into lines by words.
      for (const line of part.role === "caption" ? wrapWords(part.text, captionChars) : [part.text]) {
        root.appendChild(textRow(document, line, y + fontPx, fontPx, part.role === "title" ? "bold" : "normal", fill));
        y += fontPx + 4;
      }
      y += 6;
    } else if (part.tagName.toLowerCase() === "svg") {
      const copy = part.cloneNode(true) as Element;
      copy.setAttribute("x", "0");
      copy.setAttribute("y", String(y));
      root.appendChild(copy);
      y += size(part, "height") + 6;
      width = Math.max(width, size(part, "width"));
    } else if (/-swatches\b/.test(part.getAttribute("class") ?? "")) {
      root.appendChild(swatchRow(document, part, y));
      y += SWATCH_PX + 10;
    }
  }
  root.setAttribute("width", String(width));
  root.setAttribute("height", String(Math.ceil(y)));
  root.setAttribute("viewBox", `0 0 ${width} ${Math.ceil(y)}`);
  return root;
}
