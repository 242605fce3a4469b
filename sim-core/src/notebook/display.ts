import { createRequire } from "node:module";
import type { PlotOptions } from "@observablehq/plot";
import { type ChartSpec, renderChart } from "../viz/index.js";
import { nodeDocument, nodeWindow } from "./dom.js";
import { figureToSvg } from "./figure.js";
import { mermaidSvgToFit } from "./mermaid-svg.js";

/**
 * Node-only display helpers for tslab notebooks: every picture is published as one
 * `image/svg+xml` output (with a `text/plain` fallback), tables as Markdown. Outside a tslab
 * kernel (a script, a test) the plain-text form is printed instead.
 */

/** One Jupyter display: MIME type → content. */
export type MimeBundle = Record<string, string>;

interface TslabJupyter {
  lastWriteDisplayData:
    | ((content: { data: MimeBundle; metadata: object; transient: object }, update: boolean) => void)
    | null;
}

function tslabJupyter(): TslabJupyter | null {
  try {
    // tslab's kernel publishes display data through this slot of its (CommonJS) jupyter module;
    // its public `display` takes one MIME type per output, and a picture wants a text fallback.
    return createRequire(import.meta.url)("tslab/dist/jupyter") as TslabJupyter;
  } catch {
    return null;
  }
}

/**
 * Shows a MIME bundle as one output of the running cell, or prints its text outside tslab.
 *
 * @example
 * publish({ "text/plain": "hello" }) // undefined (prints "hello" outside a notebook)
 */
export function publish(bundle: MimeBundle): void {
  const write = tslabJupyter()?.lastWriteDisplayData ?? null;
  if (write !== null) write({ data: bundle, metadata: {}, transient: {} }, false);
  else console.log(bundle["text/plain"] ?? Object.values(bundle)[0] ?? "");
}

function serialise(element: Element): string {
  return new (nodeWindow().XMLSerializer)().serializeToString(element);
}

function isChartSpec(value: unknown): value is ChartSpec<unknown> {
  return typeof value === "object" && value !== null && typeof (value as ChartSpec<unknown>).options === "function";
}

function isElement(value: unknown): value is Element {
  return typeof value === "object" && value !== null && typeof (value as Element).tagName === "string";
}

/**
 * A chart as standalone SVG text: a course chart with its result (titled and captioned), Plot
 * options, or an element Plot already drew.
 *
 * @example
 * chartSvg({ marks: [Plot.dot([[1, 2]])] }).startsWith("<svg") // true
 */
export function chartSvg<R>(chart: ChartSpec<R> | PlotOptions | Element, result?: R): string {
  if (isElement(chart)) return serialise(figureToSvg(chart));
  if (isChartSpec(chart)) {
    if (result === undefined) throw new TypeError(`chart "${chart.id}" needs the scenario result to draw`);
    const drawn = renderChart(chart.options(result), nodeDocument());
    return serialise(figureToSvg(drawn, { title: chart.title, caption: chart.caption }));
  }
  return serialise(figureToSvg(renderChart(chart, nodeDocument())));
}

/**
 * Shows a chart in the notebook: `show(responseTimesChart, result)`, `show({ marks: [...] })`,
 * or `show(element)` for anything Plot drew.
 *
 * @example
 * show({ marks: [Plot.dot([[1, 2]])] }) // undefined (an SVG output in a notebook)
 */
export function show<R>(chart: ChartSpec<R> | PlotOptions | Element, result?: R): void {
  const title = isChartSpec(chart) ? chart.title : isElement(chart) ? "chart" : (chart.title?.toString() ?? "chart");
  publish({ "image/svg+xml": chartSvg(chart, result), "text/plain": `[${title}]` });
}

/**
 * Shows a Mermaid diagram as a picture (rendered offline, see mermaid-svg.ts), with the
 * Mermaid text as the fallback. A flowchart too wide for a notebook column is laid out in its
 * other direction when that is narrower. Await it: `await showMermaid(text)`.
 *
 * @example
 * await showMermaid("flowchart LR\n  client --> edge") // undefined (an SVG output in a notebook)
 */
export async function showMermaid(text: string): Promise<void> {
  publish({ "image/svg+xml": await mermaidSvgToFit(text), "text/plain": text });
}

function cell(value: unknown, digits: number): string {
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : value.toFixed(digits);
  return String(value ?? "").replace(/\|/g, "\\|");
}

/**
 * Rows of plain objects as a table (Markdown in Jupyter, aligned text elsewhere). Columns come
 * from the first row's keys; fractional numbers show `digits` decimals.
 *
 * @example
 * tableText([{ n: 1, p: 0.5 }]) // 'n  p\n-  ----\n1  0.50'
 */
export function tableText(rows: readonly Record<string, unknown>[], digits = 2): string {
  const columns = Object.keys(rows[0] ?? {});
  const body = rows.map((row) => columns.map((c) => cell(row[c], digits)));
  const widths = columns.map((c, i) => Math.max(c.length, ...body.map((r) => (r[i] as string).length)));
  const line = (values: string[]) =>
    values
      .map((v, i) => v.padEnd(widths[i] as number))
      .join("  ")
      .trimEnd();
  return [line(columns), line(widths.map((w) => "-".repeat(w))), ...body.map(line)].join("\n");
}

/**
 * Shows rows of plain objects as a table.
 *
 * @example
 * showTable([{ percentile: "p99", ms: 41.5 }]) // undefined (a table in a notebook)
 */
export function showTable(rows: readonly Record<string, unknown>[], digits = 2): void {
  const columns = Object.keys(rows[0] ?? {});
  const markdown = [
    `| ${columns.join(" | ")} |`,
    `| ${columns.map((c) => (typeof rows[0]?.[c] === "number" ? "---:" : ":---")).join(" | ")} |`,
    ...rows.map((row) => `| ${columns.map((c) => cell(row[c], digits)).join(" | ")} |`),
  ].join("\n");
  publish({ "text/markdown": markdown, "text/plain": tableText(rows, digits) });
}

/**
 * Shows Markdown text (for example a sentence built from simulated numbers).
 *
 * @example
 * showMarkdown("p99 is **41.5 ms**") // undefined (formatted text in a notebook)
 */
export function showMarkdown(markdown: string): void {
  publish({ "text/markdown": markdown, "text/plain": markdown });
}
