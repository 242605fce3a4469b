// Trusted driver for lab 03: runs inside the lab runner next to the learner's module. It builds
// seeded rings, asks the learner's placement for replicas, and runs the cassandraReplication
// scenario with the learner's placement or levels. It returns plain data; the test file computes
// what is expected.
import {
  type ConsistencyLevel,
  cassandraReplication,
  createRng,
  type ReplicaPlacement,
  standardTopology,
  TokenRing,
} from "sim-core";

type Lab = { load(file: string): Promise<Record<string, unknown>> };

export interface RingCase {
  seed: number;
  regions: number;
  zonesPerRegion: number;
  nodesPerZone: number;
  vnodes: number;
  rfPerRegion: number;
  tokens: number;
}

/** The ring a case describes; the test file rebuilds the same ring from the same seed. */
export function ringOf(c: RingCase) {
  const topology = standardTopology({
    regions: c.regions,
    zonesPerRegion: c.zonesPerRegion,
    nodesPerZone: c.nodesPerZone,
  });
  const rng = createRng(c.seed);
  const ring = TokenRing.random(topology.nodes.length, c.vnodes, rng.fork("ring"));
  const tokenRng = rng.fork("tokens");
  const tokens = Array.from({ length: c.tokens }, () => -(2 ** 63) + tokenRng.next() * 2 ** 64);
  const rfByRegion = Object.fromEntries(topology.regions.map((r) => [r.name, c.rfPerRegion]));
  return { topology, ring, tokens, rfByRegion };
}

export async function placements(lab: Lab, input: RingCase): Promise<{ answers: number[][] }> {
  const { placeReplicas } = (await lab.load("placement.ts")) as { placeReplicas: ReplicaPlacement };
  const { topology, ring, tokens, rfByRegion } = ringOf(input);
  const nodes = topology.nodes.map((n) => ({ id: n.id, region: n.region, zone: n.zone }));
  const answers = tokens.map((token) => {
    // Fresh copies for every call: a placement that mutates its inputs cannot affect the next.
    const answer: unknown = placeReplicas(
      ring.entries(),
      nodes.map((n) => ({ ...n })),
      token,
      { ...rfByRegion },
    );
    return Array.isArray(answer) ? answer.map((x) => (typeof x === "number" ? x : Number.NaN)) : [];
  });
  return { answers };
}

export async function placementOutage(lab: Lab, input: { seed: number }) {
  const { placeReplicas } = (await lab.load("placement.ts")) as { placeReplicas: ReplicaPlacement };
  const zoneLost = { seed: input.seed, failure: "zone", failureRecovers: false, placement: placeReplicas } as const;
  const quorum = cassandraReplication.run({ ...zoneLost, writeLevel: "QUORUM", readLevel: "QUORUM" });
  const rf2 = cassandraReplication.run({ ...zoneLost, rfPerRegion: 2, writeLevel: "ONE", readLevel: "ONE" });
  return {
    quorumWrites: quorum.writes.availability,
    quorumReads: quorum.reads.availability,
    rf2LostWrites: rf2.lostWrites,
    rf2AckedWrites: rf2.ackedWrites,
  };
}

export interface NeedCase {
  seed: number;
  regions: number;
  survive: "zone" | "region";
  readYourWrites: boolean;
}

export async function chooserOutcome(lab: Lab, input: NeedCase) {
  const { chooseConsistency } = (await lab.load("consistency.ts")) as {
    chooseConsistency: (need: unknown) => { writeLevel: string; readLevel: string };
  };
  const choice = chooseConsistency({
    regions: input.regions,
    rfPerRegion: 3,
    survive: input.survive,
    readYourWrites: input.readYourWrites,
  });
  const writeLevel = String(choice?.writeLevel);
  const readLevel = String(choice?.readLevel);
  // The outage to survive: a zone that comes back after 2 s, or the clients' region, for good.
  const r = cassandraReplication.run({
    seed: input.seed,
    regions: input.regions,
    failure: input.survive,
    failureRecovers: input.survive === "zone",
    // The learner's levels are untrusted strings: run() validates them and names a bad one.
    writeLevel: writeLevel as ConsistencyLevel,
    readLevel: readLevel as ConsistencyLevel,
  });
  return {
    writeLevel,
    readLevel,
    writes: r.writes.availability,
    reads: r.reads.availability,
    staleReads: r.staleReads,
    writeMsP99: r.writeLatencyMs.p99,
    readMsP99: r.readLatencyMs.p99,
  };
}

/** The sim-core calls behind each export, with their parameters and seed, as a learner types them. */
export const reproduce = {
  placements: (input: RingCase) =>
    `placeReplicas(ring.entries(), nodes, token, rfByRegion) for ${input.tokens} tokens on standardTopology({ regions: ${input.regions}, zonesPerRegion: ${input.zonesPerRegion}, nodesPerZone: ${input.nodesPerZone} }), ring = TokenRing.random(nodeCount, ${input.vnodes}, createRng(${input.seed}).fork("ring")), ${input.rfPerRegion} replicas per region, tokens from createRng(${input.seed}).fork("tokens")`,
  placementOutage: (input: { seed: number }) =>
    `cassandraReplication.run({ seed: ${input.seed}, failure: "zone", failureRecovers: false, placement: placeReplicas, writeLevel: "QUORUM", readLevel: "QUORUM" }), and with rfPerRegion: 2, writeLevel: "ONE", readLevel: "ONE"`,
  chooserOutcome: (input: NeedCase) =>
    `chooseConsistency({ regions: ${input.regions}, rfPerRegion: 3, survive: "${input.survive}", readYourWrites: ${input.readYourWrites} }), then cassandraReplication.run({ seed: ${input.seed}, regions: ${input.regions}, failure: "${input.survive}", failureRecovers: ${input.survive === "zone"}, writeLevel, readLevel })`,
};
