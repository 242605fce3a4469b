import { CASSANDRA_REPLICATION_PARAMS } from "./cassandra-replication-params.js";
import { type CassandraReplicationExtras, runCassandraReplication } from "./cassandra-replication-run.js";
import { defineScenario } from "./scenario.js";

export type {
  CassandraReplicationExtras,
  CassandraReplicationParams,
  CassandraReplicationResult,
  ReplicaPlacement,
} from "./cassandra-replication-run.js";

/**
 * Replication on a Cassandra-like ring: writes at one consistency level, each read back later at
 * another, with a node, zone or region failing on the way. Reports availability, stale reads,
 * lost acknowledged writes, hinted handoff and read repair. The defaults are Netflix's Cassandra
 * benchmarks in miniature, with a zone outage in the middle: RF 3 over 3 zones, writes at ONE
 * ("Benchmarking Cassandra Scalability on AWS", Netflix Tech Blog, 2011), each read back 500 ms
 * later (Adrian Cockcroft's global Cassandra benchmark; see the site's sources page).
 *
 * @example
 * cassandraReplication.run().lostWrites // 0
 */
export const cassandraReplication = defineScenario({
  id: "cassandraReplication",
  title: "Cassandra replication",
  module: 3,
  summary:
    "Replicas on a token ring across zones and regions: what each consistency level costs and buys when a zone fails.",
  defaultSeed: 2011,
  params: CASSANDRA_REPLICATION_PARAMS,
  presets: {
    // Netflix's benchmarks in miniature: many writes to many keys, nothing failing.
    benchmark: { failure: "none", writeRatePerS: 1000, keys: 10_000 },
    // A zone lost for good (its instances and their ephemeral disks do not come back).
    zoneLost: { failure: "zone", failureRecovers: false },
    // Two regions, calm: what cross-region consistency levels cost in latency.
    twoRegions: { regions: 2, failure: "none" },
    // Two regions, the clients' region lost for good (Chaos Kong).
    regionLost: { regions: 2, failure: "region", failureRecovers: false },
  },
  body: (params, extras: Partial<CassandraReplicationExtras>) => runCassandraReplication(params, extras),
});
