import { createRng, replication, SimConfigError, TokenRing } from "sim-core";
import { describe, expect, it } from "vitest";

/** Two regions of three zones with two nodes each, ids in spec order. */
function topology() {
  const nodes: { region: string; zone: string }[] = [];
  for (const region of ["us-east-1", "eu-west-1"]) {
    for (const z of ["a", "b", "c"]) for (let i = 0; i < 2; i++) nodes.push({ region, zone: `${region}${z}` });
  }
  return { nodes };
}

describe("replication", () => {
  it("SimpleStrategy replicas(token) are the next distinct nodes clockwise", () => {
    const ring = TokenRing.fromEntries([
      { token: 0, node: 0 },
      { token: 10, node: 1 },
      { token: 20, node: 0 },
      { token: 30, node: 2 },
    ]);
    const nodes = [0, 1, 2].map(() => ({ region: "r", zone: "z" }));
    const rep = replication({ class: "SimpleStrategy", replicationFactor: 2 }, ring, { nodes });
    expect(rep.replicas(15)).toEqual([0, 2]);
    expect(rep.replicas(31)).toEqual([0, 1]);
  });

  it("NetworkTopologyStrategy puts one replica in each zone before repeating a zone", () => {
    const topo = topology();
    const ring = TokenRing.random(topo.nodes.length, 8, createRng(7));
    const rep = replication(
      { class: "NetworkTopologyStrategy", dataCenters: { "us-east-1": 3, "eu-west-1": 3 } },
      ring,
      topo,
    );
    const rng = createRng(8);
    for (let k = 0; k < 200; k++) {
      const replicas = rep.replicas(-(2 ** 63) + rng.next() * 2 ** 64);
      expect(replicas).toHaveLength(6);
      for (const region of ["us-east-1", "eu-west-1"]) {
        const zones = replicas
          .map((id) => topo.nodes[id])
          .filter((n) => n?.region === region)
          .map((n) => n?.zone);
        expect(new Set(zones).size).toBe(3);
      }
    }
  });

  it("NetworkTopologyStrategy with RF above the zone count repeats zones only after all are used", () => {
    const topo = topology();
    const ring = TokenRing.random(topo.nodes.length, 4, createRng(1));
    const rep = replication({ class: "NetworkTopologyStrategy", dataCenters: { "us-east-1": 4 } }, ring, topo);
    const replicas = rep.replicas(0);
    expect(replicas).toHaveLength(4);
    expect(new Set(replicas.map((id) => topo.nodes[id]?.zone)).size).toBe(3);
    expect(rep.rfByRegion).toEqual([4, 0]);
    expect(rep.totalRf).toBe(4);
  });

  it("NetworkTopologyStrategy follows Cassandra's walk: skip a seen rack while new racks remain", () => {
    // Ring order: n0 (zone a), n1 (zone a), n2 (zone b). RF 2 must pick n0 then n2, skipping n1.
    const ring = TokenRing.fromEntries([
      { token: 0, node: 0 },
      { token: 1, node: 1 },
      { token: 2, node: 2 },
    ]);
    const topo = {
      nodes: [
        { region: "r", zone: "a" },
        { region: "r", zone: "a" },
        { region: "r", zone: "b" },
      ],
    };
    const rep = replication({ class: "NetworkTopologyStrategy", dataCenters: { r: 2 } }, ring, topo);
    expect(rep.replicas(-1)).toEqual([0, 2]);
  });

  it("replication(spec) rejects impossible factors and unknown data centres", () => {
    const topo = topology();
    const ring = TokenRing.random(topo.nodes.length, 2, createRng(1));
    expect(() => replication({ class: "SimpleStrategy", replicationFactor: 13 }, ring, topo)).toThrow(SimConfigError);
    expect(() =>
      replication({ class: "NetworkTopologyStrategy", dataCenters: { "us-east-1": 7 } }, ring, topo),
    ).toThrow(/dataCenters.us-east-1/);
    expect(() => replication({ class: "NetworkTopologyStrategy", dataCenters: { mars: 1 } }, ring, topo)).toThrow(
      /mars/,
    );
    expect(() => replication({ class: "NetworkTopologyStrategy", dataCenters: {} }, ring, topo)).toThrow(
      /at least one/,
    );
    expect(() => replication({ class: "Other" } as never, ring, topo)).toThrow(/replication.class/);
  });
});
