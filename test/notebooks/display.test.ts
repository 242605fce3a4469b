// The Node-only display helpers of sim-core/notebook: geometry for Mermaid without a browser,
// standalone SVG charts, tables and prediction reveals.
import { JSDOM } from "jsdom";
import { Histogram, queueing, responseTimesChart } from "sim-core";
import { describe, expect, test, vi } from "vitest";
import {
  chartSvg,
  guessText,
  histogramChart,
  installSvgGeometry,
  linesChart,
  mermaidSvg,
  mermaidSvgToFit,
  pathBox,
  publish,
  queueingMermaid,
  svgBox,
  tableText,
} from "../../sim-core/src/notebook/index.js";

function parseSvg(text: string): Document {
  return new new JSDOM("").window.DOMParser().parseFromString(text, "image/svg+xml");
}

describe("mermaid geometry", () => {
  test("svgBox(rect) reads its attributes, and a group adds its children's translations", () => {
    const { document } = new JSDOM(
      '<svg><g id="g"><rect x="1" y="2" width="3" height="4"/><circle transform="translate(10, 20)" r="1"/></g></svg>',
    ).window;
    expect(svgBox(document.querySelector("rect")!)).toEqual({ x: 1, y: 2, width: 3, height: 4 });
    expect(svgBox(document.querySelector("#g")!)).toEqual({ x: 1, y: 2, width: 10, height: 19 });
  });

  test("pathBox(d) follows relative commands, H/V and arcs", () => {
    expect(pathBox("M10,10 l5,5 h-20 v-30 Z")).toEqual({ x: -5, y: -15, width: 20, height: 30 });
    // An arc from (0,0) to (10,0) with radii 5,5 spans its chord's midpoint ± the radii.
    expect(pathBox("M0,0 a5,5 0 0 0 10,0")).toEqual({ x: 0, y: -5, width: 10, height: 10 });
  });

  test("installSvgGeometry(window) measures text as characters × 0.55 em, centred for middle anchors", () => {
    const { window } = new JSDOM('<svg><text font-size="10" text-anchor="middle" x="50">abcd</text></svg>');
    installSvgGeometry(window);
    const text = window.document.querySelector("text") as unknown as SVGTextElement;
    expect(text.getComputedTextLength()).toBeCloseTo(4 * 10 * 0.55, 10);
    expect(text.getBBox().x).toBeCloseTo(50 - 11, 10);
  });
});

describe("mermaidSvg", () => {
  test("mermaidSvg(text) draws a flowchart offline, with its labels and a sized viewBox", async () => {
    const svg = await mermaidSvg(queueingMermaid(queueing.run({ customers: 2000 })));
    const doc = parseSvg(svg);
    expect(doc.querySelector("parsererror")).toBeNull();
    expect(doc.documentElement.textContent).toContain("FIFO queue");
    const [, , width = 0, height = 0] = (doc.documentElement.getAttribute("viewBox") ?? "").split(" ").map(Number);
    expect(width).toBeGreaterThan(100);
    expect(height).toBeGreaterThan(20);
    // Its drawn size, not width="100%": shown as an image, a diagram keeps its size.
    expect(doc.documentElement.getAttribute("width")).toBe(String(Math.ceil(width)));
    expect(doc.documentElement.getAttribute("height")).toBe(String(Math.ceil(height)));
  });

  test("mermaidSvg(text) gives the same SVG for the same text (stable ids and shapes)", async () => {
    const text = 'flowchart LR\n  a(["edge"]) --> b[("cassandra")]\n  a --> c[["queue"]]';
    expect(await mermaidSvg(text)).toBe(await mermaidSvg(text));
  });

  test("mermaidSvg(invalid text) rejects with Mermaid's parse error", async () => {
    await expect(mermaidSvg("flowchart LR\n  a --> ((")).rejects.toThrow(/Parse error/);
  });

  test("mermaidSvgToFit(text, column) turns a flowchart wider than the column if that is narrower", async () => {
    const width = (svg: string) => Number(parseSvg(svg).documentElement.getAttribute("width"));
    const chain = "flowchart LR\n  a --> b --> c --> d --> e";
    const wide = await mermaidSvg(chain);
    const turned = await mermaidSvgToFit(chain, width(wide) - 1);
    expect(turned).toBe(await mermaidSvg(chain.replace("flowchart LR", "flowchart TD")));
    expect(width(turned)).toBeLessThan(width(wide));
    // A flowchart that fits is drawn as written.
    expect(await mermaidSvgToFit(chain, width(wide))).toBe(wide);
  });
});

