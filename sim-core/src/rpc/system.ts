import { Cluster, DEFAULT_NETWORK, Network, standardTopology } from "../cluster/index.js";
import { checkNumber, SimConfigError } from "../errors/index.js";
import { type Handler, type Simulation, US_PER_MS } from "../kernel/index.js";
import { GaugeSeries, Histogram, RateSeries } from "../metrics/index.js";
import type { Rng } from "../random/index.js";
import { type ReplayRecorder, SpanRecorder } from "../trace/index.js";
import { buildRuntime } from "./build.js";
import { Discovery } from "./discovery.js";
import { OUTCOMES, type Outcome, outcomeCode } from "./outcome.js";
import { type CallDecision, checkDecision } from "./policy.js";
import { answerKind, REPLAY_CLIENT, wireReplay } from "./replay-wiring.js";
import {
  ANSWERED,
  type Attempt,
  AttemptPool,
  type Call,
  CallPool,
  type CallRt,
  ClientRt,
  GAVE_UP,
  type InstanceRt,
  type Job,
  JobPool,
  PENDING,
  type ServiceRt,
} from "./runtime.js";
import type { RpcSpec } from "./spec.js";
import { Station } from "./station.js";

/** A guard against a policy that retries forever. */
const MAX_ATTEMPTS = 100;

/**
 * Services with instances on a cluster, calling each other with timeouts, retries, deadlines,
 * hedges, budgets and breakers, driven by a kernel `Simulation`. Event handlers are registered
 * once; per-request state lives in small records that are dropped when the request ends.
 *
 * @example
 * const sim = new Simulation();
 * const rpc = new RpcSystem(sim, { edge: "api", services: [{ name: "api", instances: 1, serviceTimeMs: { kind: "constant", value: 5 } }] }, createRng(1));
 * rpc.request(0); sim.run(); rpc.edgeLatency.max // 5
 */
export class RpcSystem {
  readonly sim: Simulation;
  readonly cluster: Cluster;
  readonly services: readonly ServiceRt[];
  readonly calls: readonly CallRt[];
  readonly edge: ServiceRt;
  readonly discovery: Discovery;
  readonly tracer: SpanRecorder | null;
  /** Where a viewer's replay is recorded, if one was asked for (see `RpcSpec.replay`). */
  readonly replay: ReplayRecorder | null;
  private replayNames = new Map<number, string>();
  readonly propagate: boolean;
  readonly binMs: number;
  /** Latency of every answered client request, in ms. */
  readonly edgeLatency = new Histogram();
  /** Client requests by final outcome code (see OUTCOMES). */
  readonly edgeOutcomes = new Float64Array(OUTCOMES.length);
  readonly goodput: RateSeries;
  readonly edgeInFlight: GaugeSeries;
  edgeRequests = 0;
  private readonly edgeDeadlineUs: number;
  private readonly policyRng: Rng;
  private readonly loadRng: Rng;
  private readonly jobs = new JobPool();
  private readonly callPool = new CallPool();
  private readonly attemptPool = new AttemptPool();
  private nextRequestId = 0;
  private edgeTurn = 0;
  private loadEndUs = 0;
  private loadMeanGapUs = 0;
  private loadLeft = Infinity;
  private readonly hArrive: Handler<Attempt>;
  private readonly hLocalDone: Handler<Job>;
  private readonly hFinishLater: Handler<Job>;
  private readonly hRespond: Handler<Attempt>;
  private readonly hTimeout: Handler<Attempt>;
  private readonly hHedge: Handler<Attempt>;
  private readonly hRetry: Handler<Call>;
  private readonly hClient: Handler<null>;
  private readonly hLoad: Handler<null>;
  private readonly hHang: Handler<{ instance: InstanceRt; untilUs: number }>;
  private readonly hUnhang: Handler<InstanceRt>;

