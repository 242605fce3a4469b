// Lab 03, part 2: choose consistency levels.
//
// Every Cassandra request names a consistency level: how many replicas must answer before the
// coordinator replies. Few replicas is fast and keeps working through failures, but a read may
// miss a recent write; many replicas sees every write but fails when too many replicas are down.
//
// Solution. The grader runs the cassandraReplication scenario with your levels under the outage the service
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
  // Stale reads allowed: one replica each way is the fastest (the first answer wins) and keeps
  // working as long as any replica of the key is up.
  if (!need.readYourWrites) return { writeLevel: "ONE", readLevel: "ONE" };
  // No stale reads: a quorum of writes and a quorum of reads share a replica (R + W > N), and a
  // majority of three survives the loss of one zone. LOCAL_QUORUM counts only the coordinator's
  // region, so it needs no cross-region round trip, and when the clients' region is down the
  // clients fail over to another region whose own quorum is intact. QUORUM over two regions
  // (4 of 6) would fail with a region gone; EACH_QUORUM fails too.
  return { writeLevel: "LOCAL_QUORUM", readLevel: "LOCAL_QUORUM" };
}
