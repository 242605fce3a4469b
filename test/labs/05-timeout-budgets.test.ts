import { expect } from "vitest";
import { gradedLab, shape } from "../../grader/lab.js";
import {
  EDGE_BUDGET_MS,
  LATE_WINDOW_MS,
  lateGoodputPerSec,
  MAX_CALLS_PER_HOP,
  NETWORK_SLACK_MS,
  RECOVERED_SHARE,
  WASTED_SHARE_MAX,
} from "./05-timeout-budgets.bounds.js";

const lab = gradedLab("05-timeout-budgets");
const seeds = () => [...lab.seeds, ...lab.hiddenSeeds];

lab.check(
  "telescoping",
  {
    feedback:
      "hopTimeoutMs must shrink with depth so that all (retries + 1) attempts of a hop end before one attempt of the hop above times out.",
  },
  async ({ drive }) => {
    const table = shape.object({
      rows: shape.array(
        shape.object({ budgetMs: shape.number(), retries: shape.integer(), timeoutsMs: shape.array(shape.anything()) }),
      ),
    });
    const { rows } = await drive("hopTimeouts", { budgets: [3000, 1000], retries: [0, 1, 2], hops: 4 }, table);
    for (const row of rows) {
      const t = row.timeoutsMs as number[];
      const where = `budget ${row.budgetMs} ms, ${row.retries} retries, timeouts ${JSON.stringify(t)}`;
      expect(
        t.every((x) => typeof x === "number" && x > 0 && Number.isFinite(x)),
        where,
      ).toBe(true);
      expect(t[0], `hop 1 may use the whole budget, no more (${where})`).toBeLessThanOrEqual(row.budgetMs);
      for (let h = 1; h < t.length; h++) {
        const above = t[h - 1] as number;
        const here = t[h] as number;
        expect(
          (row.retries + 1) * here,
          `hop ${h + 1} attempts must fit in one hop ${h} attempt (${where})`,
        ).toBeLessThan(above);
        // Not absurdly small either: a quarter of the fair share is the least a hop may keep.
        expect(here, `hop ${h + 1} is starved (${where})`).toBeGreaterThanOrEqual(above / (row.retries + 1) / 4);
      }
    }
  },
);

const decisionsShape = shape.object({
  decisions: shape.array(
    shape.object({
      timeoutMs: shape.anything(),
      retry: shape.anything(),
      target: shape.anything(),
      backoffMs: shape.anything(),
    }),
  ),
});

lab.check(
  "deadline-caps-timeout",
  { feedback: "An attempt's timeout must never exceed the time left before the request's deadline." },
  async ({ drive }) => {
    const cases = [1, 2, 3].flatMap((hop) =>
      [5000, 900, 120].map((remainingMs) => ({
        seed: seeds()[0] ?? 1,
        hop,
        attempt: 1,
        remainingMs,
        lastOutcome: null,
      })),
    );
    const { decisions } = await drive("decisions", { cases }, decisionsShape);
    decisions.forEach((d, i) => {
      const c = cases[i] as (typeof cases)[number];
      expect({
        hop: c.hop,
        remainingMs: c.remainingMs,
        fits: typeof d.timeoutMs === "number" && d.timeoutMs > 0 && d.timeoutMs <= c.remainingMs,
      }).toEqual({
        hop: c.hop,
        remainingMs: c.remainingMs,
        fits: true,
      });
    });
  },
);

lab.check(
  "retry-rules",
  {
    feedback:
      "Retry a timeout or a rejection once, on a different instance; never retry an error answer, a second time, or with almost no time left.",
  },
  async ({ drive }) => {
    const seed = seeds()[0] ?? 1;
    const cases = [
      { seed, hop: 2, attempt: 2, remainingMs: 5000, lastOutcome: "timeout" as const },
      { seed, hop: 2, attempt: 2, remainingMs: 5000, lastOutcome: "rejected" as const },
      { seed, hop: 2, attempt: 2, remainingMs: 5000, lastOutcome: "error" as const },
      { seed, hop: 2, attempt: 3, remainingMs: 5000, lastOutcome: "timeout" as const },
      { seed, hop: 2, attempt: 2, remainingMs: 5, lastOutcome: "timeout" as const },
    ];
    const { decisions } = await drive("decisions", { cases }, decisionsShape);
    expect(decisions.map((d) => d.retry)).toEqual([true, true, false, false, false]);
    expect(decisions.slice(0, 2).map((d) => d.target)).toEqual(["different", "different"]);
  },
);