  constructor(sim: Simulation, spec: RpcSpec, rng: Rng, cluster?: Cluster) {
    this.sim = sim;
    this.cluster =
      cluster ??
      new Cluster(sim, standardTopology({}), new Network(standardTopology({}), DEFAULT_NETWORK, rng.fork("network")));
    this.binMs = checkNumber("rpc.seriesBinMs", spec?.seriesBinMs ?? 100, { min: 0, minExclusive: true });
    const built = buildRuntime(spec, this.cluster.topology, rng, this.binMs);
    this.services = built.services;
    this.calls = built.calls;
    this.edge = built.edge;
    this.propagate = spec.deadlinePropagation ?? false;
    if (typeof this.propagate !== "boolean")
      throw new SimConfigError("rpc.deadlinePropagation", this.propagate, "true or false");
    this.edgeDeadlineUs =
      spec.edgeDeadlineMs === undefined
        ? Infinity
        : Math.round(
            checkNumber("rpc.edgeDeadlineMs", spec.edgeDeadlineMs, { min: 0, minExclusive: true }) * US_PER_MS,
          );
    this.tracer = spec.trace === undefined ? null : new SpanRecorder(spec.trace);
    this.replay = spec.replay?.attach(sim) ?? null;
    this.replay?.node(REPLAY_CLIENT, { label: "clients" });
    this.goodput = new RateSeries(this.binMs);
    this.edgeInFlight = new GaugeSeries(this.binMs);
    this.policyRng = rng.fork("policy");
    this.loadRng = rng.fork("load");
    this.discovery = new Discovery(
      sim,
      this.services.map((s) => s.instances.map((i) => i.node)),
      this.services.length,
      spec.discovery ?? "instant",
      rng.fork("discovery"),
    );
    this.cluster.onChange((node, up) => this.discovery.nodeChanged(node, up));
    this.hArrive = sim.handler("rpc.arrive", (a: Attempt) =>
      this.deliver(this.jobs.take(a.requestId, a.instance, a, sim.nowUs, a.deadlineUs), a.span),
    );
    this.hLocalDone = sim.handler("rpc.localDone", (job: Job) => this.localDone(job));
    this.hFinishLater = sim.handler("rpc.resume", (job: Job) => this.finishJob(job));
    this.hRespond = sim.handler("rpc.respond", (a: Attempt) => this.onRespond(a));
    this.hTimeout = sim.handler("rpc.timeout", (a: Attempt) => this.onTimeout(a));
    this.hHedge = sim.handler("rpc.hedge", (a: Attempt) => this.onHedge(a));
    this.hRetry = sim.handler("rpc.retry", (call: Call) => {
      if (!call.done) this.sendAttempt(call, false);
    });
    this.hClient = sim.handler("client.request", () => this.clientRequest());
    this.hLoad = sim.handler("client.load", () => this.onLoad());
    this.hHang = sim.handler("rpc.hang", (h: { instance: InstanceRt; untilUs: number }) => {
      h.instance.hungUntilUs = h.untilUs;
      this.replay?.health(h.instance.name, "hung");
      if (h.untilUs !== Infinity) sim.scheduleAt(h.untilUs, this.hUnhang, h.instance);
    });
    this.hUnhang = sim.handler("rpc.unhang", (inst: InstanceRt) => {
      this.replay?.health(inst.name, "up");
      const parked = inst.parked.splice(0);
      for (const job of parked) this.admit(job);
    });
    for (const service of this.services) for (const inst of service.instances) this.makeStation(inst);
    if (this.replay !== null) {
      this.replayNames = wireReplay(this.replay, this.services, this.calls, this.edge, this.cluster);
    }
  }

  private makeStation(inst: InstanceRt): void {
    const spec = inst.service;
    const sim = this.sim;
    inst.station = new Station<Job>(sim, {
      name: inst.name,
      servers: spec.workers,
      queueCapacity: spec.queueCapacity,
      serviceTimeUs: () => 0,
      onDone: () => {},
      seriesBinMs: this.binMs,
      onStart: (job) => {
        job.startUs = sim.nowUs;
        if (job.span !== null) job.span.serverStartUs = sim.nowUs;
        const ms = spec.drawServiceMs(spec.rng);
        sim.schedule(Math.round(ms * US_PER_MS), this.hLocalDone, job);
      },
      admit: (job) => !(this.propagate && sim.nowUs >= job.deadlineUs),
      onDrop: (job) => this.dropExpired(job),
      replay: this.replay,
      replayGroup: spec.name,
    });
  }

  /** Sends one client request to the edge at virtual time `atMs` (default: now). */
  request(atMs?: number): void {
    const atUs =
      atMs === undefined
        ? this.sim.nowUs
        : Math.round(checkNumber("request.atMs", atMs, { min: this.sim.nowMs }) * US_PER_MS);
    this.sim.scheduleAt(atUs, this.hClient, null);
  }

