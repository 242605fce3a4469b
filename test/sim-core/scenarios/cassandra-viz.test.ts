import { JSDOM } from "jsdom";
import {
  availabilityByLevelChart,
  cassandraLevelSweep,
  cassandraReplication,
  pbsStaleness,
  renderChart,
  ringMermaid,
  stalenessCurvesChart,
  WARS_MODELS,
} from "sim-core";
import { describe, expect, it } from "vitest";

const { document } = new JSDOM("<!doctype html><body></body>").window;

describe("cassandra views", () => {
  it("ringMermaid(result) nests nodes in region and zone boxes and points the key at its replicas in order", () => {
    const r = cassandraReplication.run({ failure: "none" });
    const text = ringMermaid(r);
    const sample = r.sampleKeys[0];
    expect(text).toContain('subgraph r0["us-east-1"]');
    expect(text).toContain('subgraph r0z2["us-east-1c"]');
    sample?.replicas.forEach((id, i) => expect(text).toContain(`key -->|"${i + 1}"| n${id}`));
    expect(text).not.toContain("(down)");
  });

  it("ringMermaid(result) marks nodes that are down at the end", () => {
    const text = ringMermaid(cassandraReplication.run({ failure: "zone", failureRecovers: false }));
    expect(text).toMatch(/\(down\)/);
    expect(text).toMatch(/class n\d+(,n\d+)* down/);
  });

  it("stalenessCurvesChart(results) draws one line per (R, W)", () => {
    const delays = WARS_MODELS["LNKD-DISK"];
    if (delays === undefined) throw new Error("missing model");
    const results = [
      [1, 1],
      [2, 1],
      [2, 2],
    ].map(([r, w]) =>
      pbsStaleness({ n: 3, r: r as number, w: w as number, delays, tMs: [0, 1, 10, 100], trials: 2000, seed: 1 }),
    );
    const svg = renderChart(stalenessCurvesChart(results), document);
    expect(svg.querySelectorAll("path").length).toBeGreaterThanOrEqual(3);
    expect(svg.outerHTML).toContain("N=3 R=2 W=2");
    expect(svg.outerHTML).not.toContain("NaN");
  });

  it("availabilityByLevelChart(cassandraLevelSweep(...)) shows ALL failing under a zone outage", () => {
    const rows = cassandraLevelSweep({ failure: "zone", failureRecovers: false }, ["ONE", "QUORUM", "ALL"]);
    const write = (level: string) => rows.find((r) => r.level === level && r.operation === "write")?.availability;
    expect(write("ONE")).toBe(1);
    expect(write("QUORUM")).toBe(1);
    expect(write("ALL")).toBeLessThan(0.5);
    const svg = renderChart(availabilityByLevelChart(rows), document);
    expect(svg.outerHTML).not.toContain("NaN");
    expect(svg.querySelectorAll("rect").length).toBeGreaterThanOrEqual(6);
  });
});
