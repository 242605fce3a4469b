import { checkArray, checkNumber } from "../errors/index.js";
import type { Rng } from "../random/index.js";
import { type CustomerPopulation, drawCustomer } from "./population.js";
import { checkThreshold, type ShadowSampler } from "./sampler.js";

/** What a sampler did at one threshold over one stream of requests. */
export interface SamplingRow {
  sampler: string;
  thresholdPercent: number;
  /** Share of requests mirrored. */
  requestShare: number;
  /** Share of the customers seen who had at least one request mirrored. */
  customerShare: number;
  /** Of mirrored customers with two or more requests, the share whose every request was mirrored. */
  sessionsWhole: number;
  /** Of the customers mirrored at the previous threshold, the share still mirrored at this one. */
  keptFromPrevious: number;
}

/**
 * Runs one stream of `requests` requests from `population` through `sampler` at each threshold
 * (in the order given) and measures the share mirrored, whole sessions and the sample's
 * stability as the threshold moves. Every threshold sees the same requests.
 *
 * @example
 * const pop = customerPopulation({ customers: 1000 }, createRng(1));
 * samplingStats(pop, hashSampler, [100], 500, createRng(2))[0].requestShare // 1
 */
export function samplingStats(
  population: CustomerPopulation,
  sampler: ShadowSampler,
  thresholds: readonly number[],
  requests: number,
  rng: Rng,
): SamplingRow[] {
  checkArray("sampling.thresholds", thresholds);
  thresholds.forEach((t, i) => checkThreshold(`sampling.thresholds[${i}]`, t));
  checkNumber("sampling.requests", requests, { min: 1, integer: true });
  const customerRng = rng.fork("customers");
  const stream = new Int32Array(requests);
  for (let i = 0; i < requests; i++) stream[i] = drawCustomer(population, customerRng);
  const n = population.ids.length;
  const seen = new Int32Array(n);
  for (const c of stream) seen[c] = (seen[c] as number) + 1;
  // Only customers who made a request can be mirrored: loop over those, not the population.
  const active: number[] = [];
  for (let c = 0; c < n; c++) if ((seen[c] as number) > 0) active.push(c);
  const mirroredCount = new Int32Array(n);
  let inSample: Uint8Array = new Uint8Array(n);
  let previous: Uint8Array | null = null;
  const rows: SamplingRow[] = [];
  for (const thresholdPercent of thresholds) {
    const drawRng = rng.fork(`${sampler.name}@${thresholdPercent}`);
    let mirrored = 0;
    for (const c of stream) {
      if (sampler.mirror(population.ids[c] as number, thresholdPercent, drawRng)) {
        mirroredCount[c] = (mirroredCount[c] as number) + 1;
        mirrored++;
      }
    }
    let customers = 0;
    let multi = 0;
    let whole = 0;
    let kept = 0;
    let before = 0;
    for (const c of active) {
      const m = mirroredCount[c] as number;
      mirroredCount[c] = 0;
      inSample[c] = m > 0 ? 1 : 0;
      if (m > 0) {
        customers++;
        if ((seen[c] as number) >= 2) {
          multi++;
          if (m === seen[c]) whole++;
        }
      }
      if (previous !== null && previous[c] === 1) {
        before++;
        if (m > 0) kept++;
      }
    }
    rows.push({
      sampler: sampler.name,
      thresholdPercent,
      requestShare: mirrored / requests,
      customerShare: customers / active.length,
      sessionsWhole: multi === 0 ? 1 : whole / multi,
      keptFromPrevious: previous === null || before === 0 ? 1 : kept / before,
    });
    // Swap the two flag arrays: this threshold's sample becomes the next one's "previous".
    const spare: Uint8Array = previous ?? new Uint8Array(n);
    previous = inSample;
    inSample = spare;
  }
  return rows;
}