  /**
   * Open-loop Poisson client load at `ratePerSec` from `fromMs` for `durationMs`, or until
   * `count` requests have been sent if that comes first.
   */
  startLoad(o: { ratePerSec: number; durationMs: number; fromMs?: number; count?: number }): void {
    this.loadLeft = o.count === undefined ? Infinity : checkNumber("load.count", o.count, { min: 0, integer: true });
    const rate = checkNumber("load.ratePerSec", o.ratePerSec, { min: 0, minExclusive: true, max: 1e7 });
    const fromUs = Math.round(
      checkNumber("load.fromMs", o.fromMs ?? this.sim.nowMs, { min: this.sim.nowMs }) * US_PER_MS,
    );
    this.loadEndUs = fromUs + Math.round(checkNumber("load.durationMs", o.durationMs, { min: 0 }) * US_PER_MS);
    this.loadMeanGapUs = 1e6 / rate;
    this.sim.scheduleAt(fromUs, this.hLoad, null);
  }

  /** Makes one instance stop answering (a long GC pause, a hang) from `atMs`, for `durationMs` or for ever. */
  hang(service: string, instance: number, atMs: number, durationMs?: number): void {
    const s = this.services.find((x) => x.name === service);
    if (s === undefined)
      throw new SimConfigError("hang.service", service, `one of ${this.services.map((x) => x.name).join(", ")}`);
    const inst = s.instances[
      checkNumber("hang.instance", instance, { min: 0, max: s.instances.length - 1, integer: true })
    ] as InstanceRt;
    const atUs = Math.round(checkNumber("hang.atMs", atMs, { min: this.sim.nowMs }) * US_PER_MS);
    const untilUs =
      durationMs === undefined
        ? Infinity
        : atUs + Math.round(checkNumber("hang.durationMs", durationMs, { min: 0 }) * US_PER_MS);
    this.sim.scheduleAt(atUs, this.hHang, { instance: inst, untilUs });
  }

  private onLoad(): void {
    if (this.loadLeft <= 0) return;
    this.loadLeft--;
    this.clientRequest();
    const gap = Math.round(-this.loadMeanGapUs * Math.log(1 - this.loadRng.next()));
    if (this.sim.nowUs + gap < this.loadEndUs) this.sim.schedule(gap, this.hLoad, null);
  }

  private clientRequest(): void {
    const now = this.sim.nowUs;
    const id = this.nextRequestId++;
    this.edgeRequests++;
    this.edgeInFlight.add(now, 1);
    const instances = this.edge.instances;
    // The external load balancer health-checks: it skips instances on nodes that are down.
    let inst: InstanceRt | undefined;
    for (let k = 0; k < instances.length && inst === undefined; k++) {
      const candidate = instances[(this.edgeTurn + k) % instances.length] as InstanceRt;
      if (this.cluster.isUp(candidate.node)) inst = candidate;
    }
    this.edgeTurn = (this.edgeTurn + 1) % instances.length;
    const deadline = this.edgeDeadlineUs === Infinity || !this.propagate ? Infinity : now + this.edgeDeadlineUs;
    const target = inst ?? (instances[0] as InstanceRt);
    const tracer = this.tracer;
    const span =
      tracer?.sample(id, now) === true
        ? tracer.open({
            requestId: id,
            parentId: -1,
            caller: "client",
            callerInstance: "client",
            callee: this.edge.name,
            instance: target.name,
            attempt: 1,
            hedge: false,
            startUs: now,
          })
        : null;
    const job = this.jobs.take(id, target, null, now, deadline);
    this.replay?.move(REPLAY_CLIENT, target.name, 0, "request");
    if (inst === undefined) {
      job.span = span;
      this.reply(job, "rejected");
      this.jobs.give(job);
      return;
    }
    this.deliver(job, span);
  }

  private deliver(job: Job, span: Job["span"]): void {
    job.span = span;
    const inst = job.instance;
    const stats = inst.service.stats;
    stats.arrivals++;
    stats.inFlight.add(this.sim.nowUs, 1);
    if (this.sim.nowUs < inst.hungUntilUs) {
      inst.parked.push(job);
      return;
    }
    this.admit(job);
  }

  private admit(job: Job): void {
    if (this.propagate && this.sim.nowUs >= job.deadlineUs) {
      this.dropExpired(job);
      return;
    }
    if (!job.instance.station.submit(job)) {
      const stats = job.instance.service.stats;
      stats.rejected++;
      stats.inFlight.add(this.sim.nowUs, -1);
      this.reply(job, "rejected");
      this.jobs.give(job);
    }
  }

