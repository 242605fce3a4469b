import type { DistributionSpec } from "../random/index.js";
import type { WarsDelays } from "./pbs.js";

/**
 * One-way delay models for the WARS simulation, as mixtures of Pareto and exponential
 * distributions in ms, the form Bailis et al. fitted to production latencies (PBS, VLDB 2012).
 * The parameters are those in Peter Bailis's own script accompanying the paper's data
 * (github.com/pbailis/bailis.org-blog, post_data/2012-09-20/dynamo-multirequest-montecarlo.py),
 * where a draw is exponential with probability `exponentialWeight`, else Pareto.
 */
function paretoExponential(exponentialWeight: number, rate: number, scale: number, shape: number): DistributionSpec {
  return {
    kind: "mixture",
    weights: [exponentialWeight, 1 - exponentialWeight],
    components: [
      { kind: "exponential", mean: 1 / rate },
      { kind: "pareto", scale, shape },
    ],
  };
}

/** LinkedIn-like read legs (script's "LNKD model for reads": 91.22% exponential with rate 1.66/ms, else Pareto(0.235 ms, 10)). */
export const LNKD_READ_DELAY: DistributionSpec = paretoExponential(0.9122, 1.66, 0.235, 10);
/** LinkedIn disk write legs (script's "LNKD-DISK model for writes": 38% exponential with rate 0.183/ms, else Pareto(1.05 ms, 1.51)). */
export const LNKD_DISK_WRITE_DELAY: DistributionSpec = paretoExponential(0.38, 0.183, 1.05, 1.51);
/** Yammer read legs (script's "YMMR model for reads": 1.8% exponential with rate 0.0217/ms, else Pareto(1.5 ms, 3.8)). */
export const YMMR_READ_DELAY: DistributionSpec = paretoExponential(0.018, 0.0217, 1.5, 3.8);

/** Named WARS models: slow disk writes with fast reads, and a uniform fast-LAN baseline. */
export const WARS_MODELS: Record<string, WarsDelays> = {
  /** Writes hit spinning disks; acks, read requests and responses travel like LinkedIn reads. */
  "lnkd-disk": { w: LNKD_DISK_WRITE_DELAY, a: LNKD_READ_DELAY, r: LNKD_READ_DELAY, s: LNKD_READ_DELAY },
  /** Every leg like LinkedIn reads: a fast network and SSDs. */
  "lnkd-fast": { w: LNKD_READ_DELAY, a: LNKD_READ_DELAY, r: LNKD_READ_DELAY, s: LNKD_READ_DELAY },
  /** Every leg like Yammer reads: a heavier tail. */
  ymmr: { w: YMMR_READ_DELAY, a: YMMR_READ_DELAY, r: YMMR_READ_DELAY, s: YMMR_READ_DELAY },
};