describe("charts", () => {
  test("chartSvg(responseTimesChart, result) is one standalone SVG with title, legend and plot", () => {
    const result = queueing.run({ customers: 2000 });
    const svg = chartSvg(responseTimesChart, result);
    const doc = parseSvg(svg);
    expect(doc.querySelector("parsererror")).toBeNull();
    expect(doc.documentElement.getAttribute("xmlns")).toBe("http://www.w3.org/2000/svg");
    const texts = Array.from(doc.querySelectorAll("text")).map((t) => t.textContent);
    expect(texts).toContain("Response times");
    // The legend names each marker with its value (labels beside the lines used to overlap).
    const ms = result.responseMs;
    expect(texts).toEqual(
      expect.arrayContaining([
        `mean ${ms.mean.toFixed(1)} ms`,
        `p50 ${ms.p50.toFixed(1)} ms`,
        `p99 ${ms.p99.toFixed(1)} ms`,
      ]),
    );
    // The plot itself is nested, and the legend's HTML <style> was not carried over as text.
    expect(doc.querySelectorAll("svg svg").length).toBe(1);
    expect(svg).not.toContain(":where(.plot-d6a7b5-swatches)");
  });

  test("chartSvg(chart) without a result throws instead of drawing an empty chart", () => {
    expect(() => chartSvg(responseTimesChart)).toThrow(/needs the scenario result/);
  });

  test("linesChart(rows) draws one line per column, theory columns dashed", () => {
    const rows = [
      { rho: 0.5, simulated: 20.1, theory: 20 },
      { rho: 0.8, simulated: 51, theory: 50 },
    ];
    const doc = parseSvg(chartSvg(linesChart(rows, { x: "rho", y: ["simulated", "theory"], title: "t" })));
    expect(doc.querySelectorAll("g[aria-label='line'] path").length).toBe(2);
    expect(doc.querySelectorAll("[stroke-dasharray='5,4']").length).toBe(1);
  });

  test("histogramChart(histogram) labels the mean, p50 and p99 with the histogram's own values", () => {
    const h = new Histogram();
    for (const ms of [1, 2, 3, 4, 100]) h.record(ms);
    const texts = Array.from(parseSvg(chartSvg(histogramChart(h))).querySelectorAll("text")).map((t) => t.textContent);
    expect(texts).toEqual(
      expect.arrayContaining(["mean 22.0", `p50 ${h.percentile(50).toFixed(1)}`, `p99 ${h.percentile(99).toFixed(1)}`]),
    );
  });
});

describe("text outputs", () => {
  test("tableText(rows) aligns columns and shows fractions with the given digits", () => {
    expect(tableText([{ n: 1, p: 0.5 }])).toBe("n  p\n-  ----\n1  0.50");
    expect(tableText([{ what: "p99", ms: 41.456 }], 1)).toBe("what  ms\n----  ----\np99   41.5");
  });

  test("guessText(question, guess, actual) compares, or asks for a guess when there is none", () => {
    expect(guessText("mean response", 20, 54.28, "ms")).toBe(
      "**mean response**: you guessed 20 ms; the simulation says **54.3 ms** (2.7× your guess).",
    );
    expect(guessText("share", null, 63.4, "%")).toContain("No guess yet");
  });

  test("publish(bundle) prints the plain-text form outside a tslab kernel", () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    publish({ "image/svg+xml": "<svg/>", "text/plain": "[a chart]" });
    expect(log).toHaveBeenCalledWith("[a chart]");
    log.mockRestore();
  });
});
