import { WARS_MODELS, type WarsModelName, warsTrials } from "sim-core";
import { describe, expect, it } from "vitest";

// Reproduces the published figures of Bailis et al., "Probabilistically Bounded Staleness for
// Practical Partial Quorums" (VLDB 2012) from WARS_MODELS, whose parameters come from the paper's
// Table 3 and the authors' Simulator.java. The figures below are the paper's, copied from its
// camera-ready source (writeup/ernst.tex in github.com/pbailis/pbs-vldb-historical-paper-material,
// branch archived): section 6.2's text and Table 4. The simulator computes everything else.
//
// Tolerances are binomial. A figure is a quantile or a probability estimated by Monte Carlo both
// here (TRIALS) and in the paper (Table 4: 1M operations for latencies, 50,000 for t-visibility;
// the text's probabilities are assumed to use at least 50,000 as well). So we test in probability
// space: the share of our trials below the published value must equal the published share within
// Z standard errors of the difference of two binomial estimates, sqrt(p(1-p)(1/ours + 1/paper)),
// after moving the published value by half its last printed digit (it was rounded).

const TRIALS = 200_000;
const PAPER_LATENCY_TRIALS = 1_000_000;
const PAPER_T_TRIALS = 50_000;
/** One look at one estimate: four standard errors (a false alarm about once in 30,000 checks). */
const Z = 4;
/**
 * The paper's t-visibility is the first point of a sweep (up to 1,500 values of t, each with fresh
 * trials) whose estimate reaches 0.999, so noise makes it early: the lower side allows the extreme
 * of 1,500 looks, 5 standard errors (one-sided, about 3·10^-7 each, 4·10^-4 in all).
 */
const Z_FIRST_OF_SWEEP = 5;

function sorted(a: Float64Array): Float64Array {
  return Float64Array.from(a).sort();
}

