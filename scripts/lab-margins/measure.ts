// How far a lab's graded bounds are from what its reference solution (and its stub, and a naive
// policy where the lab names one) actually does, over a range of seeds. Each lab describes its
// checks in scripts/lab-margins/<lab>.ts: the runs of one seed, made through the lab's own
// trusted driver (test/labs/<lab>.driver.ts, the code the graded checks use), and the bounds the
// check asserts on them (imported from where the check reads them). Only the course's own files
// run here, so they are imported in-process; a learner's code never goes through this script.
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** A lab's files as a driver loads them (the grader's runner hands over the same exports). */
export interface Lab {
  load(file: string): Promise<Record<string, unknown>>;
}

/** One bound a check asserts, on the value of each run. */
export interface Bound<Run> {
  /** What is bounded, in words. */
  what: string;
  /** "max": the check fails above the limit; "min": below it. */
  kind: "max" | "min";
  /** The limit itself fails too (the check asserts `<` or `>`). */
  strict?: boolean;
  /** The limit, given every run measured (a count of false alarms may scale with them). */
  limit(runs: readonly Run[]): number;
  value(run: Run): number;
  /** Runs combine as the worst one (default), or as their total (a count such as false aborts). */
  combine?: "worst" | "total";
}

/** A graded check, as the margins see it: its runs for one seed, and its bounds. */
export interface MarginCheck<Run = never> {
  /** The check's id in labs/labs.json. */
  id: string;
  runs(lab: Lab, seed: number): Promise<Run[]>;
  bounds: Bound<Run>[];
}

/** A policy to measure besides the solution and the stub: some of the stub's files replaced. */
export interface NaivePolicy {
  name: string;
  files: Record<string, Record<string, unknown>>;
  /** The checks it is meant for (the others would only repeat the stub's column). */
  checks: string[];
}

export interface LabMargins {
  // biome-ignore lint/suspicious/noExplicitAny: each check has its own run type; a lab lists them together.
  checks: MarginCheck<any>[];
  naive?: NaivePolicy;
}

/** The worst value of one bound for one policy, and the seed it came from (none for a total). */
export interface Worst {
  value: number;
  seed: number | null;
  limit: number;
  runs: number;
  breached: boolean;
  /** The policy threw on `seed` (a stub's "TODO" error): the check fails there, whatever the value. */
  threw?: string;
}

export interface MarginRow {
  check: string;
  what: string;
  kind: "max" | "min";
  strict: boolean;
  /** Per policy name: the worst value seen. */
  worst: Record<string, Worst>;
}

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** The lab's files in `dir` (solutions/ or labs/), with some replaced. */
export function labFrom(dir: string, labId: string, replaced: NaivePolicy["files"] = {}): Lab {
  return {
    load: async (file) => replaced[file] ?? import(pathToFileURL(join(ROOT, dir, labId, file)).href),
  };
}

/** Seeds from "1-100", "1,2,5" or "7". */
export function parseSeeds(text: string): number[] {
  const seeds = text.split(",").flatMap((part) => {
    const [from, to = from] = part.split("-").map((s) => Number(s.trim()));
    if (!Number.isInteger(from) || !Number.isInteger(to) || (to as number) < (from as number))
      throw new Error(`invalid --seeds ${JSON.stringify(text)}: use "1-100", "1,2,5" or "7"`);
    return Array.from({ length: (to as number) - (from as number) + 1 }, (_, i) => (from as number) + i);
  });
  if (seeds.length === 0) throw new Error(`invalid --seeds ${JSON.stringify(text)}: no seed`);
  return seeds;
}

/** One seed's runs of a check, or what they threw. */
type Observed<Run> = { seed: number; runs: Run[]; threw?: string };

function worstOf<Run>(bound: Bound<Run>, perSeed: Observed<Run>[]): Worst {
  const all = perSeed.flatMap((s) => s.runs);
  const failed = perSeed.find((s) => s.threw !== undefined);
  if (failed !== undefined) {
    return {
      value: Number.NaN,
      seed: failed.seed,
      limit: bound.limit(all),
      runs: all.length,
      breached: true,
      threw: failed.threw,
    };
  }
  const limit = bound.limit(all);
  let value: number;
  let seed: number | null = null;
  if (bound.combine === "total") {
    value = all.reduce((sum, run) => sum + bound.value(run), 0);
  } else {
    const sign = bound.kind === "max" ? 1 : -1;
    value = sign * Number.NEGATIVE_INFINITY;
    for (const s of perSeed) {
      for (const run of s.runs) {
        const v = bound.value(run);
        if (sign * v > sign * value) [value, seed] = [v, s.seed];
      }
    }
  }
  const over = bound.kind === "max" ? value - limit : limit - value;
  const breached = bound.strict ? over >= 0 : over > 0;
  return { value, seed, limit, runs: all.length, breached };
}

/**
 * Runs every check of `margins` for each policy over `seeds` and returns, per bound, the worst
 * value each policy reached. `progress` hears of each seed as it starts.
 */
export async function measureMargins(
  labId: string,
  margins: LabMargins,
  seeds: readonly number[],
  policies: readonly string[],
  progress: (policy: string, seed: number, done: number, total: number) => void = () => {},
): Promise<MarginRow[]> {
  const rows = new Map<string, MarginRow>();
  const total = policies.length * seeds.length;
  let done = 0;
  for (const policy of policies) {
    const naive = margins.naive?.name === policy ? margins.naive : undefined;
    if (policy !== "solution" && policy !== "stub" && naive === undefined)
      throw new Error(
        `lab ${labId} has no policy "${policy}" (solution, stub${margins.naive ? `, ${margins.naive.name}` : ""})`,
      );
    const lab = policy === "solution" ? labFrom("solutions", labId) : labFrom("labs", labId, naive?.files);
    const checks = margins.checks.filter((c) => naive === undefined || naive.checks.includes(c.id));
    const observed = new Map(checks.map((c) => [c.id, [] as Observed<unknown>[]]));
    for (const seed of seeds) {
      progress(policy, seed, done++, total);
      for (const check of checks) {
        const seen = observed.get(check.id);
        try {
          seen?.push({ seed, runs: await check.runs(lab, seed) });
        } catch (error) {
          seen?.push({ seed, runs: [], threw: error instanceof Error ? error.message : String(error) });
        }
      }
    }
    for (const check of checks) {
      for (const bound of check.bounds) {
        const key = `${check.id}\u0000${bound.what}`;
        const row = rows.get(key) ?? {
          check: check.id,
          what: bound.what,
          kind: bound.kind,
          strict: bound.strict === true,
          worst: {},
        };
        row.worst[policy] = worstOf(bound, observed.get(check.id) ?? []);
        rows.set(key, row);
      }
    }
  }
  progress("", 0, total, total);
  // Rows in the order the lab lists its checks and bounds.
  const order = margins.checks.flatMap((c) => c.bounds.map((b) => `${c.id}\u0000${b.what}`));
  return order.flatMap((key) => rows.get(key) ?? []);
}
