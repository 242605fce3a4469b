// Lab 03's scenario checks for `npm run lab:margins`: the same driver runs and bounds as
// test/labs/03-cassandra-replication.test.ts, one seed at a time. The placement checks on rings
// compare with Cassandra's exact answer and have no margin to measure. The naive policy places
// replicas as SimpleStrategy would in each region (the next distinct nodes, blind to zones) and
// always reads and writes at ONE.
import { FAST_P99_MS, MIN_SUCCESS_SHARE } from "../../test/labs/03-cassandra-replication.bounds.js";
import { chooserOutcome, type NeedCase, placementOutage } from "../../test/labs/03-cassandra-replication.driver.js";
import type { Bound, LabMargins, MarginCheck } from "./measure.js";

type OutageRun = Awaited<ReturnType<typeof placementOutage>>;
type ChoiceRun = Awaited<ReturnType<typeof chooserOutcome>>;

const zoneOutage: MarginCheck<OutageRun> = {
  id: "placement-zone-outage",
  runs: async (lab, seed) => [await placementOutage(lab, { seed })],
  bounds: [
    {
      what: "QUORUM writes that succeeded (share)",
      kind: "min",
      limit: () => MIN_SUCCESS_SHARE,
      value: (r) => r.quorumWrites,
    },
    {
      what: "QUORUM reads that succeeded (share)",
      kind: "min",
      limit: () => MIN_SUCCESS_SHARE,
      value: (r) => r.quorumReads,
    },
    {
      what: "RF 2: acknowledged writes lost",
      kind: "max",
      limit: () => 0,
      value: (r) => r.rf2LostWrites,
      combine: "total",
    },
    { what: "RF 2: writes acknowledged", kind: "min", limit: () => 0, strict: true, value: (r) => r.rf2AckedWrites },
  ],
};

const succeeded: Bound<ChoiceRun>[] = [
  { what: "writes that succeeded (share)", kind: "min", limit: () => MIN_SUCCESS_SHARE, value: (r) => r.writes },
  { what: "reads that succeeded (share)", kind: "min", limit: () => MIN_SUCCESS_SHARE, value: (r) => r.reads },
];
const fresh: Bound<ChoiceRun> = {
  what: "stale reads",
  kind: "max",
  limit: () => 0,
  value: (r) => r.staleReads,
  combine: "total",
};

function choose(id: string, need: Omit<NeedCase, "seed">, bounds: Bound<ChoiceRun>[]): MarginCheck<ChoiceRun> {
  return { id, runs: async (lab, seed) => [await chooserOutcome(lab, { ...need, seed })], bounds };
}

/** Clockwise from the key's token, the next distinct nodes of each region, whatever their zone. */
function zoneBlindPlacement(
  ring: { token: number; node: number }[],
  nodes: { id: number; region: string }[],
  token: number,
  rfByRegion: Record<string, number>,
): number[] {
  const start = Math.max(
    0,
    ring.findIndex((t) => t.token >= token),
  );
  const taken: number[] = [];
  const left = { ...rfByRegion };
  for (let i = 0; i < ring.length; i++) {
    const node = ring[(start + i) % ring.length]?.node as number;
    const region = nodes[node]?.region ?? "";
    if (taken.includes(node) || !((left[region] ?? 0) > 0)) continue;
    taken.push(node);
    left[region] = (left[region] ?? 0) - 1;
  }
  return taken;
}

export const margins: LabMargins = {
  naive: {
    name: "naive",
    files: {
      "placement.ts": { placeReplicas: zoneBlindPlacement },
      "consistency.ts": { chooseConsistency: () => ({ writeLevel: "ONE", readLevel: "ONE" }) },
    },
    checks: ["placement-zone-outage", "choose-one-region", "choose-regions", "choose-fast"],
  },
  checks: [
    zoneOutage,
    choose("choose-one-region", { regions: 1, survive: "zone", readYourWrites: true }, [fresh, ...succeeded]),
    choose("choose-regions", { regions: 2, survive: "region", readYourWrites: true }, [fresh, ...succeeded]),
    choose("choose-fast", { regions: 2, survive: "zone", readYourWrites: false }, [
      ...succeeded,
      { what: "write p99 (ms)", kind: "max", strict: true, limit: () => FAST_P99_MS, value: (r) => r.writeMsP99 },
      { what: "read p99 (ms)", kind: "max", strict: true, limit: () => FAST_P99_MS, value: (r) => r.readMsP99 },
    ]),
  ],
};
