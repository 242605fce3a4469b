import { createRng, DEFAULT_CANARY, type Regression } from "sim-core";
import { expect } from "vitest";
import { gradedLab, shape } from "../../grader/lab.js";

const lab = gradedLab("02-shadow-traffic");
const seeds = () => [...lab.seeds, ...lab.hiddenSeeds];
/**
 * Properties that must hold exactly on any population (consistency, monotonicity) run on the
 * public seeds and two seeds drawn fresh per grading, printed on failure: unseen like hidden
 * seeds, without the fresh lab runner a hidden seed costs the next check.
 */
const exactSeeds = () => [...lab.seeds, ...lab.freshSeeds(2)];

// ---------------------------------------------------------------------------------------------
// Part 1: the sampler.

const answersShape = shape.object({
  ids: shape.array(shape.integer()),
  answers: shape.array(shape.array(shape.string())),
});

/** The first customer whose answer differs between two answer strings, or null. */
function firstDiffering(ids: number[], a: string, b: string, when: (x: string, y: string) => boolean): number | null {
  for (let i = 0; i < ids.length; i++) if (when(a[i] as string, b[i] as string)) return ids[i] as number;
  return null;
}

lab.check(
  "sampler-consistent",
  {
    feedback:
      "A customer's answer must not change from one request to the next: the new stack must see a mirrored customer's whole session. Decide from the customer id alone.",
  },
  async ({ drive }) => {
    const thresholds = [1, 10, 50];
    for (const seed of exactSeeds()) {
      const { ids, answers } = await drive(
        "samplerAnswers",
        { seed, customers: 500, thresholds, repeats: 2 },
        answersShape,
      );
      thresholds.forEach((t, k) => {
        const [first = "", second = ""] = answers[k] ?? [];
        const id = firstDiffering(ids, first, second, (x, y) => x !== y);
        expect(id, `customer ${id} got two different answers at threshold ${t}%`).toBeNull();
      });
    }
  },
);

lab.check(
  "sampler-monotone",
  {
    feedback:
      "Raising the threshold may only add customers: one mirrored at 5% must still be mirrored at 10%. At 0% nobody is mirrored, at 100% everybody.",
  },
  async ({ drive }) => {
    const thresholds = [0, 0.5, 1, 5, 10, 50, 100];
    for (const seed of exactSeeds()) {
      const { ids, answers } = await drive(
        "samplerAnswers",
        { seed, customers: 500, thresholds, repeats: 1 },
        answersShape,
      );
      const at = (k: number) => answers[k]?.[0] ?? "";
      expect(
        firstDiffering(ids, at(0), at(0), (x) => x === "1"),
        "a customer mirrored at 0%",
      ).toBeNull();
      const last = thresholds.length - 1;
      expect(
        firstDiffering(ids, at(last), at(last), (x) => x !== "1"),
        "a customer not mirrored at 100%",
      ).toBeNull();
      for (let k = 1; k < thresholds.length; k++) {
        const id = firstDiffering(ids, at(k - 1), at(k), (lower, higher) => lower === "1" && higher !== "1");
        expect(id, `customer ${id} is mirrored at ${thresholds[k - 1]}% but not at ${thresholds[k]}%`).toBeNull();
      }
    }
  },
);

/**
 * A sample's share of customers may miss the threshold only by chance. A sampler that treats
 * each customer as an independent draw with probability p mirrors a Binomial(N, p) count of N
 * customers, whose share has standard deviation sqrt(p(1 − p)/N); the tolerance is four of
 * them (a fair sampler lands outside about once in 16,000 comparisons). With 4,000 customers:
 * ±0.45 points at 0.5%, ±0.63 at 1%, ±1.38 at 5%, ±1.90 at 10%, ±3.16 at 50%. The modulo rule
 * on block-allocated ids mirrors about twice the threshold at 1% and 5%.
 */
const SHARE_SIGMAS = 4;
const SHARE_CUSTOMERS = 4000;

lab.check(
  "sampler-share",
  {
    feedback:
      "The share of customers mirrored must match the threshold on a population whose ids were handed out in blocks (small remainders are common), counting a customer as mirrored if any of their requests was.",
  },
  async ({ drive }) => {
    const thresholds = [0.5, 1, 5, 10, 50];
    for (const seed of seeds()) {
      const { ids, answers } = await drive(
        "samplerAnswers",
        { seed, customers: SHARE_CUSTOMERS, thresholds, repeats: 2 },
        answersShape,
      );
      thresholds.forEach((t, k) => {
        const [first = "", second = ""] = answers[k] ?? [];
        let mirrored = 0;
        for (let i = 0; i < ids.length; i++) if (first[i] === "1" || second[i] === "1") mirrored++;
        const p = t / 100;
        const share = mirrored / ids.length;
        const tolerance = SHARE_SIGMAS * Math.sqrt((p * (1 - p)) / ids.length);
        expect(
          Math.abs(share - p),
          `threshold ${t}%: ${(share * 100).toFixed(2)}% of ${ids.length} customers mirrored (two requests each), allowed ${(p * 100).toFixed(2)} ± ${(tolerance * 100).toFixed(2)}%`,
        ).toBeLessThanOrEqual(tolerance);
      });
    }
  },
);

