import * as Plot from "@observablehq/plot";
import type { CassandraReplicationResult } from "../scenarios/index.js";
import type { ChartSpec } from "./chart.js";

type RingView = Pick<CassandraReplicationResult, "topology" | "ring" | "sampleKeys">;

/** Murmur3Partitioner tokens span the signed 64-bit range [-2^63, 2^63). */
const TOKEN_MIN = -(2 ** 63);
const TOKEN_SPAN = 2 ** 64;
/** Zone colours, in zone order; a seventh zone and beyond reuse them. */
const ZONE_COLOURS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"];

/** Where a token sits on the unit circle: token MIN at the top, growing clockwise. */
function point(token: number, radius: number): { x: number; y: number } {
  const angle = (2 * Math.PI * (token - TOKEN_MIN)) / TOKEN_SPAN;
  return { x: radius * Math.sin(angle), y: radius * Math.cos(angle) };
}

function tick(token: number, from: number, to: number): { x1: number; y1: number; x2: number; y2: number } {
  const a = point(token, from);
  const b = point(token, to);
  return { x1: a.x, y1: a.y, x2: b.x, y2: b.y };
}

/**
 * The token ring drawn as a ring: every virtual-node token as a dot coloured by its node's zone
 * (hollow when the node is down), the sample key's token, and the clockwise walk from the key to
 * the replicas NetworkTopologyStrategy picked, numbered in placement order.
 *
 * @example
 * ringChart.options(cassandraReplication.run()).marks?.length // 8
 */
export const ringChart: ChartSpec<RingView> = {
  id: "ring",
  title: "The token ring",
  caption:
    "Each dot is one of a node's 16 tokens, coloured by zone. From key:0's token the walk goes clockwise and takes a node only when its zone has no replica yet: 1, 2, 3.",
  options(result) {
    const nodes = result.topology.regions.flatMap((r) =>
      r.zones.flatMap((z) => z.nodes.map((n) => ({ ...n, zone: z.name }))),
    );
    const byId = new Map(nodes.map((n) => [n.id, n]));
    const zones = result.topology.regions.flatMap((r) => r.zones.map((z) => z.name));
    const tokens = result.ring.map((e) => {
      const node = byId.get(e.node);
      return { ...point(e.token, 1), zone: node?.zone ?? "?", up: node?.up ?? true };
    });
    const sample = result.sampleKeys[0];
    const replicas = sample?.replicas ?? [];
    // The token at which the walk met each replica: the first one clockwise from the key it owns.
    const sorted = [...result.ring].sort((a, b) => a.token - b.token);
    const start = sample === undefined ? 0 : sorted.findIndex((e) => e.token >= sample.token);
    const walk = start < 0 ? sorted : [...sorted.slice(start), ...sorted.slice(0, start)];
    const picks = replicas.map((id, i) => {
      const at = walk.find((e) => e.node === id);
      const node = byId.get(id);
      return { order: i + 1, token: at?.token ?? 0, name: node?.name ?? String(id) };
    });
    const lastToken = picks[picks.length - 1]?.token ?? sample?.token ?? TOKEN_MIN;
    const arc: { x: number; y: number }[] = [];
    if (sample !== undefined) {
      const span = (((lastToken - sample.token) % TOKEN_SPAN) + TOKEN_SPAN) % TOKEN_SPAN;
      for (let i = 0; i <= 48; i++) arc.push(point(sample.token + (span * i) / 48, 0.86));
    }
    // Replicas often sit a few degrees apart, so their numbers step outwards to stay apart, and
    // the names are listed in the middle of the ring where there is room.
    const numbers = picks.map((p, i) => ({ ...point(p.token, 1.1 + 0.09 * i), text: String(p.order) }));
    const marked = picks.map((p) => point(p.token, 1));
    const legend =
      sample === undefined
        ? []
        : [
            {
              x: 0,
              y: 0,
              text: [`${sample.key} → replicas`, ...picks.map((p) => `${p.order} · ${p.name}`)].join("\n"),
            },
          ];
    const keyTick = sample === undefined ? [] : [tick(sample.token, 0.9, 1.06)];
    const keyLabel = sample === undefined ? [] : [{ ...point(sample.token, 1.12), text: sample.key }];
    return {
      aspectRatio: 1,
      width: 480,
      inset: 10,
      x: { axis: null, domain: [-1.35, 1.35] },
      y: { axis: null, domain: [-1.35, 1.35] },
      color: {
        legend: true,
        domain: zones,
        range: zones.map((_, i) => ZONE_COLOURS[i % ZONE_COLOURS.length] ?? "#333"),
      },
      marks: [
        Plot.line(arc, { x: "x", y: "y", stroke: "#555", strokeWidth: 2, markerEnd: "arrow" }),
        Plot.dot(
          tokens.filter((t) => t.up),
          { x: "x", y: "y", r: 3.5, fill: "zone" },
        ),
        // A down node's tokens stay on the ring (its ranges are still its own), drawn hollow.
        Plot.dot(
          tokens.filter((t) => !t.up),
          { x: "x", y: "y", r: 3.5, stroke: "zone", fill: "white" },
        ),
        Plot.dot(marked, { x: "x", y: "y", r: 8, stroke: "black", strokeWidth: 2 }),
        Plot.text(numbers, { x: "x", y: "y", text: "text", fontSize: 12, fontWeight: "bold" }),
        Plot.link(keyTick, { x1: "x1", y1: "y1", x2: "x2", y2: "y2", stroke: "black", strokeWidth: 2 }),
        Plot.text(keyLabel, { x: "x", y: "y", text: "text", fontSize: 11, textAnchor: "end", dx: -6 }),
        Plot.text(legend, { x: "x", y: "y", text: "text", fontSize: 12, lineHeight: 1.3 }),
      ],
    };
  },
};
