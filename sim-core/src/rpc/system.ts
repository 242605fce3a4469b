import { type Cluster, createCluster, standardTopology } from "../cluster/index.js";
import { checkNumber, checkOneOf, SimConfigError } from "../errors/index.js";
import { type Handler, type Simulation, US_PER_MS } from "../kernel/index.js";
import type { Rng } from "../random/index.js";
import { SpanRecorder } from "../trace/index.js";
import { Attempts } from "./attempts.js";
import { buildRuntime } from "./build.js";
import { Calls } from "./calls.js";
import { ClientLoad } from "./client-load.js";
import { RpcCore } from "./core.js";
import { Discovery } from "./discovery.js";
import { EdgeBalancer } from "./edge-balancer.js";
import { DISCOVERY_SCOPES } from "./edge-router.js";
import { type HangFault, Hangs } from "./hang.js";
import { REPLAY_CLIENT, wireReplay } from "./replay-wiring.js";
import type { Attempt, Call, InstanceRt, Job, ServiceRt } from "./runtime.js";
import { ServerJobs } from "./server-jobs.js";
import type { RpcSpec } from "./spec.js";

/**
 * Services with instances on a cluster, calling each other with timeouts, retries, deadlines,
 * hedges, budgets and breakers, driven by a kernel `Simulation`. Event handlers are registered
 * once; per-request state lives in small records that are dropped when the request ends. The
 * work is done by parts of one job each: client load (`client-load.ts`), the edge's balancer
 * (`edge-balancer.ts`), hang faults (`hang.ts`), the server's jobs (`server-jobs.ts`), and the
 * client's calls (`calls.ts`) and their attempts (`attempts.ts`).
 *
 * @example
 * const sim = new Simulation();
 * const rpc = new RpcSystem(sim, { edge: "api", services: [{ name: "api", instances: 1, serviceTimeMs: { kind: "constant", value: 5 } }] }, createRng(1));
 * rpc.request(0); sim.run(); rpc.edgeLatency.max // 5
 */
export class RpcSystem extends RpcCore {
  private readonly load: ClientLoad;
  private readonly hangs: Hangs;
  private readonly clientHandler: Handler<null>;

  constructor(sim: Simulation, spec: RpcSpec, rng: Rng, cluster?: Cluster) {
    super(coreOptions(sim, spec, rng, cluster));
    const jobs = new ServerJobs(this);
    const calls = new Calls(this);
    const attempts = new Attempts(this);
    const edge = new EdgeBalancer(this, jobs);
    this.load = new ClientLoad(this, rng.fork("load"));
    this.hangs = new Hangs(this, jobs);
    jobs.calls = calls;
    calls.attempts = attempts;
    calls.jobs = jobs;
    attempts.calls = calls;
    this.cluster.onChange((node, up) => this.discovery.nodeChanged(node, up));
    // Handler numbers follow registration order and enter every run's fingerprint: keep the order.
    this.h = {
      arrive: sim.handler("rpc.arrive", (a: Attempt) =>
        jobs.deliver(this.jobs.take(a.requestId, a.instance, a, sim.nowUs, a.deadlineUs), a.span),
      ),
      localDone: sim.handler("rpc.localDone", (job: Job) => jobs.localDone(job)),
      finishLater: sim.handler("rpc.resume", (job: Job) => jobs.finishJob(job)),
      respond: sim.handler("rpc.respond", (a: Attempt) => attempts.onRespond(a)),
      timeout: sim.handler("rpc.timeout", (a: Attempt) => attempts.onTimeout(a)),
      hedge: sim.handler("rpc.hedge", (a: Attempt) => attempts.onHedge(a)),
      retry: sim.handler("rpc.retry", (call: Call) => {
        if (!call.done) attempts.sendAttempt(call, false);
      }),
    };
    this.clientHandler = sim.handler("client.request", () => edge.clientRequest());
    this.load.handler = sim.handler("client.load", () => this.load.onLoad());
    this.load.send = () => edge.clientRequest();
    this.hangs.hangHandler = sim.handler("rpc.hang", (h: HangFault) => this.hangs.onHang(h));
    this.hangs.unhangHandler = sim.handler("rpc.unhang", (inst: InstanceRt) => this.hangs.onUnhang(inst));
    for (const service of this.services) for (const inst of service.instances) jobs.makeStation(inst);
    spec.services.forEach((s, i) => {
      const service = this.services[i] as ServiceRt;
      const stopped = s.stoppedInstances ?? 0;
      for (let k = service.instances.length - stopped; k < service.instances.length; k++) {
        const node = (service.instances[k] as InstanceRt).node;
        this.discovery.neverStarted(node);
        this.cluster.fail({ node });
      }
    });
    if (this.replay !== null) {
      this.replayNames = wireReplay(this.replay, this.services, this.calls, this.edge, this.cluster);
    }
  }

