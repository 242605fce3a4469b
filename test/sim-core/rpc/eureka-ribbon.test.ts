import {
  Cluster,
  createRng,
  EUREKA_EVICTION_INTERVAL_MS,
  EUREKA_LEASE_EXPIRATION_S,
  EUREKA_REGISTRY_FETCH_S,
  EUREKA_RENEWAL_INTERVAL_S,
  EUREKA_RESPONSE_CACHE_UPDATE_MS,
  firstEvictionRunUs,
  leaseEndUs,
  Network,
  RIBBON_CIRCUIT_TRIP_MAX_TIMEOUT_S,
  RIBBON_CONNECT_TIMEOUT_MS,
  RIBBON_READ_TIMEOUT_MS,
  RIBBON_SERVER_LIST_REFRESH_MS,
  type RibbonSpec,
  RpcSystem,
  rpcResults,
  ServerStats,
  Simulation,
  Topology,
} from "sim-core";
import { describe, expect, it } from "vitest";

const zero = { kind: "constant", value: 0 } as const;
const CRASH_MS = 100_000;
const LOAD_MS = 700_000;

/**
 * edge → `mids` instances of mid, Eureka discovery, a Ribbon client at the edge; mid-1's node
 * dies at 100 s while clients send 20 requests per second until 700 s.
 */
function crashRun(seed: number, mids: number, ribbon: boolean | RibbonSpec) {
  const sim = new Simulation();
  const topology = Topology.from({ regions: [{ name: "r", zones: [{ name: "z", nodes: mids + 1 }] }] });
  const net = {
    sameZoneMs: { kind: "constant", value: 0.5 },
    crossZoneMs: zero,
    crossRegionMs: zero,
    lossRate: 0,
  } as const;
  const cluster = new Cluster(sim, topology, new Network(topology, net, createRng(seed).fork("net")));
  const rpc = new RpcSystem(
    sim,
    {
      edge: "edge",
      discovery: "eureka",
      services: [
        { name: "edge", instances: 1, serviceTimeMs: zero, nodes: [0], calls: [{ service: "mid", ribbon }] },
        { name: "mid", instances: mids, serviceTimeMs: zero, nodes: Array.from({ length: mids }, (_, i) => i + 1) },
      ],
    },
    createRng(seed),
    cluster,
  );
  cluster.scheduleFaults([{ target: { node: 1 }, atMs: CRASH_MS }]);
  rpc.startLoad({ ratePerSec: 20, durationMs: LOAD_MS });
  sim.run({ untilMs: LOAD_MS + 20_000 });
  const dead = rpc.services[1]?.instances[0];
  return { rpc, keepsMs: (dead?.lastAttemptUs ?? 0) / 1000 - CRASH_MS, sent: dead?.attemptsSent ?? 0 };
}

// How long the code's timers let a dead instance stay in a caller's list. Its last renewal came
// at most one renewal interval (30 s) before the crash; Lease.java's renew() adds the duration
// once and isExpired() adds it again, so the lease ends 2 × 90 s after that renewal. The
// eviction task runs every 60 s and finds it at its first run after that (strictly after).
// The server's read-only response cache is refreshed every 30 s, the client fetches the
// registry every 30 s, and Ribbon's PollingServerListUpdater refreshes its list every 30 s;
// each step waits at most one period for the one before it.
const LEASE_MS = 2 * EUREKA_LEASE_EXPIRATION_S * 1000;
const UPPER_MS =
  LEASE_MS +
  EUREKA_EVICTION_INTERVAL_MS +
  EUREKA_RESPONSE_CACHE_UPDATE_MS +
  EUREKA_REGISTRY_FETCH_S * 1000 +
  RIBBON_SERVER_LIST_REFRESH_MS;
const LOWER_MS = LEASE_MS - EUREKA_RENEWAL_INTERVAL_S * 1000;
/** The wiki's simple story: a 90 s lease and the next 30 s fetch. */
const NAIVE_MS = EUREKA_LEASE_EXPIRATION_S * 1000 + EUREKA_REGISTRY_FETCH_S * 1000;

