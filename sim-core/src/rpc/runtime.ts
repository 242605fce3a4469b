import { fastSampler } from "../cluster/index.js";
import { GaugeSeries } from "../metrics/index.js";
import type { Distribution, Rng } from "../random/index.js";
import type { Span } from "../trace/index.js";
import type { Bulkhead } from "./bulkhead.js";
import type { CircuitBreaker } from "./circuit-breaker.js";
import { isBuiltInBalancer, type LoadBalancer, type PickContext } from "./load-balancer.js";
import type { Outcome } from "./outcome.js";
import type { CallPolicy, RetryTarget } from "./policy.js";
import type { RetryBudget } from "./retry-budget.js";
import type { ServerStats } from "./ribbon.js";
import type { Station } from "./station.js";

// Internal runtime records of an RpcSystem. Plain classes with fixed fields keep V8's objects
// monomorphic on the hot path; nothing here is part of the public API.

export class ServiceStats {
  /** Attempts that reached an instance of this service. */
  arrivals = 0;
  rejected = 0;
  /** Requests dropped unserved because their deadline had passed. */
  droppedExpired = 0;
  ok = 0;
  errors = 0;
  /** Worker time spent on requests whose caller had already given up, in µs. */
  wastedUs = 0;
  wastedRequests = 0;
  readonly inFlight: GaugeSeries;
  constructor(binMs: number) {
    this.inFlight = new GaugeSeries(binMs);
  }
}

export class EdgeStats {
  /** Attempts sent on this edge, retries and hedges included. */
  attempts = 0;
  retries = 0;
  hedges = 0;
  budgetDenied = 0;
  shortCircuited = 0;
  /** Calls rejected at once because the caller's bulkhead for this dependency was full. */
  bulkheadRejected = 0;
  /** Calls answered by the fallback, by what failed (see FALLBACK_CAUSES). */
  readonly fallbacks = new Float64Array(5);
  /** Final outcome of each logical call, by outcome code. */
  readonly outcomes = new Float64Array(6);
}

export class ServiceRt {
  readonly instances: InstanceRt[] = [];
  /** Draws the instance's own work in ms from this service's stream. */
  readonly drawServiceMs: (rng: Rng) => number;
  readonly stages: CallRt[][] = [];
  readonly stats: ServiceStats;
  /** Fault injection (chaos/inject.ts): added work on a share of requests, and a forced error rate; 0 when off. */
  injectedDelayMs = 0;
  injectedDelayShare = 0;
  injectedErrorRate = 0;
  constructor(
    readonly id: number,
    readonly name: string,
    readonly serviceTime: Distribution,
    readonly errorRate: number,
    readonly rng: Rng,
    readonly workers: number,
    readonly queueCapacity: number,
    binMs: number,
  ) {
    this.stats = new ServiceStats(binMs);
    this.drawServiceMs = fastSampler(serviceTime);
  }
}

export class CallRt {
  readonly stats = new EdgeStats();
  /** 1 for the edge's calls, 2 for the next layer, ... (0 if unreachable from the edge). */
  hop = 0;
  constructor(
    readonly id: number,
    readonly from: ServiceRt,
    readonly to: ServiceRt,
    readonly policy: CallPolicy,
    readonly path: string,
    readonly hedgeAfterUs: number,
    readonly fallback: boolean,
    readonly makeBudget: (() => RetryBudget) | null,
    readonly makeBreaker: (() => CircuitBreaker) | null,
    readonly makeBalancer: () => LoadBalancer,
    readonly makeBulkhead: (() => Bulkhead) | null = null,
    /** A Ribbon client's connect timeout (an attempt to a dead node ends then), or -1. */
    readonly connectTimeoutUs: number = -1,
    readonly serverBlackout: boolean = false,
  ) {}
}

