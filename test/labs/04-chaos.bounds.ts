// The bounds lab 04's graded checks hold a learner to, and the harmless runs they judge, in one
// place: the checks (04-chaos.test.ts) assert them and `npm run lab:margins -- --lab 04-chaos`
// measures how far the reference solution, the stub and the naive guard stay from each, over
// many seeds. The seeds 1-100 figures below were measured that way (about 6 minutes).

/**
 * At most this many of the experiment group's 50,000 customers (5% of a million) may see an
 * error or a degraded answer before the guard stops a harmful experiment: 0.8% of the group, a
 * bound of the course's own (no published figure). Left running to its end, the harmful runs
 * hurt 394-660 customers (seeds 1-10: errors 394-447, latency 451-660, monkey 508-559; up to 691
 * over seeds 1-100); the solution stopped them after at most 327 (seed 34 of 1-100), the naive
 * guard after at most 209 (seed 33).
 */
export const MAX_AFFECTED = 400;

/** Harmless runs per seed: four A/A runs of 1% groups, and 5% groups with no fault and with two faults the system absorbs. */
export const HARMLESS = [
  ...[0, 1, 2, 3].map((replica) => ({ experiment: "aa" as const, replica })),
  { experiment: "aaLarge" as const, replica: 0 },
  { experiment: "gorillaRibbon" as const, replica: 0 },
  { experiment: "latencyBulkhead" as const, replica: 0 },
];

/**
 * Almost never: at most one harmless run in twenty may be aborted (and one is always allowed).
 * The solution aborted none of 700 harmless runs (the seven above, seeds 1-100); the naive guard
 * aborted 231 of them (2-5 of every 10 of each over seeds 1-10), so it loses this check on any
 * handful of seeds.
 */
export const allowedFalseAborts = (runs: number) => Math.max(1, Math.floor(runs / 20));

/**
 * A healthy system gives almost every customer a personalised start: at most 1% of the control
 * group's requests may fail or fall back. This is what stops a fallback from hiding a timeout
 * set too short (the personalisation service's p99 is 80 ms) and keeps "fail fast" honest.
 */
export const MAX_UNHEALTHY_SHARE = 0.01;

/** A group's totals over a resilience run, as the driver reports them. */
export interface GroupTotals {
  started: number;
  failed: number;
  degraded: number;
}

/** The share of a group's requests that failed or got the fallback. */
export const unhealthyShare = (g: GroupTotals) => (g.failed + g.degraded) / Math.max(1, g.started + g.failed);

/**
 * Experiment starts over control starts: at least 1 - tolerance (0.9) for the hypothesis to hold.
 * The solution's worst over seeds 1-100 was 0.930 under each fault (seed 50, where the groups'
 * own noise is largest); the stub's worst was 0.67 (Monkey), 0.49 (Gorilla) and 0.65 (Latency).
 */
export const startsRatio = (r: { experiment: GroupTotals; control: GroupTotals }) =>
  r.experiment.started / Math.max(1, r.control.started);

/**
 * Impact-free: no 10 s step in which the receiving region fails more than 1% of its stream
 * starts: the course's own bar, ten times stricter than the scenario's default threshold (10%),
 * because an evacuation is a rehearsed, routine operation that customers should not notice.
 */
export const MAX_FAILED_PCT = 1;
/**
 * Within 8 minutes of the decision, with at most 100% ready capacity (another region's whole
 * peak). Netflix's published failover went from about 50 minutes to about 7 with capacity kept
 * ready (Project Nimble, 2018). The solution's plan took at most 6.97 minutes (seed 4 of 1-100)
 * with a worst step of 0.19% failed (seed 44); the stub, moving everything at once with nothing
 * ready, fails up to 47% of a step's starts, and the classic procedure takes more than 20 minutes.
 */
export const EVACUATED_WITHIN_MS = 8 * 60_000;
export const MAX_READY_CAPACITY_PCT = 100;