lab.check(
  "backoff-jitter",
  { feedback: "Wait before a retry, a random time drawn from context.rng, under a second." },
  async ({ drive }) => {
    // Fresh per grading: any full-jitter policy passes on any seeds.
    const [base = 100] = lab.freshSeeds(1);
    const cases = Array.from({ length: 20 }, (_, k) => ({
      seed: base + k,
      hop: 2,
      attempt: 2,
      remainingMs: 5000,
      lastOutcome: "timeout" as const,
    }));
    const { decisions } = await drive("decisions", { cases }, decisionsShape);
    const waits = decisions.map((d) => d.backoffMs);
    expect(
      waits.every((w) => typeof w === "number" && w >= 0 && w < 1000),
      `backoffs ${JSON.stringify(waits)}`,
    ).toBe(true);
    expect(new Set(waits).size, `backoffs ${JSON.stringify(waits)} never vary`).toBeGreaterThan(10);
  },
);

lab.check(
  "edge-within-3s",
  {
    feedback:
      "With the deep service hung, the edge must answer within its 3 s budget, with at most 2 calls per request on any hop.",
  },
  async ({ drive }) => {
    const outcome = shape.object({
      requests: shape.integer(),
      answered: shape.integer(),
      edgeLatencyMsMax: shape.number(),
      callsPerHop: shape.array(shape.number()),
    });
    for (const seed of seeds()) {
      const r = await drive("hungDeep", { seed }, outcome);
      expect(r.answered).toBe(r.requests);
      expect(r.edgeLatencyMsMax).toBeLessThanOrEqual(EDGE_BUDGET_MS + NETWORK_SLACK_MS);
      expect(Math.max(...r.callsPerHop)).toBeLessThanOrEqual(MAX_CALLS_PER_HOP);
    }
  },
);

lab.check(
  "retry-elsewhere",
  {
    feedback:
      "With one of three deep instances hung, every request should still succeed: its retry goes to a working instance. About a third of the requests need that retry; a retry budget must not refuse retries that work.",
  },
  async ({ drive }) => {
    const outcome = shape.object({ requests: shape.integer(), ok: shape.integer(), edgeLatencyMsP99: shape.number() });
    for (const seed of seeds()) {
      const r = await drive("oneHung", { seed }, outcome);
      expect(r.ok, `requests answered ok, of ${r.requests}`).toBe(r.requests);
    }
  },
);

const run = shape.object({
  goodput: shape.array(shape.object({ timeMs: shape.number(), value: shape.number() })),
  wastedMs: shape.number(),
  amplification: shape.number(),
});
const outageShape = shape.object({
  offeredPerSec: shape.number(),
  faultEndsMs: shape.number(),
  loadEndsMs: shape.number(),
  learner: run,
  naive: run,
});

lab.check(
  "recovers-after-outage",
  {
    feedback:
      "After a 3 s outage near capacity, without deadlines, the service must come back: retries must not keep the deep service saturated once it works again (keep them to a small share of first attempts).",
  },
  async ({ drive }) => {
    for (const seed of seeds()) {
      const r = await drive("outage", { seed, deadlinePropagation: false }, outageShape);
      const late = lateGoodputPerSec(r.learner.goodput, r.loadEndsMs);
      expect(
        late,
        `goodput ${(r.loadEndsMs - LATE_WINDOW_MS) / 1000}-${r.loadEndsMs / 1000} s, ${(r.loadEndsMs - LATE_WINDOW_MS - r.faultEndsMs) / 1000} s after the outage ended (req/s, offered ${r.offeredPerSec}; deep calls per request ${r.learner.amplification.toFixed(2)})`,
      ).toBeGreaterThanOrEqual(RECOVERED_SHARE * r.offeredPerSec);
    }
  },
);

lab.check(
  "wasted-work-bounded",
  {
    feedback:
      "During the outage, with deadlines carried, most of the naive policy's deep work is done for callers that already gave up. Telescoping timeouts and fewer, better-aimed retries must cut that waste to a small fraction.",
  },
  async ({ drive }) => {
    for (const seed of seeds()) {
      const r = await drive("outage", { seed, deadlinePropagation: true }, outageShape);
      expect(r.naive.wastedMs, "the naive baseline wastes work (sanity)").toBeGreaterThan(0);
      expect(
        r.learner.wastedMs / r.naive.wastedMs,
        `your wasted work ${Math.round(r.learner.wastedMs)} ms / naive ${Math.round(r.naive.wastedMs)} ms`,
      ).toBeLessThanOrEqual(WASTED_SHARE_MAX);
    }
  },
);