/** Share of a sorted sample at or below x. */
function cdf(s: Float64Array, x: number): number {
  let lo = 0;
  let hi = s.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((s[mid] as number) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo / s.length;
}

function se(p: number, paperTrials: number): number {
  return Math.sqrt(p * (1 - p) * (1 / TRIALS + 1 / paperTrials));
}

/** Half of the last printed digit of a published figure ("45.5" → 0.05, "0.66" → 0.005, "33" → 0.5). */
function halfDigit(printed: string): number {
  const decimals = printed.includes(".") ? (printed.split(".")[1] as string).length : 0;
  return 0.5 * 10 ** -decimals;
}

/** Expects the published p99.9 `printed` to sit at the 0.999 quantile of our sample. */
function expectP999(sample: Float64Array, printed: string, what: string): void {
  const x = Number(printed);
  const h = halfDigit(printed);
  const tol = Z * se(0.999, PAPER_LATENCY_TRIALS);
  const above = cdf(sample, x + h);
  const below = cdf(sample, x - h);
  expect(above, `${what}: share of trials <= ${printed} + ${h}`).toBeGreaterThanOrEqual(0.999 - tol);
  expect(below, `${what}: share of trials <= ${printed} - ${h}`).toBeLessThanOrEqual(0.999 + tol);
}

/**
 * Expects the published t-visibility to be the first sweep point with P(consistent) >= 0.999: at
 * it the probability is at least 0.999 up to the sweep's noise, one step earlier it was below.
 * The step is read off the printed figure: two decimals, 0.01 ms; one non-zero decimal, 0.1 ms;
 * else 1 ms (a larger step only weakens the check).
 */
function expectTVisibility(threshold: Float64Array, printed: string, what: string): void {
  const t = Number(printed);
  const decimals = printed.split(".")[1] ?? "";
  const step = decimals.length === 2 ? 0.01 : decimals.length === 1 && decimals !== "0" ? 0.1 : 1;
  const noise = se(0.999, PAPER_T_TRIALS);
  expect(cdf(threshold, t), `${what}: P(consistent) at t = ${printed} ms`).toBeGreaterThanOrEqual(
    0.999 - Z_FIRST_OF_SWEEP * noise,
  );
  if (t > 0) {
    expect(cdf(threshold, t - step), `${what}: P(consistent) at t = ${printed} - ${step} ms`).toBeLessThanOrEqual(
      0.999 + Z * noise,
    );
  }
}

/** Expects a published probability (in percent, as printed) within the binomial tolerance. */
function expectPercent(measured: number, printed: string, what: string): void {
  const p = Number(printed) / 100;
  const tol = halfDigit(printed) / 100 + Z * se(p, PAPER_T_TRIALS);
  expect(
    Math.abs(measured - p),
    `${what}: ${(100 * measured).toFixed(2)}% vs published ${printed}%`,
  ).toBeLessThanOrEqual(tol);
}

/** Table 4: [R, W] → [L_r p99.9, L_w p99.9, t-visibility at 99.9%], as printed, N = 3. */
const TABLE_4: Record<WarsModelName, [number, number, string, string, string][]> = {
  "LNKD-SSD": [
    [1, 1, "0.66", "0.66", "1.85"],
    [1, 2, "0.66", "1.63", "1.79"],
    [2, 1, "1.63", "0.65", "0"],
    [2, 2, "1.62", "1.64", "0"],
    [3, 1, "4.14", "0.65", "0"],
    [1, 3, "0.65", "4.09", "0"],
  ],
  "LNKD-DISK": [
    [1, 1, "0.66", "10.99", "45.5"],
    [1, 2, "0.65", "20.97", "43.3"],
    [2, 1, "1.63", "10.9", "13.6"],
    [2, 2, "1.64", "20.96", "0"],
    [3, 1, "4.12", "10.89", "0"],
    [1, 3, "0.65", "112.65", "0"],
  ],
  YMMR: [
    [1, 1, "5.58", "10.83", "1364.0"],
    [1, 2, "5.61", "427.12", "1352.0"],
    [2, 1, "32.6", "10.73", "202.0"],
    [2, 2, "33.18", "428.11", "0"],
    [3, 1, "219.27", "10.79", "0"],
    [1, 3, "5.63", "1870.86", "0"],
  ],
  WAN: [
    [1, 1, "3.4", "55.12", "113.0"],
    [1, 2, "3.4", "167.64", "0"],
    [2, 1, "151.3", "56.36", "30.2"],
    [2, 2, "151.31", "167.72", "0"],
    [3, 1, "153.86", "55.19", "0"],
    [1, 3, "3.44", "241.55", "0"],
  ],
};

describe("WARS_MODELS against the PBS paper (Bailis et al., VLDB 2012)", () => {
  for (const [model, rows] of Object.entries(TABLE_4) as [WarsModelName, (typeof TABLE_4)[WarsModelName]][]) {
    it(`warsTrials(${model}) reproduces Table 4's p99.9 latencies and t-visibility for N = 3`, () => {
      for (const [r, w, readP999, writeP999, tVisibility] of rows) {
        const res = warsTrials({
          n: 3,
          r,
          w,
          delays: WARS_MODELS[model],
          trials: TRIALS,
          seed: `table4-${model}-${r}${w}`,
        });
        const what = `${model} R=${r} W=${w}`;
        expectP999(sorted(res.readMs), readP999, `${what} read`);
        expectP999(sorted(res.writeMs), writeP999, `${what} write`);
        expectTVisibility(sorted(res.thresholdMs), tVisibility, what);
      }
    });
  }

  it("warsTrials reproduces section 6.2's chances of a consistent read right after the commit (N = 3, R = W = 1)", () => {
    const published: [WarsModelName, number, string][] = [
      ["LNKD-SSD", 0, "97.4"],
      ["LNKD-DISK", 0, "43.9"],
      ["LNKD-DISK", 10, "92.5"],
      ["YMMR", 0, "89.3"],
      ["WAN", 0, "33"],
    ];
    for (const [model, tMs, printed] of published) {
      const res = warsTrials({ n: 3, r: 1, w: 1, delays: WARS_MODELS[model], trials: TRIALS, seed: `text-${model}` });
      expectPercent(cdf(sorted(res.thresholdMs), tMs), printed, `${model} at t = ${tMs} ms`);
    }
  });

  it("warsTrials(LNKD-DISK) reproduces section 6.3's figures for N = 2 and N = 10 (R = W = 1)", () => {
    for (const [n, atZero, tVisibility] of [
      [2, "57.5", "45.3"],
      [10, "21.1", "53.7"],
    ] as const) {
      const res = warsTrials({ n, r: 1, w: 1, delays: WARS_MODELS["LNKD-DISK"], trials: TRIALS, seed: `sweepn-${n}` });
      const threshold = sorted(res.thresholdMs);
      expectPercent(cdf(threshold, 0), atZero, `LNKD-DISK N=${n} at t = 0`);
      expectTVisibility(threshold, tVisibility, `LNKD-DISK N=${n}`);
    }
  });
});
