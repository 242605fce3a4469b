import {
  createCluster,
  createRng,
  DEFAULT_NETWORK,
  Network,
  type NetworkSpec,
  SimConfigError,
  Simulation,
  standardTopology,
  Topology,
} from "sim-core";
import { describe, expect, it } from "vitest";

const constantNet: NetworkSpec = {
  sameZoneMs: { kind: "constant", value: 0.5 },
  crossZoneMs: { kind: "constant", value: 1 },
  crossRegionMs: { kind: "constant", value: 40 },
  lossRate: 0,
};

function twoRegions() {
  const topology = standardTopology({ regions: 2, zonesPerRegion: 2, nodesPerZone: 2 });
  const sim = new Simulation();
  const cluster = createCluster(sim, topology, createRng(1), constantNet);
  return { topology, sim, network: cluster.network, cluster };
}

describe("Topology", () => {
  it("Topology.from(spec) numbers nodes 0..n-1 in spec order", () => {
    const t = Topology.from({
      regions: [
        {
          name: "r1",
          zones: [
            { name: "z1", nodes: 2 },
            { name: "z2", nodes: 1 },
          ],
        },
        { name: "r2", zones: [{ name: "z3", nodes: 1 }] },
      ],
    });
    expect(t.nodes.map((n) => [n.id, n.zone, n.region, n.zoneIndex, n.regionIndex])).toEqual([
      [0, "z1", "r1", 0, 0],
      [1, "z1", "r1", 0, 0],
      [2, "z2", "r1", 1, 0],
      [3, "z3", "r2", 2, 1],
    ]);
    expect(t.nodesInZone("z1")).toEqual([0, 1]);
    expect(t.nodesInRegion("r1")).toEqual([0, 1, 2]);
    expect(t.regions.map((r) => r.zones)).toEqual([["z1", "z2"], ["z3"]]);
    expect(t.node(3).name).toBe("z3-n0");
  });

  it("Topology.from(spec) rejects bad specs naming the field", () => {
    expect(() => Topology.from({ regions: [] })).toThrow("invalid topology.regions: []");
    expect(() => Topology.from({ regions: [{ name: "", zones: [{ name: "z", nodes: 1 }] }] })).toThrow(
      "invalid topology.regions[0].name",
    );
    expect(() => Topology.from({ regions: [{ name: "r", zones: [{ name: "z", nodes: -1 }] }] })).toThrow(
      "invalid topology.regions[0].zones[0].nodes: -1 (allowed: an integer from 0 to 10000)",
    );
    expect(() => Topology.from({ regions: [{ name: "r", zones: [{ name: "z", nodes: 1.5 }] }] })).toThrow(
      SimConfigError,
    );
    expect(() =>
      Topology.from({
        regions: [
          {
            name: "r",
            zones: [
              { name: "z", nodes: 1 },
              { name: "z", nodes: 1 },
            ],
          },
        ],
      }),
    ).toThrow('invalid topology.regions[0].zones[1].name: "z" (allowed: a unique zone name)');
    expect(() => Topology.from({ regions: [{ name: "r", zones: [{ name: "z", nodes: 0 }] }] })).toThrow(
      "at least one node",
    );
  });

  it("topology lookups throw on unknown ids and names", () => {
    const t = standardTopology({});
    expect(() => t.node(3)).toThrow("invalid node: 3 (allowed: a node id from 0 to 2)");
    expect(() => t.nodesInZone("mars-1a")).toThrow('invalid zone: "mars-1a"');
    expect(() => t.nodesInRegion("mars-1")).toThrow('invalid region: "mars-1"');
  });

  it("standardTopology(o) uses AWS-like names", () => {
    const t = standardTopology({ regions: 3, zonesPerRegion: 3, nodesPerZone: 2 });
    expect(t.regions.map((r) => r.name)).toEqual(["us-east-1", "us-west-2", "eu-west-1"]);
    expect(t.zones.slice(0, 3).map((z) => z.name)).toEqual(["us-east-1a", "us-east-1b", "us-east-1c"]);
    expect(t.nodes.length).toBe(18);
  });

  it("standardTopology(o) validates each count", () => {
    expect(() => standardTopology({ regions: 0 })).toThrow("invalid standardTopology.regions: 0");
    expect(() => standardTopology({ zonesPerRegion: 7 })).toThrow("invalid standardTopology.zonesPerRegion: 7");
    expect(() => standardTopology({ nodesPerZone: Number.NaN })).toThrow("invalid standardTopology.nodesPerZone: NaN");
  });
});

