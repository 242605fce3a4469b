// The bounds lab 05's scenario checks hold a learner to, in one place: the checks
// (05-timeout-budgets.test.ts) assert them and `npm run lab:margins -- --lab 05-timeout-budgets`
// measures how far the reference solution and the stub stay from each, over many seeds.

/**
 * The edge's budget with the deep service hung: every request answered within it. The solution's
 * slowest answer over seeds 1-100 was 2,750 ms (seed 49); the stub's 6,011 ms.
 */
export const EDGE_BUDGET_MS = 3000;
/** The network adds a few ms per hop (sim-core's DEFAULT_NETWORK); answers may be this late. */
export const NETWORK_SLACK_MS = 50;
/** One retry at most: a request makes at most this many calls on any hop. */
export const MAX_CALLS_PER_HOP = 2;

/** The last stretch of load, long after the outage ended, over which recovery is judged. */
export const LATE_WINDOW_MS = 4000;
/** Mean successful answers per second over the last LATE_WINDOW_MS of load. */
export function lateGoodputPerSec(goodput: { timeMs: number; value: number }[], loadEndsMs: number): number {
  const late = goodput.filter((g) => g.timeMs >= loadEndsMs - LATE_WINDOW_MS && g.timeMs < loadEndsMs);
  return late.length === 0 ? 0 : late.reduce((sum, g) => sum + g.value, 0) / late.length;
}

/**
 * Recovered = late goodput at least 75% of the offered load (45 of 60 req/s). The solution's late
 * goodput was 53.8-67.5 req/s over seeds 1-20 and 51.3-71.8 over seeds 1-40, its worst still 51.3
 * (seed 28) over seeds 1-100 (Poisson arrivals alone move a 4 s mean by about 4 req/s, one
 * standard deviation); the naive policy and the solution without its retry budget stay at 0 on
 * every one of seeds 1-40 (the stub on every one of 1-100). The line sits in a wide gap, not on
 * an edge.
 */
export const RECOVERED_SHARE = 0.75;

/**
 * At most a quarter of the naive policy's wasted work on the same seed. With deadlines carried,
 * the solution wasted 4.4-15.7% of the naive policy's work over seeds 1-40 and at most 15.7%
 * (seed 12) over seeds 1-100 (without its retry budget: 4.4-18.7% over seeds 1-40); a policy that
 * only caps attempts at the deadline still wastes 100%, and one that telescopes but keeps two
 * retries per hop wasted 17-45 times more than naive (seeds 1-8).
 */
export const WASTED_SHARE_MAX = 0.25;
