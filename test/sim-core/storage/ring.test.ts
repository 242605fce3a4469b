import { createRng, SimConfigError, TokenRing } from "sim-core";
import { describe, expect, it } from "vitest";

describe("TokenRing", () => {
  it("ring.primary(token) is the owner of the first token at or after it, wrapping", () => {
    const ring = TokenRing.fromEntries([
      { token: 100, node: 1 },
      { token: -50, node: 0 },
      { token: 500, node: 2 },
    ]);
    expect(Array.from(ring.tokens)).toEqual([-50, 100, 500]);
    expect([ring.primary(-60), ring.primary(-50), ring.primary(0), ring.primary(100), ring.primary(501)]).toEqual([
      0, 0, 1, 1, 0,
    ]);
  });

  it("TokenRing.evenlySpaced(n).ownership() gives each node 1/n", () => {
    expect(TokenRing.evenlySpaced(4).ownership()).toEqual([0.25, 0.25, 0.25, 0.25]);
  });

  it("TokenRing.random(n, vnodes, rng) is reproducible from the seed and balances with many vnodes", () => {
    const a = TokenRing.random(6, 256, createRng(3));
    const b = TokenRing.random(6, 256, createRng(3));
    expect(Array.from(a.tokens)).toEqual(Array.from(b.tokens));
    const shares = a.ownership();
    expect(shares.reduce((x, y) => x + y, 0)).toBeCloseTo(1, 12);
    // With 256 random tokens a node's share has a relative sd near 1/sqrt(256) = 6%; 25% is >4 sd.
    for (const s of shares) expect(Math.abs(s - 1 / 6) / (1 / 6)).toBeLessThan(0.25);
  });

  it("TokenRing.random with one token per node leaves ownership uneven", () => {
    const shares = TokenRing.random(6, 1, createRng(3)).ownership();
    expect(Math.max(...shares) / Math.min(...shares)).toBeGreaterThan(2);
  });

  it("TokenRing validators reject bad input", () => {
    expect(() => TokenRing.random(0, 4, createRng(1))).toThrow(SimConfigError);
    expect(() => TokenRing.random(3, 0, createRng(1))).toThrow(/ring.vnodes/);
    expect(() => TokenRing.fromEntries([])).toThrow(SimConfigError);
    expect(() =>
      TokenRing.fromEntries([
        { token: 1, node: 0 },
        { token: 1, node: 1 },
      ]),
    ).toThrow(/token/);
    expect(() => TokenRing.evenlySpaced(1.5)).toThrow(SimConfigError);
  });
});