describe("Network", () => {
  it("network.locality(a, b) distinguishes node, zone and region", () => {
    const { network } = twoRegions();
    // Nodes: 0,1 us-east-1a; 2,3 us-east-1b; 4,5 us-west-2a; 6,7 us-west-2b.
    expect(network.locality(0, 0)).toBe("sameNode");
    expect(network.locality(0, 1)).toBe("sameZone");
    expect(network.locality(0, 2)).toBe("crossZone");
    expect(network.locality(0, 4)).toBe("crossRegion");
  });

  it("network.delayUs(a, b) draws from the locality's distribution in integer µs", () => {
    const { network } = twoRegions();
    expect([network.delayUs(0, 0), network.delayUs(0, 1), network.delayUs(0, 2), network.delayUs(0, 4)]).toEqual([
      0, 500, 1000, 40000,
    ]);
  });

  it("network.delayUs(a, b) is deterministic per seed and integer", () => {
    const draw = (seed: number) => {
      const net = new Network(standardTopology({ regions: 2 }), DEFAULT_NETWORK, createRng(seed));
      return Array.from({ length: 20 }, (_, i) => net.delayUs(i % 6, (i + 1) % 6));
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
    for (const d of draw(7)) expect(Number.isInteger(d) && d >= 0).toBe(true);
  });

  it("DEFAULT_NETWORK puts cross-region near half of the 83 ms round trip", () => {
    const net = new Network(standardTopology({ regions: 2 }), DEFAULT_NETWORK, createRng(3));
    const draws = Array.from({ length: 2001 }, () => net.delayUs(0, 3)).sort((a, b) => a - b);
    // The lognormal's median is 41.5 ms; 2001 draws put the sample median within ~2% of it.
    expect(Math.abs((draws[1000] as number) / 1000 - 41.5)).toBeLessThan(1);
  });

  it("network.delayUs(a, b) loses about lossRate of messages", () => {
    const net = new Network(standardTopology({}), { ...constantNet, lossRate: 0.2 }, createRng(5));
    let lost = 0;
    for (let i = 0; i < 10_000; i++) if (net.delayUs(0, 1) < 0) lost++;
    // Binomial sd at n=1e4, p=0.2 is 40 messages; allow 5 sd.
    expect(Math.abs(lost - 2000)).toBeLessThan(200);
  });

  it("network.partition(a, b) blocks both ways until heal()", () => {
    const { network } = twoRegions();
    network.partition({ region: "us-east-1" }, { zone: "us-west-2a" });
    expect(network.delayUs(0, 4)).toBe(-1);
    expect(network.delayUs(4, 1)).toBe(-1);
    expect(network.delayUs(0, 6)).toBe(40000);
    expect(network.delayUs(0, 2)).toBe(1000);
    network.heal();
    expect(network.delayUs(0, 4)).toBe(40000);
  });

  it("network.partition(a, b) validates each side", () => {
    const { network } = twoRegions();
    expect(() => network.partition({}, { zone: "us-east-1a" })).toThrow("invalid partition.a: {}");
    expect(() => network.partition({ zone: "nowhere" }, { zone: "us-east-1a" })).toThrow(
      'invalid partition.a.zone: "nowhere"',
    );
    expect(() => network.partition({ zone: "us-east-1a" }, { region: "nowhere" })).toThrow(
      'invalid partition.b.region: "nowhere"',
    );
    expect(() => network.partition({ zone: "us-east-1a", region: "us-west-2" }, { zone: "us-east-1b" })).toThrow(
      "invalid partition.a.region",
    );
  });

  it("new Network(t, spec) validates the spec", () => {
    const t = standardTopology({});
    expect(() => new Network(t, { ...constantNet, lossRate: 1.5 }, createRng(1))).toThrow(
      "invalid network.lossRate: 1.5 (allowed: a number from 0 to 1)",
    );
    expect(
      () => new Network(t, { ...constantNet, sameZoneMs: { kind: "normal", mean: 1, sd: 1 } }, createRng(1)),
    ).toThrow("invalid network.sameZoneMs");
    expect(
      () => new Network(t, { ...constantNet, crossRegionMs: { kind: "exponential", mean: -1 } }, createRng(1)),
    ).toThrow("invalid network.crossRegionMs.mean: -1");
  });
});

describe("createCluster", () => {
  it('createCluster(sim, topology, rng) draws the network from rng.fork("network"), as scenarios always did', () => {
    const topology = standardTopology({ regions: 2 });
    const cluster = createCluster(new Simulation(), topology, createRng(9));
    const byHand = new Network(topology, DEFAULT_NETWORK, createRng(9).fork("network"));
    const other = new Network(topology, DEFAULT_NETWORK, createRng(9));
    const pairs = [0, 1, 2, 3, 6, 7].flatMap((from) => [1, 5, 8].map((to) => [from, to] as const));
    const delays = (net: Network) => pairs.map(([from, to]) => net.delayUs(from, to));
    const drawn = delays(cluster.network);
    expect(drawn).toEqual(delays(byHand));
    // The comparison above could not pass by accident: another stream gives other delays.
    expect(drawn).not.toEqual(delays(other));
  });
});

describe("Cluster", () => {
  it("cluster.fail(zone) downs every node of the zone and the network drops their messages", () => {
    const { cluster, network } = twoRegions();
    const changes: string[] = [];
    cluster.onChange((node, up) => changes.push(`${node}:${up}`));
    cluster.fail({ zone: "us-east-1b" });
    expect([0, 1, 2, 3].map((n) => cluster.isUp(n))).toEqual([true, true, false, false]);
    expect(network.delayUs(0, 2)).toBe(-1);
    expect(network.delayUs(3, 0)).toBe(-1);
    cluster.recover({ node: 3 });
    expect(network.delayUs(3, 0)).toBe(1000);
    expect(changes).toEqual(["2:false", "3:false", "3:true"]);
  });

  it("cluster.scheduleFaults(specs) fails and recovers on the clock", () => {
    const { cluster, sim } = twoRegions();
    const log: string[] = [];
    cluster.onChange((node, up) => log.push(`${sim.nowMs}ms ${node} ${up ? "up" : "down"}`));
    cluster.scheduleFaults([
      { target: { region: "us-west-2" }, atMs: 10, durationMs: 5 },
      { target: { node: 0 }, atMs: 12 },
    ]);
    sim.run();
    expect(log).toEqual([
      "10ms 4 down",
      "10ms 5 down",
      "10ms 6 down",
      "10ms 7 down",
      "12ms 0 down",
      "15ms 4 up",
      "15ms 5 up",
      "15ms 6 up",
      "15ms 7 up",
    ]);
    expect(cluster.isUp(0)).toBe(false);
  });

  it("cluster.scheduleFaults(specs) validates every spec before scheduling", () => {
    const { cluster, sim } = twoRegions();
    expect(() =>
      cluster.scheduleFaults([
        { target: { node: 0 }, atMs: 1 },
        { target: { node: 9 }, atMs: 1 },
      ]),
    ).toThrow("invalid faults[1].target.node: 9 (allowed: an integer from 0 to 7)");
    expect(sim.pending).toBe(0);
    expect(() => cluster.scheduleFaults([{ target: { zone: "x" }, atMs: 1 }])).toThrow(
      'invalid faults[0].target.zone: "x"',
    );
    expect(() => cluster.scheduleFaults([{ target: { region: "x" }, atMs: 1 }])).toThrow(
      'invalid faults[0].target.region: "x"',
    );
    expect(() => cluster.scheduleFaults([{ target: { node: 0 }, atMs: -1 }])).toThrow("invalid faults[0].atMs: -1");
    expect(() => cluster.scheduleFaults([{ target: { node: 0 }, atMs: 1, durationMs: Number.NaN }])).toThrow(
      "invalid faults[0].durationMs: NaN",
    );
    expect(() => cluster.scheduleFaults([{ target: {} as { node: number }, atMs: 1 }])).toThrow(
      "invalid faults[0].target",
    );
  });

  it("cluster faults change the simulation fingerprint", () => {
    const run = (node: number) => {
      const { cluster, sim } = twoRegions();
      cluster.scheduleFaults([{ target: { node }, atMs: 1 }]);
      sim.run();
      return sim.fingerprint;
    };
    expect(run(1)).toBe(run(1));
    expect(run(1)).not.toBe(run(2));
  });
});
