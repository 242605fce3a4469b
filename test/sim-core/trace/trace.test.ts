import {
  EventLog,
  Simulation,
  type Span,
  SpanRecorder,
  topologyToMermaid,
  traceToMermaidSequence,
  traceToTimelineRows,
} from "sim-core";
import { describe, expect, it } from "vitest";

function span(o: Partial<Span>): Span {
  return {
    requestId: 0,
    spanId: 0,
    parentId: -1,
    caller: "client",
    callerInstance: "client",
    callee: "api",
    instance: "api-1",
    attempt: 1,
    hedge: false,
    startUs: 0,
    endUs: 1000,
    serverStartUs: 0,
    serverEndUs: 1000,
    outcome: "ok",
    callerGaveUp: false,
    ...o,
  };
}

describe("trace", () => {
  it("SpanRecorder samples the first `count` requests from `fromMs`", () => {
    const r = new SpanRecorder({ fromMs: 1, count: 2 });
    expect([r.sample(0, 0), r.sample(1, 1000), r.sample(2, 1500), r.sample(3, 2000)]).toEqual([
      false,
      true,
      true,
      false,
    ]);
    expect([r.has(1), r.has(3)]).toEqual([true, false]);
    const s = r.open({
      requestId: 1,
      parentId: -1,
      caller: "c",
      callerInstance: "c",
      callee: "a",
      instance: "a-1",
      attempt: 1,
      hedge: false,
      startUs: 5,
    });
    expect([s.spanId, s.outcome, s.endUs]).toEqual([0, "pending", -1]);
    expect(r.forRequest(1)).toEqual([s]);
  });

  it("new SpanRecorder(o) validates fromMs and count", () => {
    expect(() => new SpanRecorder({ fromMs: -1 })).toThrow("invalid trace.fromMs: -1");
    expect(() => new SpanRecorder({ count: 1.5 })).toThrow("invalid trace.count: 1.5");
  });

  it("EventLog.attach(sim) records events up to its limit and counts the rest", () => {
    const sim = new Simulation();
    const log = EventLog.attach(sim, 2);
    const tick = sim.handler("tick", () => {});
    for (let i = 1; i <= 3; i++) sim.schedule(i * 1000, tick, null);
    sim.run();
    expect(log.lines()).toEqual(["1 ms tick", "2 ms tick"]);
    expect(log.overflow).toBe(1);
    expect(() => EventLog.attach(sim, -1)).toThrow("invalid eventLog.limit: -1");
  });

  it("traceToMermaidSequence(spans) sanitises ids and marks work nobody waits for", () => {
    const text = traceToMermaidSequence([
      span({ endUs: 2500, serverEndUs: 2500 }),
      span({
        spanId: 1,
        parentId: 0,
        caller: "api",
        callerInstance: "api-1",
        callee: "db",
        instance: "db#1",
        startUs: 500,
        endUs: 1500,
        serverStartUs: 600,
        serverEndUs: 2000,
        outcome: "timeout",
        callerGaveUp: true,
      }),
    ]);
    expect(text).toBe(
      [
        "sequenceDiagram",
        "  participant client as client",
        "  participant api_1 as api-1",
        "  participant db_1 as db1",
        "  client->>api_1: attempt 1 @ 0 ms",
        "  api_1->>db_1: attempt 1 @ 0.5 ms",
        "  db_1--xapi_1: timeout @ 1.5 ms",
        "  Note over db_1: still working until 2 ms, nobody waiting",
        "  api_1-->>client: ok @ 2.5 ms",
      ].join("\n"),
    );
  });

  it("traceToTimelineRows(spans) gives ms bars relative to the first span, open spans to the end", () => {
    const rows = traceToTimelineRows(
      [span({}), span({ spanId: 1, startUs: 200, endUs: -1, serverStartUs: 300, serverEndUs: -1, outcome: "pending" })],
      5,
    );
    expect(rows.map((r) => [r.startMs, r.endMs, r.serverStartMs, r.serverEndMs, r.outcome])).toEqual([
      [0, 1, 0, 1, "ok"],
      [0.2, 5, 0.3, 5, "pending"],
    ]);
  });

  it("topologyToMermaid(t) draws services, zones, calls and failed instances", () => {
    const text = topologyToMermaid({
      services: [
        { name: "edge", instances: [{ name: "edge-1", zone: "us-east-1a" }], calls: ["deep"] },
        { name: "deep", instances: [{ name: "deep-1", zone: "us-east-1b" }], calls: [] },
      ],
      faulty: ["deep-1"],
    });
    expect(text.split("\n")).toEqual([
      "flowchart TB",
      "  client([client])",
      '  subgraph edge_svc["edge"]',
      "    direction TB",
      '    edge_1["edge-1<br/>us-east-1a"]',
      "  end",
      '  subgraph deep_svc["deep"]',
      "    direction TB",
      '    deep_1["deep-1<br/>us-east-1b"]',
      "  end",
      "  client --> edge_svc",
      "  edge_svc --> deep_svc",
      "  classDef failed fill:#fdd,stroke:#d62728,stroke-width:2px",
      "  class deep_1 failed",
    ]);
  });
});
