import { JSDOM } from "jsdom";
import { MODULES, renderChart, scenarioEntries } from "sim-core";
import { describe, expect, it } from "vitest";

const { document } = new JSDOM("<!doctype html><body></body>").window;

describe("views", () => {
  for (const [id, { scenario, views }] of scenarioEntries(MODULES)) {
    const result = scenario.run();
    for (const chart of views.charts) {
      it(`${id}: ${chart.id} renders an SVG with marks from the result`, () => {
        const element = renderChart(chart.options(result), document);
        // A figure (chart with a legend) holds several SVGs; the chart is the last one.
        const svgs = element.tagName.toLowerCase() === "svg" ? [element] : [...element.querySelectorAll("svg")];
        const chartSvg = svgs[svgs.length - 1];
        expect(chartSvg).toBeDefined();
        // A chart drawn from data has shapes; an empty frame would only have axes.
        expect(chartSvg?.querySelectorAll("rect, path, circle, line").length).toBeGreaterThan(3);
        expect(element.outerHTML).not.toContain("NaN");
      });
    }
    for (const [name, diagram] of Object.entries(views.diagrams ?? {})) {
      it(`${id}: the ${name} diagram is Mermaid text`, () => {
        expect(diagram(result)).toMatch(/^(flowchart|graph|sequenceDiagram)/);
      });
    }
  }
});
