import type { Histogram } from "../metrics/index.js";

/** Batch sizes are grouped in powers of two: 1, 2–3, 4–7, …, and 64 or more. */
const BUCKET_LIMIT = 64;

export interface DeliveryMetrics {
  /** Changes committed during the run's days. */
  committed: number;
  /** Changes that reached production and stayed. */
  shipped: number;
  /** Commit to production, in hours. */
  leadTimeHours: { p50: number; p90: number; p99: number; mean: number };
  /** Production deploys per day (rolled back ones included) during the run's days. */
  deploysPerDay: number;
  /** Changes per batch cut (a train, a pipeline run). */
  changesPerDeploy: number;
  /** Share of deploys that were rolled back. */
  rolledBackShare: number;
  /** Minutes from a bad deploy to the previous version serving again. */
  restoreMinutes: { mean: number; max: number; count: number };
  /** Per batch size: batches cut (trains or pipeline runs) and the share holding a bad change. */
  batches: { sizeFrom: number; sizeTo: number; batches: number; withBadChange: number; shareWithBadChange: number }[];
  /** Lead times as a distribution, for the chart. */
  leadTimeHistogram: { lowerHours: number; upperHours: number; count: number }[];
  fingerprint: string;
}

/**
 * Groups batches by size (1, 2–3, 4–7, …) and counts those holding at least one bad change.
 *
 * @example
 * batchBuckets([{ size: 1, bad: false }, { size: 3, bad: true }, { size: 2, bad: false }]).map((b) => b.shareWithBadChange)
 * // [0, 0.5]
 */
export function batchBuckets(batches: readonly { size: number; bad: boolean }[]): DeliveryMetrics["batches"] {
  const out: DeliveryMetrics["batches"] = [];
  for (let from = 1; from <= BUCKET_LIMIT; from *= 2) {
    const last = from === BUCKET_LIMIT;
    const inBucket = batches.filter((b) => b.size >= from && (last || b.size <= from * 2 - 1));
    if (inBucket.length === 0) continue;
    // The last bucket is open: it ends at the largest batch seen (JSON has no Infinity).
    const to = last ? Math.max(...inBucket.map((b) => b.size)) : from * 2 - 1;
    const withBad = inBucket.filter((b) => b.bad).length;
    out.push({
      sizeFrom: from,
      sizeTo: to,
      batches: inBucket.length,
      withBadChange: withBad,
      shareWithBadChange: withBad / inBucket.length,
    });
  }
  return out;
}

/**
 * Summarises a delivery run from its counters and histograms.
 *
 * @example
 * const h = new Histogram(); h.record(2);
 * deliveryMetrics({ days: 1, committed: 1, lead: h, restore: new Histogram(), deploys: 1, rolledBack: 0, batches: [{ size: 1, bad: false }], fingerprint: "0" }).deploysPerDay
 * // 1
 */
export function deliveryMetrics(r: {
  days: number;
  committed: number;
  lead: Histogram;
  restore: Histogram;
  deploys: number;
  rolledBack: number;
  batches: readonly { size: number; bad: boolean }[];
  fingerprint: string;
}): DeliveryMetrics {
  const changesCut = r.batches.reduce((s, b) => s + b.size, 0);
  return {
    committed: r.committed,
    shipped: r.lead.count,
    leadTimeHours: {
      p50: r.lead.percentile(50),
      p90: r.lead.percentile(90),
      p99: r.lead.percentile(99),
      mean: r.lead.mean,
    },
    deploysPerDay: r.deploys / r.days,
    changesPerDeploy: r.batches.length === 0 ? 0 : changesCut / r.batches.length,
    rolledBackShare: r.deploys === 0 ? 0 : r.rolledBack / r.deploys,
    restoreMinutes: { mean: r.restore.mean, max: r.restore.count === 0 ? 0 : r.restore.max, count: r.restore.count },
    batches: batchBuckets(r.batches),
    leadTimeHistogram: r.lead.buckets().map((b) => ({ lowerHours: b.lower, upperHours: b.upper, count: b.count })),
    fingerprint: r.fingerprint,
  };
}
