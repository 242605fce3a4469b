// Lab 03, part 2: choose consistency levels.
//
// Every Cassandra request names a consistency level: how many replicas must answer before the
// coordinator replies. Few replicas is fast and keeps working through failures, but a read may
// miss a recent write; many replicas sees every write but fails when too many replicas are down.
//
// Write `chooseConsistency`: given what a service needs, return the write and read levels. The
// grader runs the cassandraReplication scenario with your levels under the outage the service
// must survive, on several seeds, and checks availability, stale reads and latency.
//
// Do not change the exported names or the types.

/** The levels this lab accepts (Cassandra's names). */
export type ConsistencyLevel =
  | "ONE"
  | "TWO"
  | "THREE"
  | "QUORUM"
  | "LOCAL_ONE"
  | "LOCAL_QUORUM"
  | "EACH_QUORUM"
  | "ALL";

export interface ConsistencyNeed {
  /** Regions (data centres), each holding `rfPerRegion` replicas of every key spread over 3 zones. */
  regions: number;
  rfPerRegion: number;
  /** The outage the service must keep working through: one zone, or the clients' whole region. */
  survive: "zone" | "region";
  /**
   * true: a read must see every write acknowledged before it (no stale reads).
   * false: freshness can wait a little; the lowest latency matters most.
   */
  readYourWrites: boolean;
}

export interface ConsistencyChoice {
  writeLevel: ConsistencyLevel;
  readLevel: ConsistencyLevel;
}

/** The write and read consistency levels for a service with these needs. */
export function chooseConsistency(need: ConsistencyNeed): ConsistencyChoice {
  // TODO 1: when stale reads are acceptable, pick the cheapest levels: the first replica to
  //         answer is enough.
  // TODO 2: otherwise, make every read set of replicas overlap every write set (R + W > N), and
  //         count only replicas that survive the outage in `need.survive`.
  // TODO 3: with several regions, a level that needs replicas in other regions waits for a
  //         cross-region round trip and fails when a region is down; the LOCAL_ levels count only
  //         the coordinator's region.
  throw new Error(`TODO: chooseConsistency is not written yet (${JSON.stringify(need)})`);
}
