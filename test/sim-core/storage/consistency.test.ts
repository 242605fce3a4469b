import { isMet, quorum, quorumsOverlap, requirement, SimConfigError } from "sim-core";
import { describe, expect, it } from "vitest";

const nts = { rfByRegion: [3, 3, 3], totalRf: 9, spec: { class: "NetworkTopologyStrategy" as const, dataCenters: {} } };

describe("consistency", () => {
  it("quorum(n) is floor(n/2)+1", () => {
    expect([1, 2, 3, 4, 5, 6, 9].map(quorum)).toEqual([1, 2, 2, 3, 3, 4, 5]);
  });

  it("quorumsOverlap(n, r, w) is r + w > n", () => {
    expect(quorumsOverlap(3, 2, 2)).toBe(true);
    expect(quorumsOverlap(3, 1, 3)).toBe(true);
    expect(quorumsOverlap(3, 1, 2)).toBe(false);
    expect(() => quorumsOverlap(3, 4, 1)).toThrow(SimConfigError);
  });

  it("requirement(level) counts replicas as Cassandra does over three regions of RF 3", () => {
    const block = (level: Parameters<typeof requirement>[0]) => requirement(level, nts, 1).blockFor;
    expect(
      ["ONE", "TWO", "THREE", "QUORUM", "LOCAL_ONE", "LOCAL_QUORUM", "EACH_QUORUM", "ALL"].map((l) =>
        block(l as never),
      ),
    ).toEqual([1, 2, 3, 5, 1, 2, 6, 9]);
    expect(requirement("LOCAL_QUORUM", nts, 1).perRegion).toEqual([0, 2, 0]);
    expect(requirement("EACH_QUORUM", nts, 1).perRegion).toEqual([2, 2, 2]);
  });

  it("isMet(req, counts) needs the local region for LOCAL_QUORUM and every region for EACH_QUORUM", () => {
    const local = requirement("LOCAL_QUORUM", nts, 0);
    expect(isMet(local, [2, 0, 0])).toBe(true);
    expect(isMet(local, [1, 3, 3])).toBe(false);
    const each = requirement("EACH_QUORUM", nts, 0);
    expect(isMet(each, [3, 3, 1])).toBe(false);
    expect(isMet(each, [2, 2, 2])).toBe(true);
    expect(isMet(requirement("QUORUM", nts, 0), [0, 2, 3])).toBe(true);
  });

  it("requirement(level) with SimpleStrategy uses the whole factor for local levels", () => {
    const simple = { rfByRegion: [0], totalRf: 3, spec: { class: "SimpleStrategy" as const, replicationFactor: 3 } };
    expect(requirement("LOCAL_QUORUM", simple, 0).blockFor).toBe(2);
    expect(requirement("EACH_QUORUM", simple, 0).blockFor).toBe(2);
  });

  it("requirement(level) rejects an unknown level", () => {
    expect(() => requirement("MOST" as never, nts, 0)).toThrow(/consistencyLevel/);
  });
});