  private dropExpired(job: Job): void {
    const stats = job.instance.service.stats;
    stats.droppedExpired++;
    stats.inFlight.add(this.sim.nowUs, -1);
    if (job.attempt === null) this.reply(job, "timeout");
    else this.attemptPool.drop(job.attempt); // no answer will be sent: the message ends here
    this.jobs.give(job);
  }

  private localDone(job: Job): void {
    const inst = job.instance;
    if (this.sim.nowUs < inst.hungUntilUs) {
      if (inst.hungUntilUs !== Infinity) this.sim.scheduleAt(inst.hungUntilUs, this.hLocalDone, job);
      return;
    }
    const service = inst.service;
    if (service.errorRate > 0 && service.rng.next() < service.errorRate) job.failed = true;
    this.runStage(job);
  }

  private runStage(job: Job): void {
    const stages = job.instance.service.stages;
    if (job.failed || job.stage >= stages.length) {
      this.finishJob(job);
      return;
    }
    const group = stages[job.stage] as CallRt[];
    job.pending = group.length;
    for (const rt of group) this.startCall(job, rt);
  }

  private startCall(job: Job, rt: CallRt): void {
    const inst = job.instance;
    let client = inst.clients[rt.id];
    if (client === undefined) {
      client = new ClientRt(
        rt,
        rt.makeBalancer(),
        rt.makeBreaker?.() ?? null,
        rt.makeBudget?.() ?? null,
        this.policyRng,
      );
      inst.clients[rt.id] = client;
    }
    const call = this.callPool.take(job, client, this.sim.nowUs);
    client.budget?.deposit(this.sim.nowUs);
    const d = this.decide(call);
    call.nextTimeoutUs = Math.max(1, Math.round(d.timeoutMs * US_PER_MS));
    this.sendAttempt(call, false);
  }

  private decide(call: Call): CallDecision {
    const rt = call.client.call;
    const now = this.sim.nowUs;
    const deadline = call.job.deadlineUs;
    const d = rt.policy.decide({
      attempt: call.attempts + 1,
      remainingMs: deadline === Infinity ? Infinity : (deadline - now) / US_PER_MS,
      elapsedMs: (now - call.startUs) / US_PER_MS,
      lastOutcome: call.lastOutcome,
      instancesTried: call.tried,
      lastBackoffMs: call.lastBackoffMs,
      rng: this.policyRng,
      hop: rt.hop,
      callee: rt.to.name,
    });
    return checkDecision(d, rt.path);
  }

  private sendAttempt(call: Call, hedge: boolean): void {
    const client = call.client;
    const rt = client.call;
    const job = call.job;
    const now = this.sim.nowUs;
    const remainingUs = job.deadlineUs - now;
    if (this.propagate && remainingUs <= 0) {
      if (call.outstanding === 0) this.finishCall(call, "timeout");
      return;
    }
    let candidates = this.discovery.view(rt.from.id, rt.to.id);
    if (candidates.length === 0) {
      if (call.outstanding === 0) this.finishCall(call, "rejected");
      return;
    }
    const retry = call.attempts > 0 && !hedge;
    let index: number;
    if (retry && call.nextTarget === "same") {
      index = call.tried[call.tried.length - 1] as number;
    } else {
      if (hedge || retry) candidates = untried(candidates, call.tried);
      client.pick.candidates = candidates;
      index = client.balancer.pick(client.pick);
      if (client.checkPick && !candidates.includes(index)) {
        throw new SimConfigError(
          `${rt.path.replace(/policy$/, "loadBalancer")}.pick()`,
          index,
          `one of the candidates ${JSON.stringify(candidates)}`,
        );
      }
    }
    if (client.breaker !== null && !client.breaker.allowRequest(now)) {
      rt.stats.shortCircuited++;
      if (call.outstanding === 0) this.finishCall(call, "rejected");
      return;
    }
    const inst = rt.to.instances[index] as InstanceRt;
    const timeoutUs = this.propagate ? Math.min(call.nextTimeoutUs, remainingUs) : call.nextTimeoutUs;
    const deadlineUs = this.propagate ? Math.min(job.deadlineUs, now + timeoutUs) : Infinity;
    const attempt = this.attemptPool.take(
      call,
      inst,
      ++call.attempts,
      hedge,
      now,
      deadlineUs,
      job.requestId,
      job.instance.node,
    );
    call.tried.push(index);
    // Only a hedging call can have two attempts out at once and must cancel the loser.
    if (rt.hedgeAfterUs >= 0) {
      if (call.live === null) call.live = [];
      call.live.push(attempt);
    }
    call.outstanding++;
    client.outstanding[index] = (client.outstanding[index] as number) + 1;
    rt.stats.attempts++;
    if (retry) rt.stats.retries++;
    if (hedge) rt.stats.hedges++;
    this.sim.fold(rt.id * 4096 + index);
    if (job.span !== null && this.tracer !== null) {
      attempt.span = this.tracer.open({
        requestId: job.requestId,
        parentId: job.span.spanId,
        caller: rt.from.name,
        callerInstance: job.instance.name,
        callee: rt.to.name,
        instance: inst.name,
        attempt: attempt.number,
        hedge,
        startUs: now,
      });
    }
    attempt.timeoutHandle = this.sim.schedule(timeoutUs, this.hTimeout, attempt);
    if (rt.hedgeAfterUs >= 0 && !hedge && !call.hedged && rt.hedgeAfterUs < timeoutUs) {
      attempt.hedgeHandle = this.sim.schedule(rt.hedgeAfterUs, this.hHedge, attempt);
    }
    const delay = this.cluster.network.delayUs(job.instance.node, inst.node);
    this.replay?.move(job.instance.name, inst.name, delay, delay >= 0 ? "request" : "lost");
    if (delay >= 0) this.sim.schedule(delay, this.hArrive, attempt);
    else this.attemptPool.drop(attempt); // the message is lost: only the caller still holds it
  }

