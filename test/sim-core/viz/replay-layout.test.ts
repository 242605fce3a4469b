import { type Box, recordReplay, replayLayout, timeoutBudgets } from "sim-core";
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
});
