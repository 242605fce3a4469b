import type { ConsistencyLevel } from "../storage/index.js";
import { cassandraReplication } from "./cassandra-replication.js";
import type { CassandraReplicationParams } from "./cassandra-replication-params.js";

/** One row per level and operation: what the level kept working and what it let through. */
export interface LevelOutcome {
  level: string;
  operation: "write" | "read";
  availability: number;
  staleReadFraction: number;
  lostWrites: number;
}

/**
 * Runs `cassandraReplication` once per consistency level (reads and writes at that level) with
 * the other parameters fixed, e.g. under a zone outage, for an availability-by-level chart.
 *
 * @example
 * cassandraLevelSweep({ failure: "zone", failureRecovers: false }, ["ONE", "ALL"]).map((r) => r.availability < 1)
 * // [false, false, true, true]
 */
export function cassandraLevelSweep(
  params: Partial<CassandraReplicationParams> & { seed?: number | string },
  levels: readonly ConsistencyLevel[] = ["ONE", "TWO", "QUORUM", "LOCAL_QUORUM", "EACH_QUORUM", "ALL"],
): LevelOutcome[] {
  const rows: LevelOutcome[] = [];
  for (const level of levels) {
    const r = cassandraReplication.run({ ...params, writeLevel: level, readLevel: level });
    for (const operation of ["write", "read"] as const) {
      rows.push({
        level,
        operation,
        availability: (operation === "write" ? r.writes : r.reads).availability,
        staleReadFraction: r.staleReadFraction,
        lostWrites: r.lostWrites,
      });
    }
  }
  return rows;
}