// ---------------------------------------------------------------------------------------------
// Part 2: the mirroring policy.

const runShape = shape.object({
  requests: shape.integer(),
  errorRate: shape.number(),
  latencyMsP99: shape.number(),
  threadsBusyPeak: shape.integer(),
  sent: shape.integer(),
  ok: shape.integer(),
  dropped: shape.integer(),
  timeouts: shape.integer(),
  memoryHeldMbPeak: shape.number(),
  oomAtMs: shape.nullable(shape.number()),
});
const mirrorShape = shape.object({
  policy: shape.anything(),
  learner: runShape,
  none: runShape,
  heapHeadroomMb: shape.number(),
});

/**
 * "Unchanged": the primary's p99 at most 5% above the same seed's run without mirroring, and at
 * most 0.1 point more errors. Sending the copy off the request thread leaves the primary's work
 * untouched, so such a policy matches the unmirrored run exactly on every seed; waiting for the
 * copy (sync) adds 10× to the p99 when the cloud hangs, and an unbounded send runs the
 * heap out and fails about 30% of requests. The slack only forgives rounding, not a design.
 */
const P99_SLACK = 1.05;
const ERROR_RATE_SLACK = 0.001;
const MIRROR_RUN = { thresholdPercent: 100, durationMs: 30_000 } as const;

lab.check(
  "mirror-primary-unharmed",
  {
    feedback:
      "With every request mirrored to a cloud stack that hangs, the primary's p99 latency and error rate must stay what they are without mirroring, and requests must still be copied.",
  },
  async ({ drive }) => {
    // Public seeds: the policy is three constants, and an async bounded copy matches the
    // unmirrored run exactly on any seed.
    for (const seed of lab.seeds) {
      for (const cloud of ["down"] as const) {
        const r = await drive("mirrorRun", { seed, cloud, ...MIRROR_RUN }, mirrorShape);
        const where = `cloud ${cloud}, policy ${JSON.stringify(r.policy)}`;
        expect(r.learner.sent, `shadow requests sent (${where}): a policy that mirrors nothing`).toBeGreaterThan(0);
        expect(
          r.learner.latencyMsP99,
          `primary p99 ms (${where}); without mirroring ${r.none.latencyMsP99.toFixed(1)} ms`,
        ).toBeLessThanOrEqual(r.none.latencyMsP99 * P99_SLACK);
        expect(
          r.learner.errorRate,
          `primary error rate (${where}); without mirroring ${r.none.errorRate}; request threads busy at most ${r.learner.threadsBusyPeak}; out of memory at ${r.learner.oomAtMs} ms`,
        ).toBeLessThanOrEqual(r.none.errorRate + ERROR_RATE_SLACK);
      }
    }
  },
);

/**
 * Bounded: with the cloud hung for 30 s and every request mirrored, the pending copies hold at
 * most a quarter of the heap the monolith can spare (64 of 256 MB). Useful: with a healthy
 * cloud and a fifth of customers mirrored, at least 95% of the copies get an answer (Hystrix's
 * defaults answered 99.2-99.7% on seeds 1-5; the cloud itself fails 0.1%).
 */
const MEMORY_SHARE_MAX = 0.25;
const HEALTHY_OK_SHARE_MIN = 0.95;

lab.check(
  "mirror-bounded",
  {
    feedback:
      "Pending shadow calls must not pile up in the primary's heap when the cloud hangs (bound them and time them out), yet with a healthy cloud nearly every copy must get through.",
  },
  async ({ drive }) => {
    for (const seed of lab.seeds) {
      const down = await drive("mirrorRun", { seed, cloud: "down", ...MIRROR_RUN }, mirrorShape);
      const where = `policy ${JSON.stringify(down.policy)}`;
      expect(down.learner.oomAtMs, `cloud down: the monolith ran out of memory at this ms (${where})`).toBeNull();
      expect(
        down.learner.memoryHeldMbPeak,
        `cloud down: MB held by pending shadow calls at the peak (${where})`,
      ).toBeLessThanOrEqual(MEMORY_SHARE_MAX * down.heapHeadroomMb);
      const healthy = await drive(
        "mirrorRun",
        { seed, cloud: "healthy", thresholdPercent: 20, durationMs: 30_000 },
        mirrorShape,
      );
      const h = healthy.learner;
      expect(
        h.sent === 0 ? 0 : h.ok / h.sent,
        `healthy cloud: share of ${h.sent} copies answered (dropped ${h.dropped}, timed out ${h.timeouts}; ${where})`,
      ).toBeGreaterThanOrEqual(HEALTHY_OK_SHARE_MIN);
    }
  },
);