describe("Eureka and Ribbon timing", () => {
  it("leaseEndUs(period) keeps a renewed lease 2 × 90 s after its last renewal (Lease.java's documented quirk)", () => {
    expect(leaseEndUs({ fromUs: 0, toUs: 100e6, phaseUs: 5e6 })).toBe(95e6 + 180e6);
    // Never renewed: lastUpdateTimestamp is the registration, so 90 s.
    expect(leaseEndUs({ fromUs: 50e6, toUs: 60e6, phaseUs: 50e6 })).toBe(50e6 + 90e6);
    // isExpired() uses a strict >: a lease ending exactly at a run waits for the next one.
    expect(firstEvictionRunUs(240e6)).toBe(300e6);
  });

  it("a dead instance keeps receiving calls for minutes, within the bound the code's timers allow", () => {
    expect([LOWER_MS, UPPER_MS, NAIVE_MS]).toEqual([150_000, 330_000, 120_000]);
    for (const seed of [1, 2, 3, 4]) {
      const { keepsMs } = crashRun(seed, 20, { serverBlackout: false });
      // Requests come every 50 ms on average, so the last call lands within a few gaps of removal.
      expect(keepsMs).toBeGreaterThan(LOWER_MS - 1000);
      expect(keepsMs).toBeLessThanOrEqual(UPPER_MS);
      expect(keepsMs).toBeGreaterThan(NAIVE_MS);
    }
  });

  it("Ribbon's server blackout sends the dead instance fewer calls, but not for a shorter time", () => {
    for (const seed of [1, 2]) {
      const plain = crashRun(seed, 20, { serverBlackout: false });
      const ribbon = crashRun(seed, 20, true);
      expect(ribbon.sent).toBeLessThan(plain.sent / 2);
      // A blackout lasts at most 30 s, so calls resume until the list drops the instance.
      expect(ribbon.keepsMs).toBeGreaterThan(LOWER_MS - RIBBON_CIRCUIT_TRIP_MAX_TIMEOUT_S * 1000);
      expect(ribbon.keepsMs).toBeLessThanOrEqual(UPPER_MS);
    }
  });

  it("self-preservation keeps a dead instance listed when renewals fall below 85% of those expected", () => {
    // 3 instances expect 6 renewals a minute; the threshold is (int) (3 × 2 × 0.85) = 5, and the
    // two survivors send 4, so lease expiration stops and the dead one is never evicted.
    const { keepsMs } = crashRun(1, 2, { serverBlackout: false });
    expect(keepsMs).toBeGreaterThan(LOAD_MS - CRASH_MS - 1000);
  });

  it("a Ribbon client retries once on the next server, with a 2 s connect timeout for a dead node", () => {
    const { rpc } = crashRun(1, 20, { serverBlackout: false });
    const r = rpcResults(rpc, LOAD_MS);
    // Every call to the dead instance was retried on another one and succeeded.
    expect(r.outcomes.error).toBe(0);
    expect(r.calls[0]?.retries).toBeGreaterThan(0);
    expect(r.latencyMs.max).toBeGreaterThanOrEqual(RIBBON_CONNECT_TIMEOUT_MS);
    expect(r.latencyMs.max).toBeLessThan(RIBBON_CONNECT_TIMEOUT_MS + 10);
    expect(RIBBON_READ_TIMEOUT_MS).toBe(5000);
  });

  it("ServerStats blacks a server out for 10, 20, then at most 30 s after 3, 4, 5+ connection failures", () => {
    const blackoutS = (failures: number) => {
      const s = new ServerStats(1);
      for (let i = 0; i < failures; i++) s.onFailure(0, 0);
      let t = 0;
      while (s.tripped(0, t * 1e6)) t++;
      return t;
    };
    expect([2, 3, 4, 5, 6, 20].map(blackoutS)).toEqual([0, 10, 20, 30, 30, 30]);
    const s = new ServerStats(1);
    for (let i = 0; i < 3; i++) s.onFailure(0, 0);
    s.onAnswer(0);
    expect(s.tripped(0, 1)).toBe(false);
  });
});
