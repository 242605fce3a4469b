// What the replays of modules 1 and 2 show, checked against the results of the same runs.
import { decomposition, recordReplay, replayStateAt, shadowTraffic } from "sim-core";
import { describe, expect, it } from "vitest";

/** Every message kept, so counts can be compared with the run's own counters. */
const WHOLE = { maxItems: 10_000_000 };

describe("replays of modules 1 and 2", () => {
  it("a decomposition replay draws the most common request type's services, one group per service visit", () => {
    const params = { ...decomposition.presets.naive, requestsPerType: 20 };
    const { result, replay } = recordReplay(decomposition, params, 1, WHOLE);
    const home = result.monolith.requests.reduce((a, b) => (b.share > a.share ? b : a));
    expect(home.name).toBe("home");
    const groups = [...new Set(replay.nodes.map((n) => n.group))];
    // The clients, then each visit of a service (web, its calls, recommendations' loop to ratings) and the Oracle.
    expect(groups[0]).toBe("client");
    expect(groups).toContain("recommendations_1");
    expect(groups).toContain("ratings_1");
    expect(groups).toContain("oracle_db");
    // Every request the home page's clients sent is drawn leaving the clients.
    const sent = result.metrics.requests.find((r) => r.name === "home")?.requests;
    expect(replay.window.moves.filter((m) => m.from === 0 && m.kind === "request").length).toBe(sent);
    // The loop of twenty rating calls crosses the network once per title.
    const ratings = replay.nodes.findIndex((n) => n.group === "ratings_1");
    const toRatings = replay.window.moves.filter(
      (m) => replay.nodes[m.to]?.group === "ratings_1" && m.kind === "request",
    );
    expect(ratings).toBeGreaterThan(0);
    expect(toRatings.length).toBe(20 * (sent as number));
  });

  it("a decomposition replay shows the failed service's instances down from the start", () => {
    const { replay } = recordReplay(
      decomposition,
      { ...decomposition.presets.bounded, requestsPerType: 10, failure: "queue" },
      1,
    );
    // The queue module runs in the dvd service; its store stays up (a store fails only as a whole).
    const dvd = replay.nodes.map((n) => n.group.startsWith("dvd_") && n.group !== "dvd_db");
    expect(dvd.some(Boolean)).toBe(true);
    expect(replayStateAt(replay, 1).nodes.map((n) => n.status === "down")).toEqual(dvd);
  });

  it("the monolith's replay is one process and its Oracle: no call crosses between services", () => {
    const { replay } = recordReplay(
      decomposition,
      { ...decomposition.presets.asItWas, instances: 1, requestsPerType: 10 },
      1,
    );
    expect(replay.nodes.map((n) => n.group)).toEqual(["client", "monolith_1", "oracle_db"]);
  });

  it("a shadow-traffic replay draws every copy sent to the cloud, and every copy dropped at the primary", () => {
    const params = { ...shadowTraffic.presets.tooFastRamp, durationSec: 5 };
    const { result, replay } = recordReplay(shadowTraffic, params, 2, WHOLE);
    const at = (id: string) => replay.nodes.findIndex((n) => n.id === id);
    const [customers, primary, cloud] = [at("customers"), at("primary"), at("cloud")];
    const count = (from: number, to: number, kind: string) =>
      replay.window.moves.filter((m) => m.from === from && m.to === to && m.kind === kind).length;
    expect(count(primary, cloud, "request")).toBe(result.shadow.sent - result.shadow.dropped);
    expect(count(primary, cloud, "rejected")).toBe(result.shadow.dropped);
    expect(result.shadow.dropped).toBeGreaterThan(0);
    expect(count(cloud, primary, "ok")).toBe(result.shadow.ok);
    expect(count(customers, primary, "request")).toBe(result.primary.requests);
    expect(replay.nodes[cloud]?.workers).toBe(result.params.cloudWorkers);
  });

  it("a shadow-traffic replay shows a hanging cloud hung, and copies that end in timeouts", () => {
    const params = { ...shadowTraffic.presets.sendAndForget, cloud: "down", durationSec: 5 } as const;
    const { result, replay } = recordReplay(shadowTraffic, params, 2, WHOLE);
    const cloud = replay.nodes.findIndex((n) => n.id === "cloud");
    expect(replayStateAt(replay, 0).nodes[cloud]?.status).toBe("hung");
    const timeouts = replay.window.moves.filter((m) => m.from === cloud && m.kind === "timeout").length;
    expect(timeouts).toBe(result.shadow.timeouts);
    expect(timeouts).toBeGreaterThan(0);
  });
});