  private detach(a: Attempt): void {
    const call = a.call;
    call.outstanding--;
    if (call.live !== null) {
      const i = call.live.indexOf(a);
      if (i >= 0) call.live.splice(i, 1);
    }
    const out = call.client.outstanding;
    out[a.instance.index] = (out[a.instance.index] as number) - 1;
    if (a.hedgeHandle >= 0) this.sim.cancel(a.hedgeHandle);
    a.hedgeHandle = -1;
  }

  private onTimeout(a: Attempt): void {
    if (a.state !== PENDING) return;
    a.state = GAVE_UP;
    a.timeoutHandle = -1;
    this.detach(a);
    a.call.client.breaker?.record(this.sim.nowUs, false);
    this.sim.fold(outcomeCode("timeout"));
    if (a.span !== null) {
      a.span.endUs = this.sim.nowUs;
      a.span.outcome = "timeout";
      a.span.callerGaveUp = true;
    }
    const call = a.call;
    call.lastOutcome = "timeout";
    this.attemptPool.drop(a); // the caller stops waiting
    if (call.outstanding === 0) this.afterFailure(call);
  }

  private onRespond(a: Attempt): void {
    if (a.state !== PENDING) {
      this.attemptPool.drop(a); // a late answer: the message was the last reference
      return;
    }
    a.state = ANSWERED;
    this.sim.cancel(a.timeoutHandle);
    this.detach(a);
    const call = a.call;
    const ok = a.result === "ok";
    call.client.breaker?.record(this.sim.nowUs, ok);
    this.sim.fold(outcomeCode(a.result));
    if (a.span !== null) {
      a.span.endUs = this.sim.nowUs;
      a.span.outcome = a.result;
    }
    const result = a.result;
    // Both references end here: the message arrived and the caller has its answer.
    this.attemptPool.drop(a);
    this.attemptPool.drop(a);
    if (ok) {
      if (call.live !== null) for (const other of call.live.splice(0)) this.cancelAttempt(other);
      this.finishCall(call, "ok");
      return;
    }
    call.lastOutcome = result;
    if (call.outstanding === 0) this.afterFailure(call);
  }

  private cancelAttempt(a: Attempt): void {
    a.state = GAVE_UP;
    this.sim.cancel(a.timeoutHandle);
    a.call.outstanding--;
    const out = a.call.client.outstanding;
    out[a.instance.index] = (out[a.instance.index] as number) - 1;
    if (a.hedgeHandle >= 0) this.sim.cancel(a.hedgeHandle);
    if (a.span !== null) {
      a.span.endUs = this.sim.nowUs;
      a.span.outcome = "cancelled";
      a.span.callerGaveUp = a.span.serverEndUs < 0;
    }
    this.attemptPool.drop(a); // the caller stops waiting
  }

