import { checkNumber } from "../errors/index.js";

/** The hour of the evening peak: streaming demand is highest in the evening, lowest in the morning. */
export const PEAK_HOUR = 21;
/** Demand at the trough as a share of the peak; the curve's shape is illustrative, not measured. */
export const TROUGH_SHARE = 0.1;

/**
 * Share of the peak demand at a time of day (hours, may pass 24): a cosine from the trough at
 * 9 am to the peak at 9 pm.
 *
 * @example
 * demandShare(21) // 1
 */
export function demandShare(hour: number): number {
  const h = checkNumber("demand.hour", hour, { min: 0, max: 48 });
  const mid = (1 + TROUGH_SHARE) / 2;
  return mid + (1 - mid) * Math.cos((2 * Math.PI * (h - PEAK_HOUR)) / 24);
}

/**
 * Stream-start attempts per second of a group holding `sharePct` of a service whose peak is
 * `peakSps`, `atMs` into a window that starts at `startHour`.
 *
 * @example
 * groupRate(6000, 1, 21, 0) // 60
 */
export function groupRate(peakSps: number, sharePct: number, startHour: number, atMs: number): number {
  return peakSps * (sharePct / 100) * demandShare(startHour + atMs / 3_600_000);
}
