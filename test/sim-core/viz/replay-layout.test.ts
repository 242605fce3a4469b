import { type Box, decomposition, recordReplay, replayLayout, timeoutBudgets } from "sim-core";
import { describe, expect, it } from "vitest";

function overlaps(a: Box, b: Box): boolean {
  return Math.abs(a.x - b.x) < (a.w + b.w) / 2 && Math.abs(a.y - b.y) < (a.h + b.h) / 2;
}

describe("replayLayout", () => {
  const { replay } = recordReplay(timeoutBudgets, { durationMs: 1000 }, 5);

  it("replayLayout(replay, width) ranks groups along the calls: client, edge, mid, deep", () => {
    expect(replayLayout(replay, 700).groups.map((g) => g.name)).toEqual(["client", "edge", "mid", "deep"]);
  });

  it("replayLayout(replay, width) keeps every box inside the width and apart, in columns and in rows", () => {
    for (const [width, flow] of [
      [700, "columns"],
      [340, "rows"],
    ] as const) {
      const layout = replayLayout(replay, width);
      expect(layout.flow).toBe(flow);
      for (const [i, n] of layout.nodes.entries()) {
        expect({ i, left: n.x - n.w / 2 >= 0, right: n.x + n.w / 2 <= width }).toEqual({ i, left: true, right: true });
        for (const m of layout.nodes.slice(i + 1)) expect(overlaps(n, m)).toBe(false);
      }
      // One arrow per calling pair of groups, however many instances call each other.
      expect(layout.arrows).toEqual([
        [0, 1],
        [1, 2],
        [2, 3],
      ]);
    }
  });

  it("replayLayout(replay, width) wraps a rank that fans out onto more lines on a phone, boxes still apart", () => {
    // The naive cut's home page: the web service calls four services, one instance each.
    const fan = recordReplay(decomposition, { ...decomposition.presets.naive, instances: 1, requestsPerType: 10 }, 1);
    const layout = replayLayout(fan.replay, 340);
    expect(layout.flow).toBe("rows");
    for (const [i, n] of layout.nodes.entries()) {
      expect({ i, left: n.x - n.w / 2 >= 0, right: n.x + n.w / 2 <= 340, wide: n.w >= 120 }).toEqual({
        i,
        left: true,
        right: true,
        wide: true,
      });
      for (const m of layout.nodes.slice(i + 1)) expect(overlaps(n, m)).toBe(false);
    }
    // More lines than ranks: the four callees of the web service do not share one line.
    const lines = new Set(layout.nodes.map((n) => n.y)).size;
    expect(lines).toBeGreaterThan(new Set(replayLayout(fan.replay, 1000).nodes.map((n) => n.x)).size);
  });
});
