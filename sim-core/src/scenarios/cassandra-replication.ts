import { CONSISTENCY_LEVELS, MAX_HINT_WINDOW_MS } from "../storage/index.js";
import {
  type CassandraReplicationExtras,
  type CassandraReplicationParams,
  type CassandraReplicationResult,
  runCassandraReplication,
} from "./cassandra-replication-run.js";
import { defineScenario, type ParamSpec } from "./scenario.js";

export type {
  CassandraReplicationExtras,
  CassandraReplicationParams,
  CassandraReplicationResult,
  ReplicaPlacement,
} from "./cassandra-replication-run.js";

const levelChoice = (label: string, description: string): ParamSpec => ({
  kind: "choice",
  label,
  description,
  default: "ONE",
  options: CONSISTENCY_LEVELS,
});

/**
 * Replication on a Cassandra-like ring: writes at one consistency level, each read back later at
 * another, with a node, zone or region failing on the way. Reports availability, stale reads,
 * lost acknowledged writes, hinted handoff and read repair. The defaults are, in miniature,
 * the benchmark reported in Adrian Cockcroft's 2011–2012 Netflix cloud-architecture talks (RF 3 over 3 zones, writes at ONE, reads 500 ms later) with a zone
 * outage in the middle.
 *
 * @example
 * cassandraReplication.run().lostWrites // 0
 */
export const cassandraReplication = defineScenario<
  CassandraReplicationParams,
  CassandraReplicationResult,
  CassandraReplicationExtras
>({
  id: "cassandraReplication",
  title: "Cassandra replication",
  module: 3,
  summary:
    "Replicas on a token ring across zones and regions: what each consistency level costs and buys when a zone fails.",
  defaultSeed: 2011,
  params: {
    regions: {
      kind: "number",
      label: "Regions",
      description: "AWS regions (Cassandra data centres): us-east-1, us-west-2, eu-west-1.",
      default: 1,
      min: 1,
      max: 3,
      step: 1,
      integer: true,
    },
    zonesPerRegion: {
      kind: "number",
      label: "Zones per region",
      description: "Availability zones per region (Cassandra racks).",
      default: 3,
      min: 1,
      max: 3,
      step: 1,
      integer: true,
    },
    nodesPerZone: {
      kind: "number",
      label: "Nodes per zone",
      description: "Cassandra nodes in each zone.",
      default: 2,
      min: 1,
      max: 4,
      step: 1,
      integer: true,
    },
    rfPerRegion: {
      kind: "number",
      label: "Replicas per region (RF)",
      description: "Copies of each key in every region (NetworkTopologyStrategy); Netflix used 3.",
      default: 3,
      min: 1,
      max: 5,
      step: 1,
      integer: true,
    },
    vnodes: {
      kind: "number",
      label: "Tokens per node",
      description: "Virtual nodes: random tokens each node holds on the ring (Cassandra 4 default: 16).",
      default: 16,
      min: 1,
      max: 64,
      step: 1,
      integer: true,
    },
    writeLevel: levelChoice(
      "Write consistency",
      "How many replicas must acknowledge a write before the client hears OK.",
    ),
    readLevel: levelChoice("Read consistency", "How many replicas must answer a read."),
    writeRatePerS: {
      kind: "number",
      label: "Write rate",
      description: "Writes per second (Poisson arrivals) from clients in the first region.",
      default: 100,
      min: 1,
      max: 1000,
      step: 1,
      unit: "writes/s",
    },
    durationMs: {
      kind: "number",
      label: "Duration",
      description: "How long clients keep writing.",
      default: 5000,
      min: 100,
      max: 60_000,
      step: 100,
      unit: "ms",
    },
    readDelayMs: {
      kind: "number",
      label: "Read delay",
      description: "Each acknowledged write is read back this long after its acknowledgement.",
      default: 500,
      min: 0,
      max: 5000,
      step: 10,
      unit: "ms",
    },
    readerRegion: {
      kind: "choice",
      label: "Reader region",
      description: "Read from the writer's region, or from the next region (the same one if there is only one).",
      default: "same",
      options: ["same", "other"],
    },
    keys: {
      kind: "number",
      label: "Keys",
      description: "Distinct partition keys written.",
      default: 100,
      min: 1,
      max: 10_000,
      step: 1,
      integer: true,
    },
    keyDistribution: {
      kind: "choice",
      label: "Key choice",
      description: "Uniform over all keys, or hot: 90% of writes go to 10% of the keys.",
      default: "uniform",
      options: ["uniform", "hot"],
    },
    failure: {
      kind: "choice",
      label: "Failure",
      description: "What fails: node 0, zone us-east-1a, or region us-east-1 (the writers' region).",
      default: "zone",
      options: ["none", "node", "zone", "region"],
    },
    failureAtMs: {
      kind: "number",
      label: "Failure at",
      description: "When the failure starts.",
      default: 1500,
      min: 0,
      max: 60_000,
      step: 100,
      unit: "ms",
    },
    failureDurationMs: {
      kind: "number",
      label: "Failure lasts",
      description: "How long the failure lasts (ignored if it never recovers).",
      default: 2000,
      min: 0,
      max: 3_600_000,
      step: 100,
      unit: "ms",
    },
    failureRecovers: {
      kind: "boolean",
      label: "Failed nodes come back",
      description: "Off: the failed instances are gone for good, with their ephemeral disks.",
      default: true,
    },
    hintedHandoff: {
      kind: "boolean",
      label: "Hinted handoff",
      description: "Coordinators keep writes for down replicas and replay them when they return.",
      default: true,
    },
    readRepair: {
      kind: "boolean",
      label: "Read repair",
      description: "A read that finds replicas disagreeing fixes the stale ones before answering.",
      default: true,
    },
    maxHintWindowMs: {
      kind: "number",
      label: "Max hint window",
      description: "No hints for a replica down longer than this (cassandra.yaml: 3 hours).",
      default: MAX_HINT_WINDOW_MS,
      min: 0,
      max: MAX_HINT_WINDOW_MS,
      step: 1000,
      unit: "ms",
    },
  },
  body: (params, extras) => runCassandraReplication(params, extras),
});
