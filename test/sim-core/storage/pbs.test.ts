import {
  createRng,
  DEFAULT_NETWORK,
  distribution,
  kStaleness,
  LNKD_SSD_DELAY,
  Network,
  pbsStaleness,
  SimConfigError,
  standardTopology,
  WAN_REMOTE_DELAY_MS,
  WARS_MODELS,
  warsTrials,
} from "sim-core";
import { describe, expect, it } from "vitest";

const zero = { kind: "constant", value: 0 } as const;

describe("pbs", () => {
  it("kStaleness(n, r, w, k) is (C(n-w, r) / C(n, r))^k", () => {
    expect(kStaleness(3, 1, 1)).toBeCloseTo(2 / 3, 12);
    expect(kStaleness(3, 1, 1, 2)).toBeCloseTo(4 / 9, 12);
    expect(kStaleness(5, 2, 2)).toBeCloseTo(3 / 10, 12);
    expect(kStaleness(3, 2, 2)).toBe(0);
  });

  it("pbsStaleness at t = 0 matches the closed form when reads pick replicas uniformly", () => {
    // Writes arrive at exponential times, acks are instant, and read order is an iid draw: the W
    // replicas that committed the write are a uniform W-subset, the R read replicas an independent
    // uniform R-subset, so P(consistent at t = 0) = 1 - C(N-W, R)/C(N, R). At 200k trials the
    // binomial sd is at most 0.0012; 0.006 is five sd.
    for (const [n, r, w] of [
      [3, 1, 1],
      [3, 1, 2],
      [5, 2, 2],
      [5, 1, 3],
    ] as const) {
      const res = pbsStaleness({
        n,
        r,
        w,
        delays: { w: { kind: "exponential", mean: 5 }, a: zero, r: zero, s: { kind: "exponential", mean: 1 } },
        tMs: 0,
        trials: 200_000,
        seed: `closed-${n}${r}${w}`,
      });
      expect(Math.abs(res.pConsistent - (1 - kStaleness(n, r, w)))).toBeLessThan(0.006);
      expect(res.pConsistentClosedFormAtZero).toBeCloseTo(1 - kStaleness(n, r, w), 12);
    }
  });

  it("pbsStaleness(N, 1, 1) over t matches 1/N + (N-1)/N (1 - e^(-t/m)) for exponential writes", () => {
    // The replica read is uniform; if it is not the first to get the write, memorylessness makes
    // its lag behind the commit exponential with the same mean m. Tolerance as above, 5 sd.
    const m = 10;
    const ts = [0, 2, 5, 10, 30];
    const res = pbsStaleness({
      n: 3,
      r: 1,
      w: 1,
      delays: { w: { kind: "exponential", mean: m }, a: zero, r: zero, s: { kind: "exponential", mean: 1 } },
      tMs: ts,
      trials: 200_000,
      seed: 9,
    });
    res.curve.forEach(({ tMs, pConsistent }) => {
      expect(Math.abs(pConsistent - (1 / 3 + (2 / 3) * (1 - Math.exp(-tMs / m))))).toBeLessThan(0.006);
    });
  });

  it("pbsStaleness with R + W > N is always consistent, and curves never fall as t grows", () => {
    const res = pbsStaleness({
      n: 3,
      r: 2,
      w: 2,
      delays: WARS_MODELS["LNKD-DISK"],
      tMs: [0, 1],
      trials: 20_000,
      seed: 1,
    });
    expect(res.curve.map((c) => c.pConsistent)).toEqual([1, 1]);
    const weak = pbsStaleness({
      n: 3,
      r: 1,
      w: 1,
      delays: WARS_MODELS["LNKD-DISK"],
      tMs: [0, 1, 10, 100],
      trials: 20_000,
      seed: 1,
    });
    const ps = weak.curve.map((c) => c.pConsistent);
    expect(ps[0]).toBeLessThan(1);
    for (let i = 1; i < ps.length; i++) expect(ps[i]).toBeGreaterThanOrEqual(ps[i - 1] as number);
  });

  it("pbsStaleness write latency is the W-th fastest ack and read latency the R-th fastest response", () => {
    const c = (value: number) => ({ kind: "constant", value }) as const;
    const res = pbsStaleness({
      n: 3,
      r: 2,
      w: 3,
      delays: { w: c(2), a: c(3), r: c(1), s: c(4) },
      tMs: 0,
      trials: 5,
      seed: 1,
    });
    expect(res.writeLatencyMs.p50).toBe(5);
    expect(res.readLatencyMs.p999).toBe(5);
  });

  it("pbsStaleness with remote legs makes one replica local per operation, as the paper's WAN model", () => {
    // Local legs take 1 ms, remote ones 76 (shifted by 75). The write commits at 2 ms through its
    // local replica; the read asks its own local replica, which has the write at once if it is the
    // write's local one (chance 1/3, drawn per operation), else only at 76 ms: the read reaches
    // it at 2 + t + 1, so from t = 73 ms on every read is consistent. At 60k trials the binomial
    // sd of 1/3 is 0.0019; 0.008 is four sd.
    const one = { kind: "constant", value: 1 } as const;
    const far = { kind: "shifted", base: one, offset: 75 } as const;
    const res = pbsStaleness({
      n: 3,
      r: 1,
      w: 1,
      delays: { w: one, a: one, r: one, s: one, remote: { w: far, a: far, r: far, s: far } },
      tMs: [0, 72.9, 73],
      trials: 60_000,
      seed: "wan",
    });
    expect(res.writeLatencyMs.p999).toBe(2);
    expect(res.readLatencyMs.p999).toBe(2);
    expect(Math.abs(res.pConsistent - 1 / 3)).toBeLessThan(0.008);
    expect(res.curve[1]?.pConsistent).toBe(res.pConsistent);
    expect(res.curve[2]?.pConsistent).toBe(1);
    expect(res.tVisibilityMs.p999).toBe(73);
    expect(() =>
      pbsStaleness({
        ...{ n: 3, r: 1, w: 1, tMs: 0, trials: 10, seed: 1 },
        delays: { ...WARS_MODELS.WAN, remote: { w: zero, a: zero, r: zero, s: null as never } },
      }),
    ).toThrow(/pbs.delays.remote.s/);
  });

  it("Network carries the WAN model between regions: a local delay shifted by 75 ms", () => {
    // The store's coordinator sits in the client's region, so its messages to the other region's
    // replicas are the WAN model's remote legs. Mean of 20,000 draws: the LNKD-SSD delay has a
    // standard deviation under 0.3 ms, so the standard error is under 0.003 ms; 0.02 ms is plenty.
    const far = { kind: "shifted", base: LNKD_SSD_DELAY, offset: WAN_REMOTE_DELAY_MS } as const;
    const topology = standardTopology({ regions: 2, zonesPerRegion: 1, nodesPerZone: 1 });
    const net = new Network(topology, { ...DEFAULT_NETWORK, crossRegionMs: far }, createRng("wan-net"));
    expect(net.locality(0, 1)).toBe("crossRegion");
    const draws = Array.from({ length: 20_000 }, () => net.delayUs(0, 1) / 1000);
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(WAN_REMOTE_DELAY_MS);
    const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
    expect(Math.abs(mean - distribution(far).mean)).toBeLessThan(0.02);
  });

  it("pbsStaleness(o).tVisibilityMs is the 0.99 and 0.999 quantile of warsTrials(o)'s thresholds, at least 0", () => {
    for (const [model, trials] of [
      ["LNKD-DISK", 30_001],
      ["YMMR", 999],
      ["LNKD-SSD", 1],
    ] as const) {
      const o = { n: 3, r: 1, w: 1, delays: WARS_MODELS[model], trials, seed: `tvis-${model}` };
      const sorted = warsTrials(o).thresholdMs.sort();
      const at = (p: number) => Math.max(0, sorted[Math.max(0, Math.ceil(p * trials) - 1)] as number);
      expect(pbsStaleness({ ...o, tMs: 0 }).tVisibilityMs).toEqual({ p99: at(0.99), p999: at(0.999) });
    }
  });

  it("pbsStaleness is reproducible from its seed", () => {
    const run = () =>
      pbsStaleness({ n: 3, r: 1, w: 1, delays: WARS_MODELS.YMMR, tMs: [0, 5], trials: 5000, seed: "s" });
    expect(run()).toEqual(run());
  });

  it("pbsStaleness validators reject bad input", () => {
    const d = WARS_MODELS["LNKD-SSD"];
    const base = { n: 3, r: 1, w: 1, delays: d, tMs: 0, trials: 10, seed: 1 };
    expect(() => pbsStaleness({ ...base, r: 4 })).toThrow(/pbs.r/);
    expect(() => pbsStaleness({ ...base, trials: 0 })).toThrow(SimConfigError);
    expect(() => pbsStaleness({ ...base, tMs: [1, -1] })).toThrow(/pbs.tMs\[1\]/);
    expect(() =>
      pbsStaleness({ ...base, delays: { w: { kind: "normal", mean: 1, sd: 1 }, a: zero, r: zero, s: zero } }),
    ).toThrow(/pbs.delays.w/);
    expect(() => kStaleness(3, 1, 0)).toThrow(SimConfigError);
  });
});
