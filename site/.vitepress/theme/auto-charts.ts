// Charts for a scenario that registered none: every array of row objects in the result is
// drawn (histogram-like rows as bars, others as lines), so any scenario shows its own output.
import * as Plot from "@observablehq/plot";
import type { ScenarioResultBase } from "sim-core";

export interface ChartSpec {
  title: string;
  /** Observable Plot options (without `document` and `width`, which the component adds). */
  options: Plot.PlotOptions;
}

type Row = Record<string, unknown>;

function numericKeys(row: Row): string[] {
  return Object.keys(row).filter((key) => typeof row[key] === "number");
}

/** Plot specs for the row arrays of a result, in the result's own key order. */
export function autoCharts(result: ScenarioResultBase): ChartSpec[] {
  const specs: ChartSpec[] = [];
  for (const [name, value] of Object.entries(result)) {
    if (!Array.isArray(value) || value.length === 0) continue;
    const first = value[0] as unknown;
    if (first === null || typeof first !== "object") continue;
    const keys = numericKeys(first as Row);
    if (keys.includes("lowerMs") && keys.includes("upperMs") && keys.includes("count")) {
      specs.push({
        title: name,
        options: {
          x: { label: "ms" },
          y: { label: "count", grid: true },
          marks: [Plot.rectY(value, { x1: "lowerMs", x2: "upperMs", y: "count" }), Plot.ruleY([0])],
        },
      });
      continue;
    }
    const [x, ...ys] = keys;
    if (!x || ys.length === 0) continue;
    specs.push({
      title: name,
      options: {
        x: { label: x },
        y: { grid: true },
        color: { legend: ys.length > 1 },
        marks: ys.map((y) => Plot.lineY(value, { x, y, stroke: () => y })),
      },
    });
  }
  return specs;
}

/** Headline numbers of a result: top-level numbers and one level of nested numbers. */
export function keyFigures(result: ScenarioResultBase): { name: string; value: number }[] {
  const rows: { name: string; value: number }[] = [];
  for (const [name, value] of Object.entries(result)) {
    if (name === "seed") continue;
    if (typeof value === "number") rows.push({ name, value });
    else if (value && typeof value === "object" && !Array.isArray(value)) {
      for (const [inner, v] of Object.entries(value))
        if (typeof v === "number") rows.push({ name: `${name}.${inner}`, value: v });
    }
  }
  return rows;
}
