import { replication } from "sim-core";
import { expect } from "vitest";
import { gradedLab, shape } from "../../grader/lab.js";
import { FAST_P99_MS, MIN_SUCCESS_SHARE } from "./03-cassandra-replication.bounds.js";
import { type NeedCase, type RingCase, ringOf } from "./03-cassandra-replication.driver.js";

const lab = gradedLab("03-cassandra-replication");
const seeds = () => [...lab.seeds, ...lab.hiddenSeeds];
/** Placement is exact on any ring: public seeds, one drawn afresh per grading, hidden seeds. */
const placementSeeds = () => [...lab.seeds, ...lab.freshSeeds(1), ...lab.hiddenSeeds];

/** Cassandra's answer, computed here in the trusted process with sim-core's NetworkTopologyStrategy. */
function expected(c: RingCase): number[][] {
  const { topology, ring, tokens, rfByRegion } = ringOf(c);
  const rep = replication({ class: "NetworkTopologyStrategy", dataCenters: rfByRegion }, ring, topology);
  return tokens.map((t) => rep.replicas(t));
}

const answersShape = shape.object({ answers: shape.array(shape.array(shape.anything())) });

async function comparePlacements(
  drive: (name: string, input: unknown, s: typeof answersShape) => Promise<{ answers: unknown[][] }>,
  c: RingCase,
) {
  const { answers } = await drive("placements", c, answersShape);
  const want = expected(c);
  // Report the first token that differs, so the learner can reproduce it.
  const first = want.findIndex((w, i) => JSON.stringify(w) !== JSON.stringify(answers[i]));
  expect(first === -1 ? "all match" : { tokenIndex: first, replicas: answers[first] }).toEqual(
    first === -1 ? "all match" : { tokenIndex: first, replicas: want[first] },
  );
}

lab.check(
  "placement-one-region",
  {
    feedback:
      "placeReplicas must return Cassandra's replicas in walk order: start at the first token >= the key's, walk clockwise, one replica per zone first.",
  },
  async ({ drive }) => {
    for (const seed of placementSeeds()) {
      await comparePlacements(drive, {
        seed,
        regions: 1,
        zonesPerRegion: 3,
        nodesPerZone: 3,
        vnodes: 8,
        rfPerRegion: 3,
        tokens: 200,
      });
    }
  },
);

lab.check(
  "placement-regions-and-repeats",
  {
    feedback:
      "Each region gets its own replicas; with more replicas than zones, a zone takes a second copy only while RF - zones repeats remain.",
  },
  async ({ drive }) => {
    for (const seed of placementSeeds()) {
      await comparePlacements(drive, {
        seed,
        regions: 3,
        zonesPerRegion: 3,
        nodesPerZone: 2,
        vnodes: 4,
        rfPerRegion: 3,
        tokens: 100,
      });
      await comparePlacements(drive, {
        seed,
        regions: 1,
        zonesPerRegion: 2,
        nodesPerZone: 3,
        vnodes: 4,
        rfPerRegion: 4,
        tokens: 100,
      });
    }
  },
);

lab.check(
  "placement-zone-outage",
  {
    feedback:
      "With replicas spread over zones, losing one zone must leave a quorum of every key and a copy of every write.",
  },
  async ({ drive }) => {
    const outcome = shape.object({
      quorumWrites: shape.number(),
      quorumReads: shape.number(),
      rf2LostWrites: shape.integer(),
      rf2AckedWrites: shape.integer(),
    });
    for (const seed of seeds()) {
      const r = await drive("placementOutage", { seed }, outcome);
      expect(r.quorumWrites).toBeGreaterThanOrEqual(MIN_SUCCESS_SHARE);
      expect(r.quorumReads).toBeGreaterThanOrEqual(MIN_SUCCESS_SHARE);
      expect(r.rf2AckedWrites).toBeGreaterThan(0);
      expect(r.rf2LostWrites).toBe(0);
    }
  },
);

const choiceShape = shape.object({
  writeLevel: shape.string(),
  readLevel: shape.string(),
  writes: shape.number(),
  reads: shape.number(),
  staleReads: shape.integer(),
  writeMsP99: shape.number(),
  readMsP99: shape.number(),
});

async function outcomes(
  drive: (name: string, input: unknown, s: typeof choiceShape) => Promise<unknown>,
  need: Omit<NeedCase, "seed">,
) {
  const out = [];
  for (const seed of seeds())
    out.push((await drive("chooserOutcome", { ...need, seed }, choiceShape)) as ReturnType<typeof choiceShape.parse>);
  return out;
}

lab.check(
  "choose-one-region",
  {
    feedback:
      "One region, a zone down, no stale reads: which levels overlap (R + W > N) and still have enough live replicas?",
  },
  async ({ drive }) => {
    for (const r of await outcomes(drive, { regions: 1, survive: "zone", readYourWrites: true })) {
      expect({ levels: `${r.writeLevel}/${r.readLevel}`, staleReads: r.staleReads }).toEqual({
        levels: `${r.writeLevel}/${r.readLevel}`,
        staleReads: 0,
      });
      expect(r.writes).toBeGreaterThanOrEqual(MIN_SUCCESS_SHARE);
      expect(r.reads).toBeGreaterThanOrEqual(MIN_SUCCESS_SHARE);
    }
  },
);

lab.check(
  "choose-regions",
  {
    feedback:
      "Two regions, the clients' region down: a level that needs replicas in every region, or a majority of all, cannot be met.",
  },
  async ({ drive }) => {
    for (const r of await outcomes(drive, { regions: 2, survive: "region", readYourWrites: true })) {
      expect(r.staleReads).toBe(0);
      expect(r.writes).toBeGreaterThanOrEqual(MIN_SUCCESS_SHARE);
      expect(r.reads).toBeGreaterThanOrEqual(MIN_SUCCESS_SHARE);
    }
  },
);

lab.check(
  "choose-fast",
  {
    feedback: "When stale reads are acceptable, wait for as few replicas as possible: latency is the goal.",
  },
  async ({ drive }) => {
    for (const r of await outcomes(drive, { regions: 2, survive: "zone", readYourWrites: false })) {
      expect(r.writes).toBeGreaterThanOrEqual(MIN_SUCCESS_SHARE);
      expect(r.reads).toBeGreaterThanOrEqual(MIN_SUCCESS_SHARE);
      expect(r.writeMsP99).toBeLessThan(FAST_P99_MS);
      expect(r.readMsP99).toBeLessThan(FAST_P99_MS);
    }
  },
);
