import type { Cluster } from "../cluster/index.js";
import type { Handler, Simulation } from "../kernel/index.js";
import { GaugeSeries, Histogram, RateSeries } from "../metrics/index.js";
import type { Rng } from "../random/index.js";
import type { ReplayRecorder, SpanRecorder } from "../trace/index.js";
import type { Discovery } from "./discovery.js";
import type { EdgeRouter } from "./edge-router.js";
import { OUTCOMES } from "./outcome.js";
import {
  type Attempt,
  AttemptPool,
  type Call,
  CallPool,
  type CallRt,
  type Job,
  JobPool,
  type ServiceRt,
} from "./runtime.js";

/** The event handlers of an RpcSystem, registered once in a fixed order (see `RpcSystem`). */
export interface RpcHandlers {
  arrive: Handler<Attempt>;
  localDone: Handler<Job>;
  finishLater: Handler<Job>;
  respond: Handler<Attempt>;
  timeout: Handler<Attempt>;
  hedge: Handler<Attempt>;
  retry: Handler<Call>;
}

/**
 * The state an RpcSystem's parts share: the kernel, the cluster, the services, the edge's
 * measurements and the record pools. It holds no behaviour; each part (client load, edge
 * balancing, hangs, server jobs, calls, attempts) lives in a file of its own and reads this.
 */
export class RpcCore {
  readonly sim: Simulation;
  readonly cluster: Cluster;
  readonly services: readonly ServiceRt[];
  readonly calls: readonly CallRt[];
  readonly edge: ServiceRt;
  readonly discovery: Discovery;
  /** Whether clients see only their own region's instances (`RpcSpec.discoveryScope`). */
  readonly regionScoped: boolean;
  readonly edgeRouter: EdgeRouter | null;
  readonly tracer: SpanRecorder | null;
  /** Where a viewer's replay is recorded, if one was asked for (see `RpcSpec.replay`). */
  readonly replay: ReplayRecorder | null;
  /** The instance on each cluster node, so an answer can be drawn back to its caller's box. */
  replayNames = new Map<number, string>();
  readonly propagate: boolean;
  readonly binMs: number;
  /** Latency of every answered client request, in ms. */
  readonly edgeLatency = new Histogram();
  /** Client requests by final outcome code (see OUTCOMES). */
  readonly edgeOutcomes = new Float64Array(OUTCOMES.length);
  /**
   * Client requests answered ok but degraded: a fallback answered somewhere inside them. Counted
   * per request, so a request that got two fallbacks is one degraded request.
   */
  edgeDegraded = 0;
  readonly goodput: RateSeries;
  readonly edgeInFlight: GaugeSeries;
  edgeRequests = 0;
  readonly edgeDeadlineUs: number;
  readonly policyRng: Rng;
  readonly jobs = new JobPool();
  readonly callPool = new CallPool();
  readonly attemptPool = new AttemptPool();
  /** Set once by the RpcSystem's constructor, before any event runs. */
  h!: RpcHandlers;

  constructor(o: {
    sim: Simulation;
    cluster: Cluster;
    services: readonly ServiceRt[];
    calls: readonly CallRt[];
    edge: ServiceRt;
    discovery: Discovery;
    regionScoped: boolean;
    edgeRouter: EdgeRouter | null;
    tracer: SpanRecorder | null;
    replay: ReplayRecorder | null;
    propagate: boolean;
    binMs: number;
    edgeDeadlineUs: number;
    policyRng: Rng;
  }) {
    this.sim = o.sim;
    this.cluster = o.cluster;
    this.services = o.services;
    this.calls = o.calls;
    this.edge = o.edge;
    this.discovery = o.discovery;
    this.regionScoped = o.regionScoped;
    this.edgeRouter = o.edgeRouter;
    this.tracer = o.tracer;
    this.replay = o.replay;
    this.propagate = o.propagate;
    this.binMs = o.binMs;
    this.edgeDeadlineUs = o.edgeDeadlineUs;
    this.policyRng = o.policyRng;
    this.goodput = new RateSeries(o.binMs);
    this.edgeInFlight = new GaugeSeries(o.binMs);
  }
}
