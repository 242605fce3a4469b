import { createCluster, replayCluster, standardTopology } from "../cluster/index.js";
import { SimConfigError } from "../errors/index.js";
import { MS_PER_S, msToUs, Simulation, usToMs } from "../kernel/index.js";
import { Histogram } from "../metrics/index.js";
import { createRng, exponentialGap, type Seed } from "../random/index.js";
import { CassandraStore, type ConsistencyLevel, type OpResult, TokenRing } from "../storage/index.js";
import {
  chooseKey,
  counts,
  customPlacement,
  finishCounts,
  HOT_KEY_SHARE,
  scheduleFailure,
  tally,
} from "./cassandra-replication-setup.js";
import { summarise } from "./cassandra-replication-summary.js";
import type {
  CassandraReplicationExtras,
  CassandraReplicationParams,
  CassandraReplicationResult,
  SeriesBin,
} from "./cassandra-replication-types.js";

export type {
  CassandraReplicationExtras,
  CassandraReplicationParams,
  CassandraReplicationResult,
  OpCounts,
  ReplicaPlacement,
  SeriesBin,
} from "./cassandra-replication-types.js";

/** Each acknowledged write also gets one probe read at one of these delays, in turn. */
export const PROBE_DELAYS_MS = [0, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000] as const;
/** Width of a time-series bin. */
const SERIES_BIN_MS = 250;
/** A guard against a runaway model; the default run needs about 20 000 events. */
const MAX_EVENTS = 20_000_000;

interface ReadArg {
  key: number;
  /** The acknowledged write this read checks: it is stale if it returns an older value. */
  writeId: number;
  probe: number;
}