// ---------------------------------------------------------------------------------------------
// Part 3: the response differ.

/** Fields a regression can be told from noise on: content that is the same on every instance. */
const DETECTABLE = [
  { requestType: "genres", field: "genreSet" },
  { requestType: "genres", field: "titles" },
  { requestType: "genres", field: "rating" },
  { requestType: "movieList", field: "titles" },
  { requestType: "movieList", field: "genreSet" },
  { requestType: "movieList", field: "name" },
  { requestType: "profile", field: "rating" },
  { requestType: "profile", field: "name" },
  { requestType: "profile", field: "genreSet" },
] as const;
const DIFF_RUN = { requests: 900, customers: 10_000 } as const;

/**
 * One to three regressions per seed, drawn from the seed (so hidden seeds inject unseen ones),
 * each wrong for 3-20% of customers: at about 300 requests per endpoint, 9 or more wrong
 * answers expected (none at all: 1 chance in 10,000 at 3%). A noise-only field such as `score`
 * (stale on 30% of answers) differs about as often between primary and secondary as between
 * candidate and primary; at 300 requests Diffy's 20% relative threshold is over 4 standard
 * deviations of that gap away.
 */
function regressionsOf(seed: number): Regression[] {
  const rng = createRng(seed).fork("lab02-regressions");
  const pool = [...DETECTABLE];
  return Array.from({ length: 1 + rng.int(3) }, () => {
    const pick = pool.splice(rng.int(pool.length), 1)[0] as (typeof DETECTABLE)[number];
    return { ...pick, customerShare: Math.round((0.03 + rng.next() * 0.17) * 100) / 100 };
  });
}

const diffShape = shape.object({ reported: shape.anything(), perEndpoint: shape.anything() });
const keysOf = (reported: unknown): string[] =>
  Array.isArray(reported) ? reported.filter((k): k is string => typeof k === "string") : [];

lab.check(
  "differ-recall",
  {
    feedback:
      "Every injected regression must be reported as endpoint.field. Some fields differ on every instance for reasons that are not bugs (set order among them): compare what the field means.",
  },
  async ({ drive }) => {
    for (const seed of seeds()) {
      const regressions = regressionsOf(seed);
      const r = await drive("diffRun", { seed, ...DIFF_RUN, regressions }, diffShape);
      const reported = keysOf(r.reported);
      const missed = regressions
        .filter((g) => !reported.includes(`${g.requestType}.${g.field}`))
        .map((g) => `${g.requestType}.${g.field} (wrong for ${g.customerShare * 100}% of customers)`);
      expect(missed, "regressions not reported").toEqual([]);
    }
  },
);

lab.check(
  "differ-precision",
  {
    feedback:
      "No field whose differences are only noise may be reported: a field that differs as often between primary and secondary (same code) as between candidate and primary is not a regression.",
  },
  async ({ drive }) => {
    for (const seed of seeds()) {
      const regressions = regressionsOf(seed);
      const truth = new Set(regressions.map((g) => `${g.requestType}.${g.field}`));
      const r = await drive("diffRun", { seed, ...DIFF_RUN, regressions }, diffShape);
      const reported = keysOf(r.reported);
      expect(
        reported.filter((k) => truth.has(k)).length,
        "real regressions reported: a report that names nothing has no precision to grade",
      ).toBeGreaterThan(0);
      expect(
        reported.filter((k) => !truth.has(k)),
        "noise-only fields reported",
      ).toEqual([]);
    }
  },
);

lab.check(
  "differ-clean-candidate",
  { feedback: "A candidate with no bug must produce an empty report." },
  async ({ drive }) => {
    // One public seed: the recall and precision checks already cover the hidden ones.
    for (const seed of lab.seeds.slice(0, 1)) {
      const r = await drive("diffRun", { seed, ...DIFF_RUN, regressions: [] }, diffShape);
      expect(keysOf(r.reported), "fields reported for a candidate with no regression").toEqual([]);
      expect(Array.isArray(r.reported), "report() must return an array of strings").toBe(true);
    }
  },
);

