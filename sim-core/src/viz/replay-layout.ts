import type { Replay } from "../trace/index.js";

/** A box's centre and size, in pixels. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Where a replay's topology is drawn: one box per group and per node, and arrows between groups. */
export interface ReplayLayout {
  width: number;
  height: number;
  /** "columns" when the flow runs left to right, "rows" when it runs top down (narrow screens). */
  flow: "columns" | "rows";
  groups: (Box & { name: string })[];
  nodes: Box[];
  /** Arrows between groups (indices into `groups`), one per pair however many instance edges. */
  arrows: [number, number][];
}

/** Below this width per column the flow turns top-down, so a phone still gets readable boxes. */
const MIN_COLUMN_PX = 112;
/** Top down, a rank whose boxes would be narrower than this wraps onto more lines (whole groups). */
const MIN_ROW_NODE_PX = 120;
const NODE_H = 46;
const GAP = 10;
const GROUP_HEAD = 20;
const MAX_NODE_W = 170;

/**
 * Lays a replay's topology out for a given width: groups ranked along the arrows (callers
 * before callees; without arrows, in declaration order), nodes of a group together. Pure
 * geometry: the page draws it in SVG.
 *
 * @example
 * const r = new ReplayRecorder(); r.node("a"); r.node("b"); r.edge("a", "b");
 * replayLayout(r.finish(), 600).groups.map((g) => g.name) // ['a', 'b']
 */
export function replayLayout(replay: Replay, width: number): ReplayLayout {
  const names: string[] = [];
  for (const n of replay.nodes) if (!names.includes(n.group)) names.push(n.group);
  const groupOf = replay.nodes.map((n) => names.indexOf(n.group));
  const arrows: [number, number][] = [];
  for (const [a, b] of replay.edges) {
    const ga = groupOf[a] as number;
    const gb = groupOf[b] as number;
    if (ga !== gb && !arrows.some(([x, y]) => x === ga && y === gb)) arrows.push([ga, gb]);
  }
  const rank = ranks(names.length, arrows);
  const levels = Math.max(1, ...rank.map((r) => r + 1));
  const flow = width / levels >= MIN_COLUMN_PX ? "columns" : "rows";
  const members = names.map((_, g) => replay.nodes.map((_, i) => i).filter((i) => groupOf[i] === g));
  const groups: ReplayLayout["groups"] = [];
  const nodes: Box[] = replay.nodes.map(() => ({ x: 0, y: 0, w: 0, h: 0 }));
  let height = 0;
  if (flow === "columns") {
    const colW = width / levels;
    const nodeW = Math.min(MAX_NODE_W, colW - 2 * GAP);
    const columns = Array.from({ length: levels }, (_, level) =>
      names.map((_, g) => g).filter((g) => rank[g] === level),
    );
    const columnH = columns.map((col) =>
      col.reduce((sum, g) => sum + GROUP_HEAD + (members[g] as number[]).length * (NODE_H + GAP) + GAP, 0),
    );
    height = Math.max(0, ...columnH);
    columns.forEach((col, level) => {
      // Shorter columns are centred on the tallest, so an arrow between them runs level.
      let y = (height - (columnH[level] as number)) / 2;
      const x = colW * (level + 0.5);
      for (const g of col) {
        const inside = members[g] as number[];
        const h = GROUP_HEAD + inside.length * (NODE_H + GAP);
        groups.push({ name: names[g] as string, x, y: y + h / 2, w: nodeW + GAP, h });
        inside.forEach((i, k) => {
          nodes[i] = { x, y: y + GROUP_HEAD + k * (NODE_H + GAP) + NODE_H / 2, w: nodeW, h: NODE_H };
        });
        y += h + GAP;
      }
    });
  } else {
    let y = 0;
    const perLine = Math.max(1, Math.floor((width + GAP) / (MIN_ROW_NODE_PX + 2 * GAP)));
    for (const row of wrapRanks(names, rank, levels, members, perLine)) {
      const count = row.reduce((sum, g) => sum + (members[g] as number[]).length, 0);
      const nodeW = Math.min(MAX_NODE_W, (width - GAP * (count + row.length)) / Math.max(1, count));
      const rowW = count * (nodeW + GAP) + (row.length - 1) * GAP;
      // Rows are centred, so a lone box (the clients) sits above the middle of the next row.
      let x = (width - rowW) / 2;
      for (const g of row) {
        const inside = members[g] as number[];
        const w = inside.length * (nodeW + GAP);
        const h = GROUP_HEAD + NODE_H + GAP;
        groups.push({ name: names[g] as string, x: x + w / 2, y: y + h / 2, w, h });
        inside.forEach((i, k) => {
          nodes[i] = {
            x: x + k * (nodeW + GAP) + (nodeW + GAP) / 2,
            y: y + GROUP_HEAD + NODE_H / 2,
            w: nodeW,
            h: NODE_H,
          };
        });
        x += w + GAP;
      }
      y += GROUP_HEAD + NODE_H + 2 * GAP + 8;
    }
    height = y;
  }
  // Groups were pushed level by level; arrows refer to declaration order, so map them back.
  const order = groups.map((g) => names.indexOf(g.name));
  const mapped = arrows.map(([a, b]) => [order.indexOf(a), order.indexOf(b)] as [number, number]);
  return { width, height: Math.max(height, NODE_H + GROUP_HEAD), flow, groups, nodes, arrows: mapped };
}

/**
 * Each rank's groups as lines of at most `perLine` boxes: a call graph that fans out (a page
 * calling four services) would otherwise squeeze four boxes into a phone's width. A group with
 * more boxes than a line holds gets a line of its own.
 */
function wrapRanks(
  names: readonly string[],
  rank: readonly number[],
  levels: number,
  members: readonly number[][],
  perLine: number,
): number[][] {
  const lines: number[][] = [];
  for (let level = 0; level < levels; level++) {
    let line: number[] = [];
    let boxes = 0;
    for (const g of names.map((_, i) => i).filter((i) => rank[i] === level)) {
      const size = (members[g] as number[]).length;
      if (line.length > 0 && boxes + size > perLine) {
        lines.push(line);
        line = [];
        boxes = 0;
      }
      line.push(g);
      boxes += size;
    }
    if (line.length > 0) lines.push(line);
  }
  return lines;
}

/** Longest-path rank of each group along the arrows; without arrows, one rank per group. */
function ranks(count: number, arrows: readonly [number, number][]): number[] {
  if (arrows.length === 0) return Array.from({ length: count }, (_, i) => i);
  const rank = new Array<number>(count).fill(0);
  // At most `count` rounds: a longest path has fewer steps than there are groups (a cycle stops there).
  for (let round = 0; round < count; round++) {
    let changed = false;
    for (const [a, b] of arrows) {
      if ((rank[b] as number) < (rank[a] as number) + 1 && (rank[a] as number) + 1 < count) {
        rank[b] = (rank[a] as number) + 1;
        changed = true;
      }
    }
    if (!changed) break;
  }
  return rank;
}
