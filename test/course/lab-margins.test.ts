// A two-seed smoke test of `npm run lab:margins` (the full run over a hundred seeds is slow and
// is run by hand when a bound is chosen): the margins go through the graded checks' own drivers
// and bounds, so the solution must keep every bound and the stub must break one of each check,
// as the course self-check proves through the grader.
import { describe, expect, test } from "vitest";
import { margins as lab03 } from "../../scripts/lab-margins/03-cassandra-replication.js";
import { margins as lab04 } from "../../scripts/lab-margins/04-chaos.js";
import { margins as lab05 } from "../../scripts/lab-margins/05-timeout-budgets.js";
import { type LabMargins, measureMargins, parseSeeds } from "../../scripts/lab-margins/measure.js";

const LABS: [string, LabMargins][] = [
  ["03-cassandra-replication", lab03],
  ["04-chaos", lab04],
  ["05-timeout-budgets", lab05],
];

describe("lab margins", () => {
  test("parseSeeds(text) reads ranges and lists, and names a bad one", () => {
    expect(parseSeeds("1-3")).toEqual([1, 2, 3]);
    expect(parseSeeds("1,5,7-8")).toEqual([1, 5, 7, 8]);
    expect(() => parseSeeds("3-1")).toThrow('invalid --seeds "3-1"');
    expect(() => parseSeeds("x")).toThrow('invalid --seeds "x"');
  });

  test.each(LABS)(
    "measureMargins(%s) on seeds 1-2: the solution keeps every bound, the stub breaks one of each check",
    async (id, margins) => {
      const rows = await measureMargins(id, margins, [1, 2], ["solution", "stub"]);
      const breached = (policy: string) => rows.filter((r) => r.worst[policy]?.breached).map((r) => r.check);
      expect(rows.length).toBeGreaterThanOrEqual(margins.checks.length);
      expect(breached("solution")).toEqual([]);
      expect(new Set(breached("stub"))).toEqual(new Set(margins.checks.map((c) => c.id)));
    },
    60_000,
  );

  test("measureMargins(04-chaos) with the naive guard: it stops harm, and aborts harmless runs beyond the allowance", async () => {
    const rows = await measureMargins("04-chaos", lab04, [1], ["naive"]);
    expect(rows.filter((r) => r.worst.naive?.breached).map((r) => r.what)).toEqual(["harmless runs aborted"]);
    // One seed: seven harmless runs (the allowance is one abort) and the harmful run the check
    // also asks to be stopped. The count is a total over them, not one run's worst.
    const spared = rows.find((r) => r.what === "harmless runs aborted")?.worst.naive;
    expect(spared).toMatchObject({ seed: null, runs: 8, limit: 1 });
  }, 60_000);
});