// ---------------------------------------------------------------------------------------------
// Part 4: the canary judge.

const canaryShape = shape.object({
  decision: shape.oneOf(["promote", "rollback"] as const),
  decidedAtMinute: shape.integer(),
  canaryRequests: shape.number(),
  canaryErrors: shape.number(),
  analyses: shape.array(shape.object({ minute: shape.integer(), result: shape.anything(), score: shape.anything() })),
  lifetimeMinutes: shape.integer(),
  analysisEveryMinutes: shape.integer(),
});

/** Bad canaries: 50% slower, 2 points more errors, twice the CPU. Each alone is a bad release. */
const BAD = {
  "latency ×1.5": { canaryLatencyFactor: 1.5, canaryCpuFactor: 1, canaryErrorPercent: 0 },
  "errors +2%": { canaryLatencyFactor: 1, canaryCpuFactor: 1, canaryErrorPercent: 2 },
  "cpu ×2": { canaryLatencyFactor: 1, canaryCpuFactor: 2, canaryErrorPercent: 0 },
} as const;
const GOOD = { canaryLatencyFactor: 1, canaryCpuFactor: 1, canaryErrorPercent: 0 } as const;

lab.check(
  "canary-rollback-bad",
  { feedback: "A canary that is slower, fails more or burns more CPU than the baseline must be rolled back." },
  async ({ drive }) => {
    for (const seed of seeds()) {
      for (const [name, bad] of Object.entries(BAD)) {
        const r = await drive("canaryRun", { seed, ...bad }, canaryShape);
        expect(r.decision, `bad canary (${name}): scores ${JSON.stringify(r.analyses.map((a) => a.score))}`).toBe(
          "rollback",
        );
      }
    }
  },
);

/**
 * Quickly: at the second analysis (20 minutes) at the latest, so at most 20 minutes of the
 * canary's customers (3 zones × 40 req/s) see the bad code. The solution decided every one of
 * these at minute 10 or 20 on seeds 1-300; a canary that is only 50% more CPU-hungry took up to 40 minutes.
 */
const DETECT_MINUTES_MAX = 20;

lab.check(
  "canary-rollback-fast",
  {
    feedback:
      "A bad canary must be rolled back within the first two analyses (20 minutes), before many customers have used it.",
  },
  async ({ drive }) => {
    const exposedMax = DEFAULT_CANARY.zones * DEFAULT_CANARY.instanceRatePerSec * 60 * DETECT_MINUTES_MAX;
    for (const seed of seeds()) {
      for (const [name, bad] of Object.entries(BAD)) {
        const r = await drive("canaryRun", { seed, ...bad }, canaryShape);
        expect(r.decision, `bad canary (${name})`).toBe("rollback");
        expect(r.decidedAtMinute, `bad canary (${name}): minute of the rollback`).toBeLessThanOrEqual(
          DETECT_MINUTES_MAX,
        );
        expect(r.canaryRequests, `bad canary (${name}): customer requests the canary answered`).toBeLessThanOrEqual(
          exposedMax,
        );
      }
    }
  },
);

/**
 * Good canaries, three per seed: at most one may be rolled back (the solution rolled back 1 of
 * 300 good canaries). A judge that never rolls back would pass that alone, so the same check
 * also shows it one clearly bad canary.
 */
const GOOD_RUNS_PER_SEED = 3;
const FALSE_ROLLBACKS_MAX = 1;

lab.check(
  "canary-promote-good",
  {
    feedback:
      "A canary as good as the baseline must be promoted: minute-to-minute noise (a few errors, a slow minute) is not a regression. Compare the whole series, not one minute or one mean.",
  },
  async ({ drive }) => {
    for (const seed of seeds()) {
      let falseRollbacks = 0;
      const at: string[] = [];
      for (let k = 0; k < GOOD_RUNS_PER_SEED; k++) {
        const r = await drive("canaryRun", { seed, run: k, ...GOOD }, canaryShape);
        if (r.decision === "rollback") {
          falseRollbacks++;
          at.push(`run ${k} at minute ${r.decidedAtMinute}`);
        }
      }
      expect(falseRollbacks, `good canaries rolled back (${at.join("; ")})`).toBeLessThanOrEqual(FALSE_ROLLBACKS_MAX);
      const bad = await drive("canaryRun", { seed, ...BAD["latency ×1.5"] }, canaryShape);
      // Without this a judge that always promotes would pass; say so, or the learner reads
      // "expected rollback" under a check named "promote" and is puzzled.
      expect(
        bad.decision,
        "your judge promoted a canary 50% slower than the baseline; this check also makes sure a judge that always promotes cannot pass",
      ).toBe("rollback");
    }
  },
);
