/**
 * The clock counts integer microseconds: fine enough for network hops inside a zone, coarse
 * enough that a double holds ~285 years exactly, and integers make ties exact rather than
 * dependent on floating-point rounding.
 */
export const US_PER_MS = 1000;
export const US_PER_S = 1_000_000;
/** For rates: a rate per second divided by this is a rate per millisecond. */
export const MS_PER_S = 1000;

/**
 * Milliseconds (possibly fractional, as distributions draw them) to whole microseconds.
 *
 * @example
 * msToUs(1.2345) // 1235
 */
export function msToUs(ms: number): number {
  return Math.round(ms * US_PER_MS);
}

/**
 * Seconds to whole microseconds.
 *
 * @example
 * secondsToUs(2) // 2000000
 */
export function secondsToUs(seconds: number): number {
  return Math.round(seconds * US_PER_S);
}

/**
 * Microseconds to milliseconds, for reporting.
 *
 * @example
 * usToMs(2500) // 2.5
 */
export function usToMs(us: number): number {
  return us / US_PER_MS;
}