  private onHedge(a: Attempt): void {
    a.hedgeHandle = -1;
    // The state first: the call of an attempt that is no longer pending may have been reused.
    if (a.state !== PENDING) return;
    const call = a.call;
    if (call.done || call.hedged) return;
    call.hedged = true;
    this.sendAttempt(call, true);
  }

  private afterFailure(call: Call): void {
    if (call.done) return;
    const last = call.lastOutcome ?? "error";
    const d = this.decide(call);
    if (!d.retry || call.attempts >= MAX_ATTEMPTS) {
      this.finishCall(call, last);
      return;
    }
    if (call.client.budget !== null && !call.client.budget.tryWithdraw(this.sim.nowUs)) {
      call.client.call.stats.budgetDenied++;
      this.finishCall(call, last);
      return;
    }
    call.nextTimeoutUs = Math.max(1, Math.round(d.timeoutMs * US_PER_MS));
    call.nextTarget = d.target;
    call.lastBackoffMs = d.backoffMs;
    const backoffUs = Math.round(d.backoffMs * US_PER_MS);
    if (backoffUs > 0) this.sim.schedule(backoffUs, this.hRetry, call);
    else this.sendAttempt(call, false);
  }

  private finishCall(call: Call, result: Outcome): void {
    if (call.done) return;
    call.done = true;
    const rt = call.client.call;
    const outcome = result !== "ok" && rt.fallback ? "fallback" : result;
    const code = outcomeCode(outcome);
    rt.stats.outcomes[code] = (rt.stats.outcomes[code] as number) + 1;
    const job = call.job;
    if (outcome !== "ok" && outcome !== "fallback") job.failed = true;
    // Every attempt of a done call is answered or given up, and no retry is scheduled for it.
    this.callPool.give(call);
    if (--job.pending === 0) {
      job.stage++;
      this.runStage(job);
    }
  }

  private finishJob(job: Job): void {
    const inst = job.instance;
    const now = this.sim.nowUs;
    if (now < inst.hungUntilUs) {
      if (inst.hungUntilUs !== Infinity) this.sim.scheduleAt(inst.hungUntilUs, this.hFinishLater, job);
      return;
    }
    const heldUs = now - job.startUs;
    const stats = inst.service.stats;
    stats.inFlight.add(now, -1);
    if (job.failed) stats.errors++;
    else stats.ok++;
    if (job.attempt !== null && job.attempt.state === GAVE_UP) {
      stats.wastedUs += heldUs;
      stats.wastedRequests++;
    }
    if (job.span !== null) job.span.serverEndUs = now;
    this.reply(job, job.failed ? "error" : "ok");
    this.jobs.give(job);
    inst.station.release(heldUs);
  }

  private reply(job: Job, outcome: Outcome): void {
    const attempt = job.attempt;
    if (attempt === null) {
      const now = this.sim.nowUs;
      this.edgeLatency.record((now - job.arrivalUs) / US_PER_MS);
      const code = outcomeCode(outcome);
      this.edgeOutcomes[code] = (this.edgeOutcomes[code] as number) + 1;
      if (outcome === "ok") this.goodput.add(now);
      this.edgeInFlight.add(now, -1);
      this.sim.fold(code);
      this.replay?.move(job.instance.name, REPLAY_CLIENT, 0, answerKind(outcome, 0));
      if (job.span !== null) {
        job.span.endUs = now;
        job.span.outcome = outcome;
      }
      return;
    }
    attempt.result = outcome;
    const delay = this.cluster.network.delayUs(job.instance.node, attempt.callerNode);
    const caller = this.replayNames.get(attempt.callerNode);
    if (caller !== undefined) this.replay?.move(job.instance.name, caller, delay, answerKind(outcome, delay));
    if (delay >= 0) this.sim.schedule(delay, this.hRespond, attempt);
    else this.attemptPool.drop(attempt); // the answer is lost
  }
}

/** Candidates not tried yet; if every one was tried, all but the last one tried. */
function untried(candidates: readonly number[], tried: readonly number[]): readonly number[] {
  if (tried.length === 0) return candidates;
  const fresh = candidates.filter((i) => !tried.includes(i));
  if (fresh.length > 0) return fresh;
  const last = tried[tried.length - 1];
  const others = candidates.filter((i) => i !== last);
  return others.length > 0 ? others : candidates;
}
