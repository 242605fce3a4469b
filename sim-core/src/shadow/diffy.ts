import { checkNumber } from "../errors/index.js";
import type { ResponseDiffer } from "./differ.js";
import type { Exchange, Regression } from "./responses.js";

/**
 * Diffy default: flag `threshold.relative` = 20.0, in percent (twitter/diffy,
 * src/main/scala/com/twitter/diffy/DiffyServiceModule.scala).
 */
export const DIFFY_RELATIVE_THRESHOLD_PERCENT = 20;
/** Diffy default: flag `threshold.absolute` = 0.03, in percent of the endpoint's requests (DiffyServiceModule.scala). */
export const DIFFY_ABSOLUTE_THRESHOLD_PERCENT = 0.03;

/** One field of one endpoint in Diffy's report. */
export interface DiffyField {
  endpoint: string;
  field: string;
  /** Requests where candidate and primary differ in this field. */
  raw: number;
  /** Requests where primary and secondary (same code) differ: noise. */
  noise: number;
  /** Requests to the endpoint. */
  total: number;
  /** |raw − noise| / (raw + noise) × 100. */
  relativePercent: number;
  /** |raw − noise| / total × 100. */
  absolutePercent: number;
  reported: boolean;
}

/** Diffy's thresholds; with `noiseCancelling: false` every field with any raw difference is reported. */
export interface DiffyOptions {
  relativeThresholdPercent: number;
  absoluteThresholdPercent: number;
  noiseCancelling: boolean;
}

export const DIFFY_DEFAULTS: DiffyOptions = {
  relativeThresholdPercent: DIFFY_RELATIVE_THRESHOLD_PERCENT,
  absoluteThresholdPercent: DIFFY_ABSOLUTE_THRESHOLD_PERCENT,
  noiseCancelling: true,
};

/**
 * Diffy's scheme: count raw differences (candidate vs primary) and noise (primary vs secondary)
 * per endpoint and field, and report a field when raw > noise and both its relative and absolute
 * differences pass the thresholds (the filter in Diffy's analysis/JoinedDifferences.scala, whose
 * comparisons are strict). Rows are sorted by endpoint, then field.
 *
 * @example
 * const xs = [exchange("profile", 7, [{ requestType: "profile", field: "rating", customerShare: 1 }], createRng(1))];
 * diffyReport(xs, exactDiffer).filter((f) => f.reported).map((f) => f.field) // ['rating']
 */
export function diffyReport(
  exchanges: readonly Exchange[],
  differ: ResponseDiffer,
  options: DiffyOptions = DIFFY_DEFAULTS,
): DiffyField[] {
  const counter = new DiffyCounter(differ);
  for (const x of exchanges) counter.add(x);
  return counter.report(options);
}

/**
 * Diffy's counters, filled one exchange at a time so a long run keeps no responses; `report`
 * applies the thresholds (several reports may be read from the same counts).
 *
 * @example
 * const c = new DiffyCounter(exactDiffer); c.add(exchange("profile", 7, [], createRng(1)));
 * c.report(DIFFY_DEFAULTS).filter((f) => f.reported).length // 0
 */
export class DiffyCounter {
  private readonly differ: ResponseDiffer;
  private readonly totals = new Map<string, number>();
  // Rows by endpoint, then by field: two small maps, no key strings built per difference.
  private readonly rows = new Map<string, Map<string, DiffyField>>();

  constructor(differ: ResponseDiffer) {
    this.differ = differ;
  }

  add(x: Exchange): void {
    this.totals.set(x.requestType, (this.totals.get(x.requestType) ?? 0) + 1);
    let fields = this.rows.get(x.requestType);
    if (fields === undefined) this.rows.set(x.requestType, (fields = new Map()));
    for (const f of Object.keys(x.primary)) row(fields, x.requestType, f);
    for (const f of this.differ.diff(x.candidate, x.primary)) row(fields, x.requestType, f).raw++;
    for (const f of this.differ.diff(x.primary, x.secondary)) row(fields, x.requestType, f).noise++;
  }

  report(options: DiffyOptions): DiffyField[] {
    const rel = checkNumber("diffy.relativeThresholdPercent", options.relativeThresholdPercent, { min: 0, max: 100 });
    const abs = checkNumber("diffy.absoluteThresholdPercent", options.absoluteThresholdPercent, { min: 0, max: 100 });
    const out = [...this.rows.values()]
      .flatMap((fields) => [...fields.values()].map((r) => ({ ...r })))
      .sort((a, b) => a.endpoint.localeCompare(b.endpoint) || a.field.localeCompare(b.field));
    for (const r of out) {
      r.total = this.totals.get(r.endpoint) ?? 0;
      const gap = Math.abs(r.raw - r.noise);
      r.relativePercent = r.raw + r.noise === 0 ? 0 : (gap / (r.raw + r.noise)) * 100;
      r.absolutePercent = r.total === 0 ? 0 : (gap / r.total) * 100;
      r.reported = options.noiseCancelling
        ? r.raw > r.noise && r.relativePercent > rel && r.absolutePercent > abs
        : r.raw > 0;
    }
    return out;
  }
}

function row(fields: Map<string, DiffyField>, endpoint: string, field: string): DiffyField {
  let r = fields.get(field);
  if (r === undefined) {
    r = { endpoint, field, raw: 0, noise: 0, total: 0, relativePercent: 0, absolutePercent: 0, reported: false };
    fields.set(field, r);
  }
  return r;
}

/** How a report did against the regressions actually injected. */
export interface DiffScore {
  /** Reported fields that are real regressions, over all reported fields (1 when none reported). */
  precision: number;
  /** Injected regressions reported, over all injected (1 when none injected). */
  recall: number;
  /** `endpoint.field` of injected regressions not reported. */
  missed: string[];
  /** `endpoint.field` reported that carry no regression (noise). */
  falseAlarms: string[];
}

/**
 * Scores a report by precision and recall on the injected regressions.
 *
 * @example
 * scoreDiff([{ endpoint: "profile", field: "rating", reported: true } as DiffyField], [{ requestType: "profile", field: "rating", customerShare: 1 }]).recall // 1
 */
export function scoreDiff(report: readonly DiffyField[], regressions: readonly Regression[]): DiffScore {
  const truth = new Set(regressions.filter((r) => r.customerShare > 0).map((r) => `${r.requestType}.${r.field}`));
  const reported = report.filter((r) => r.reported).map((r) => `${r.endpoint}.${r.field}`);
  const hits = reported.filter((k) => truth.has(k));
  return {
    precision: reported.length === 0 ? 1 : hits.length / reported.length,
    recall: truth.size === 0 ? 1 : hits.length / truth.size,
    missed: [...truth].filter((k) => !reported.includes(k)).sort(),
    falseAlarms: reported.filter((k) => !truth.has(k)),
  };
}