  /** Sends one client request to the edge at virtual time `atMs` (default: now). */
  request(atMs?: number): void {
    const atUs =
      atMs === undefined
        ? this.sim.nowUs
        : Math.round(checkNumber("request.atMs", atMs, { min: this.sim.nowMs }) * US_PER_MS);
    this.sim.scheduleAt(atUs, this.clientHandler, null);
  }

  /**
   * Open-loop Poisson client load at `ratePerSec` from `fromMs` for `durationMs`, or until
   * `count` requests have been sent if that comes first.
   */
  startLoad(o: { ratePerSec: number; durationMs: number; fromMs?: number; count?: number }): void {
    this.load.start(o);
  }

  /**
   * Starts a stopped instance (see `ServiceSpec.stoppedInstances`) at `atMs`: its node comes up
   * and it registers with discovery, which carries it to clients with discovery's usual lag.
   */
  startInstance(service: string, index: number, atMs: number): void {
    const s = this.services.find((x) => x.name === service);
    if (s === undefined)
      throw new SimConfigError(
        "startInstance.service",
        service,
        `one of ${this.services.map((x) => x.name).join(", ")}`,
      );
    const inst =
      s.instances[checkNumber("startInstance.index", index, { min: 0, max: s.instances.length - 1, integer: true })];
    this.cluster.scheduleRecovery(
      { node: (inst as InstanceRt).node },
      checkNumber("startInstance.atMs", atMs, { min: this.sim.nowMs }),
    );
  }

  /** Makes one instance stop answering (a long GC pause, a hang) from `atMs`, for `durationMs` or for ever. */
  hang(service: string, instance: number, atMs: number, durationMs?: number): void {
    this.hangs.schedule(service, instance, atMs, durationMs);
  }
}

/** Validates the spec and builds the shared state, in the order the original constructor did. */
function coreOptions(
  sim: Simulation,
  spec: RpcSpec,
  rng: Rng,
  given?: Cluster,
): ConstructorParameters<typeof RpcCore>[0] {
  const cluster = given ?? createCluster(sim, standardTopology({}), rng);
  const binMs = checkNumber("rpc.seriesBinMs", spec?.seriesBinMs ?? 100, { min: 0, minExclusive: true });
  const built = buildRuntime(spec, cluster.topology, rng, binMs);
  const propagate = spec.deadlinePropagation ?? false;
  if (typeof propagate !== "boolean") throw new SimConfigError("rpc.deadlinePropagation", propagate, "true or false");
  const edgeDeadlineUs =
    spec.edgeDeadlineMs === undefined
      ? Infinity
      : Math.round(checkNumber("rpc.edgeDeadlineMs", spec.edgeDeadlineMs, { min: 0, minExclusive: true }) * US_PER_MS);
  const tracer = spec.trace === undefined ? null : new SpanRecorder(spec.trace);
  const replay = spec.replay?.attach(sim) ?? null;
  replay?.node(REPLAY_CLIENT, { label: "clients" });
  const policyRng = rng.fork("policy");
  const discovery = new Discovery(
    sim,
    built.services.map((s) => s.instances.map((i) => i.node)),
    built.services.length,
    spec.discovery ?? "instant",
    rng.fork("discovery"),
  );
  const regionScoped = checkOneOf("rpc.discoveryScope", spec.discoveryScope ?? "global", DISCOVERY_SCOPES) === "region";
  const edgeRouter = spec.edgeRouter ?? null;
  if (edgeRouter !== null && (typeof edgeRouter.route !== "function" || typeof edgeRouter.answered !== "function"))
    throw new SimConfigError("rpc.edgeRouter", edgeRouter, "an object with route() and answered() methods");
  return {
    sim,
    cluster,
    ...built,
    discovery,
    regionScoped,
    edgeRouter,
    tracer,
    replay,
    propagate,
    binMs,
    edgeDeadlineUs,
    policyRng,
  };
}