/** The body of `cassandraReplication`: builds the cluster, drives the workload, counts outcomes. */
export function runCassandraReplication(
  p: CassandraReplicationParams & { seed: Seed },
  extras: Partial<CassandraReplicationExtras> = {},
): CassandraReplicationResult {
  const topology = standardTopology({
    regions: p.regions,
    zonesPerRegion: p.zonesPerRegion,
    nodesPerZone: p.nodesPerZone,
  });
  const perRegion = p.zonesPerRegion * p.nodesPerZone;
  if (p.rfPerRegion > perRegion) {
    throw new SimConfigError(
      "cassandraReplication.rfPerRegion",
      p.rfPerRegion,
      `an integer from 1 to ${perRegion} (each region has ${perRegion} nodes: add nodes or zones)`,
    );
  }
  const root = createRng(p.seed);
  const sim = new Simulation();
  const cluster = createCluster(sim, topology, root);
  if (extras.replay !== undefined) replayCluster(extras.replay.attach(sim), cluster);
  const dataCenters = Object.fromEntries(topology.regions.map((r) => [r.name, p.rfPerRegion]));
  const ring = TokenRing.random(topology.nodes.length, p.vnodes, root.fork("ring"), "cassandraReplication.ring");
  const store = new CassandraStore(
    cluster,
    {
      replication: { class: "NetworkTopologyStrategy", dataCenters },
      keyCount: p.keys,
      ring,
      hintedHandoff: p.hintedHandoff,
      readRepair: p.readRepair,
      maxHintWindowMs: p.maxHintWindowMs,
      placement: customPlacement(extras.placement, ring, topology, dataCenters),
    },
    root.fork("store"),
    "cassandraReplication",
  );
  const failure = scheduleFailure(cluster, p);
  const workload = root.fork("workload");
  // Client writes arrive as a Poisson process: exponential gaps with this mean.
  const meanGapMs = MS_PER_S / p.writeRatePerS;
  const writeLevel = p.writeLevel as ConsistencyLevel;
  const readLevel = p.readLevel as ConsistencyLevel;
  const readerRegion = p.readerRegion === "other" ? 1 % p.regions : 0;
  const hotKeys = Math.max(1, Math.round(p.keys * HOT_KEY_SHARE));

  const acked: { id: number; key: number }[] = [];
  const writes = counts();
  const reads = counts();
  const writeMs = new Histogram();
  const readMs = new Histogram();
  const probes = PROBE_DELAYS_MS.map((delayMs) => ({ delayMs, reads: 0, stale: 0, staleFraction: 0 }));
  const bins: SeriesBin[] = [];
  const bin = (timeUs: number): SeriesBin => {
    const i = Math.floor(timeUs / msToUs(SERIES_BIN_MS));
    while (bins.length <= i) {
      bins.push({
        timeMs: bins.length * SERIES_BIN_MS,
        writesOk: 0,
        writesFailed: 0,
        readsOk: 0,
        readsFailed: 0,
        readsStale: 0,
      });
    }
    return bins[i] as SeriesBin;
  };
  let staleReads = 0;
  let probeTurn = 0;
  const written = new Uint8Array(p.keys);

  const read = sim.handler("workload.read", ({ key, writeId, probe }: ReadArg) => {
    const startUs = sim.nowUs;
    store.read(key, readLevel, readerRegion, (r: OpResult) => {
      // Staleness as PBS defines it (t-visibility): did the read see this write or a newer one?
      const stale = r.ok && r.value < writeId;
      sim.fold(stale ? 3 : 4);
      if (probe >= 0) {
        const row = probes[probe];
        if (row !== undefined && r.ok) {
          row.reads++;
          if (stale) row.stale++;
        }
        return;
      }
      tally(reads, r);
      const b = bin(startUs);
      if (!r.ok) b.readsFailed++;
      else {
        b.readsOk++;
        readMs.record(usToMs(r.latencyUs));
        if (stale) {
          b.readsStale++;
          staleReads++;
        }
      }
    });
  });

  const write = sim.handler("workload.write", (_: null) => {
    const startUs = sim.nowUs;
    const key = chooseKey(workload.next(), workload.next(), p.keys, hotKeys, p.keyDistribution === "hot");
    written[key] = 1;
    store.write(key, writeLevel, 0, (r: OpResult) => {
      tally(writes, r);
      const b = bin(startUs);
      if (!r.ok) {
        b.writesFailed++;
        return;
      }
      b.writesOk++;
      writeMs.record(usToMs(r.latencyUs));
      acked.push({ id: r.value, key });
      sim.schedule(msToUs(p.readDelayMs), read, { key, writeId: r.value, probe: -1 });
      const probe = probeTurn++ % PROBE_DELAYS_MS.length;
      sim.schedule(msToUs(PROBE_DELAYS_MS[probe] as number), read, { key, writeId: r.value, probe });
    });
    const gapUs = msToUs(exponentialGap(meanGapMs, workload));
    if (sim.nowUs + gapUs < msToUs(p.durationMs)) sim.schedule(gapUs, write, null);
  });
  sim.schedule(msToUs(exponentialGap(meanGapMs, workload)), write, null);

  const stats = sim.run({ maxEvents: MAX_EVENTS });
  for (const row of probes) row.staleFraction = row.reads === 0 ? 0 : row.stale / row.reads;
  const outcomes = summarise(store, acked, p.keys);
  for (const v of [writes.ok, reads.ok, staleReads, outcomes.lostWrites, store.stats.hintsReplayed]) sim.fold(v);
  return {
    seed: p.seed,
    fingerprint: sim.fingerprint,
    writes: finishCounts(writes),
    reads: finishCounts(reads),
    writeLatencyMs: writeMs.summary(),
    readLatencyMs: readMs.summary(),
    staleReads,
    staleReadFraction: reads.ok === 0 ? 0 : staleReads / reads.ok,
    stalenessCurve: probes,
    series: bins,
    hints: {
      stored: store.stats.hintsStored,
      replayed: store.stats.hintsReplayed,
      skipped: store.stats.hintsSkipped,
      pendingAtEnd: store.handoff.hints.pending,
    },
    readRepairs: store.stats.readRepairs,
    failure,
    distinctKeysWritten: written.reduce((a, b) => a + b, 0),
    events: stats.eventsProcessed,
    endMs: stats.nowMs,
    ...outcomes,
  };
}