/** A calling instance's client for one dependency: its balancer, breaker, budget and counts. */
export class ClientRt {
  readonly outstanding: Int32Array;
  readonly pick: PickContext;
  /** Whether the balancer's picks must be checked (a custom one, e.g. a learner's). */
  readonly checkPick: boolean;
  constructor(
    readonly call: CallRt,
    readonly balancer: LoadBalancer,
    readonly breaker: CircuitBreaker | null,
    readonly budget: RetryBudget | null,
    rng: Rng,
    readonly bulkhead: Bulkhead | null = null,
    readonly serverStats: ServerStats | null = null,
    /** The caller's region index when discovery is per region (`RpcSpec.discoveryScope`), else -1. */
    readonly region: number = -1,
  ) {
    this.checkPick = !isBuiltInBalancer(balancer);
    const outstanding = new Int32Array(call.to.instances.length);
    this.outstanding = outstanding;
    const to = call.to.instances;
    this.pick = { candidates: [], outstanding: (i) => outstanding[i] ?? 0, rng, zoneOf: (i) => to[i]?.zone ?? -1 };
  }

  private scopedFrom: readonly number[] | null = null;
  private scoped: readonly number[] = [];

  /**
   * The instances of `view` in this client's region (all of them when discovery is global). A
   * view is replaced, never changed, when discovery refreshes it, so the filtered list is kept
   * until the view itself changes.
   */
  inRegion(view: readonly number[]): readonly number[] {
    if (this.region < 0) return view;
    if (view !== this.scopedFrom) {
      const to = this.call.to.instances;
      this.scopedFrom = view;
      this.scoped = view.filter((i) => to[i]?.region === this.region);
    }
    return this.scoped;
  }
}

export class InstanceRt {
  station!: Station<Job>;
  /** Clients by CallRt id (sparse: only this service's dependencies). */
  readonly clients: (ClientRt | undefined)[] = [];
  hungUntilUs = 0;
  /** Zone index of the instance's node, set when it is placed. */
  zone = -1;
  /** Region index of the instance's node, set when it is placed. */
  region = -1;
  readonly parked: Job[] = [];
  /** Attempts sent to this instance, and when the last one was sent (-1: none yet). */
  attemptsSent = 0;
  lastAttemptUs = -1;
  constructor(
    readonly service: ServiceRt,
    readonly index: number,
    readonly node: number,
    readonly name: string,
  ) {}
}

/**
 * Server-side work for one request at one instance. The system recycles finished jobs (see
 * `JobPool`), so nothing may keep a reference to a job after it ended.
 */
export class Job {
  startUs = -1;
  stage = 0;
  pending = 0;
  failed = false;
  /** A fallback answered somewhere inside this request (here or below): degraded, not failed. */
  degraded = false;
  span: Span | null = null;
  constructor(
    public requestId: number,
    public instance: InstanceRt,
    /** The attempt that brought it; null for a request from outside (at the edge). */
    public attempt: Attempt | null,
    public arrivalUs: number,
    public deadlineUs: number,
  ) {}
}

/**
 * Finished jobs kept for reuse. A few thousand requests in flight otherwise spread fresh jobs
 * over the whole young generation, and each event that touches one misses the CPU cache (bench
 * flow at ~2,400 in flight); reused jobs stay in a small, warm set.
 */
export class JobPool {
  private readonly free: Job[] = [];

  take(requestId: number, instance: InstanceRt, attempt: Attempt | null, arrivalUs: number, deadlineUs: number): Job {
    const job = this.free.pop();
    if (job === undefined) return new Job(requestId, instance, attempt, arrivalUs, deadlineUs);
    job.requestId = requestId;
    job.instance = instance;
    job.attempt = attempt;
    job.arrivalUs = arrivalUs;
    job.deadlineUs = deadlineUs;
    job.startUs = -1;
    job.stage = 0;
    job.pending = 0;
    job.failed = false;
    job.degraded = false;
    job.span = null;
    return job;
  }

  /** Returns a job that ended: no event, queue or call may still reach it. */
  give(job: Job): void {
    job.attempt = null;
    job.span = null;
    this.free.push(job);
  }
}

/**
 * A logical call from a job to a dependency, across its attempts. The system recycles finished
 * calls (see `CallPool`): an attempt that outlives its call never reads `attempt.call` once it is
 * no longer pending.
 */
export class Call {
  attempts = 0;
  /** A fresh array per call: a policy may keep the `instancesTried` it was shown. */
  tried: number[] = [];
  lastOutcome: Outcome | null = null;
  lastBackoffMs = 0;
  outstanding = 0;
  done = false;
  nextTimeoutUs = 0;
  nextTarget: RetryTarget = "same";
  hedged = false;
  /** Attempts still waiting for an answer, kept only when the call may hedge (else null). */
  live: Attempt[] | null = null;
  /** Whether the call holds a slot of its client's bulkhead. */
  permit = false;
  /** Why the call ended when it was not an attempt's outcome: see FALLBACK_CAUSES (0: the outcome). */
  cause = 0;
  constructor(
    public job: Job,
    public client: ClientRt,
    public startUs: number,
  ) {}
}

/** Finished calls kept for reuse, for the same reason as `JobPool`. */
export class CallPool {
  private readonly free: Call[] = [];

  take(job: Job, client: ClientRt, startUs: number): Call {
    const call = this.free.pop();
    if (call === undefined) return new Call(job, client, startUs);
    call.job = job;
    call.client = client;
    call.startUs = startUs;
    call.attempts = 0;
    call.tried = [];
    call.lastOutcome = null;
    call.lastBackoffMs = 0;
    call.outstanding = 0;
    call.done = false;
    call.nextTimeoutUs = 0;
    call.nextTarget = "same";
    call.hedged = false;
    call.live = null;
    call.permit = false;
    call.cause = 0;
    return call;
  }

  /** Returns a finished call: no attempt of it is pending and no retry is scheduled. */
  give(call: Call): void {
    this.free.push(call);
  }
}

/**
 * Why a call fell back, in EdgeStats.fallbacks order: its last attempt's error, a timeout, a
 * rejection (by the callee, or no instance to call), an open breaker, a full bulkhead.
 */
export const FALLBACK_CAUSES = ["error", "timeout", "rejected", "shortCircuited", "bulkheadRejected"] as const;
export const CAUSE_SHORT_CIRCUITED = 3;
export const CAUSE_BULKHEAD = 4;

export const PENDING = 0;
export const ANSWERED = 1;
export const GAVE_UP = 2;

/**
 * One message to one instance and its answer. The system recycles attempts (see `AttemptPool`)
 * once both of its references are gone: the caller's, while it is pending, and the message's,
 * until the answer arrives or is lost.
 */
export class Attempt {
  state = PENDING;
  timeoutHandle = -1;
  hedgeHandle = -1;
  /** The answer the callee sends (an outcome), set when it finishes. */
  result: Outcome = "ok";
  /** Whether the callee's answer was degraded (a fallback answered inside it), set with `result`. */
  degraded = false;
  span: Span | null = null;
  /** References still held: 2 when sent (pending, and the message), 0 when it may be reused. */
  refs = 2;
  constructor(
    public call: Call,
    public instance: InstanceRt,
    public number: number,
    public hedge: boolean,
    public sentUs: number,
    public deadlineUs: number,
    /** Copied from `call.job` when sent: the arrival and the answer then read the attempt alone,
     * not a chain of three objects that have usually left the CPU cache by then. */
    public requestId: number,
    /** Node of the calling instance, where the answer goes back to. */
    public callerNode: number,
  ) {}
}

/** Attempts kept for reuse, for the same reason as `JobPool`. */
export class AttemptPool {
  private readonly free: Attempt[] = [];

  take(
    call: Call,
    instance: InstanceRt,
    number: number,
    hedge: boolean,
    sentUs: number,
    deadlineUs: number,
    requestId: number,
    callerNode: number,
  ): Attempt {
    const a = this.free.pop();
    if (a === undefined) return new Attempt(call, instance, number, hedge, sentUs, deadlineUs, requestId, callerNode);
    a.call = call;
    a.instance = instance;
    a.number = number;
    a.hedge = hedge;
    a.sentUs = sentUs;
    a.deadlineUs = deadlineUs;
    a.requestId = requestId;
    a.callerNode = callerNode;
    a.state = PENDING;
    a.timeoutHandle = -1;
    a.hedgeHandle = -1;
    a.result = "ok";
    a.degraded = false;
    a.span = null;
    a.refs = 2;
    return a;
  }

  /** Drops one reference (the caller's when it stops waiting, or the message's when it ends). */
  drop(a: Attempt): void {
    if (--a.refs === 0) {
      a.span = null;
      this.free.push(a);
    }
  }
}
