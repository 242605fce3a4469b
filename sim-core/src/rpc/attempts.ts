import { SimConfigError } from "../errors/index.js";
import type { Calls } from "./calls.js";
import type { RpcCore } from "./core.js";
import { outcomeCode } from "./outcome.js";
import {
  ANSWERED,
  type Attempt,
  CAUSE_SHORT_CIRCUITED,
  type Call,
  GAVE_UP,
  type InstanceRt,
  PENDING,
} from "./runtime.js";

/**
 * One attempt of a call: the choice of instance (discovery's view, the balancer, the breaker),
 * the message and its timeout, a hedge, and what happens when the answer or the timeout comes.
 */
export class Attempts {
  /** Set once by the RpcSystem. */
  calls!: Calls;

  constructor(private readonly core: RpcCore) {}

  sendAttempt(call: Call, hedge: boolean): void {
    const core = this.core;
    const sim = core.sim;
    const client = call.client;
    const rt = client.call;
    const job = call.job;
    const now = sim.nowUs;
    const remainingUs = job.deadlineUs - now;
    if (core.propagate && remainingUs <= 0) {
      if (call.outstanding === 0) this.calls.finishCall(call, "timeout");
      return;
    }
    let candidates = client.inRegion(core.discovery.view(rt.from.id, rt.to.id));
    if (client.serverStats !== null) candidates = client.serverStats.available(candidates, now);
    if (candidates.length === 0) {
      if (call.outstanding === 0) this.calls.finishCall(call, "rejected");
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
      if (call.outstanding === 0) {
        call.cause = CAUSE_SHORT_CIRCUITED;
        this.calls.finishCall(call, "rejected");
      }
      return;
    }
    const inst = rt.to.instances[index] as InstanceRt;
    let timeoutUs = core.propagate ? Math.min(call.nextTimeoutUs, remainingUs) : call.nextTimeoutUs;
    // A connection to a dead node is never accepted: the attempt ends at the connect timeout.
    if (rt.connectTimeoutUs > 0 && !core.cluster.isUp(inst.node)) timeoutUs = Math.min(timeoutUs, rt.connectTimeoutUs);
    const deadlineUs = core.propagate ? Math.min(job.deadlineUs, now + timeoutUs) : Infinity;
    const attempt = core.attemptPool.take(
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
    inst.attemptsSent++;
    inst.lastAttemptUs = now;
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
    sim.fold(rt.id * 4096 + index);
    if (job.span !== null && core.tracer !== null) {
      attempt.span = core.tracer.open({
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
    attempt.timeoutHandle = sim.schedule(timeoutUs, core.h.timeout, attempt);
    if (rt.hedgeAfterUs >= 0 && !hedge && !call.hedged && rt.hedgeAfterUs < timeoutUs) {
      attempt.hedgeHandle = sim.schedule(rt.hedgeAfterUs, core.h.hedge, attempt);
    }
    const delay = core.cluster.network.delayUs(job.instance.node, inst.node);
    core.replay?.move(job.instance.name, inst.name, delay, delay >= 0 ? "request" : "lost");
    if (delay >= 0) sim.schedule(delay, core.h.arrive, attempt);
    else core.attemptPool.drop(attempt); // the message is lost: only the caller still holds it
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
    if (a.hedgeHandle >= 0) this.core.sim.cancel(a.hedgeHandle);
    a.hedgeHandle = -1;
  }

  onTimeout(a: Attempt): void {
    if (a.state !== PENDING) return;
    const core = this.core;
    a.state = GAVE_UP;
    a.timeoutHandle = -1;
    this.detach(a);
    a.call.client.breaker?.record(core.sim.nowUs, false);
    a.call.client.serverStats?.onFailure(a.instance.index, core.sim.nowUs);
    core.sim.fold(outcomeCode("timeout"));
    if (a.span !== null) {
      a.span.endUs = core.sim.nowUs;
      a.span.outcome = "timeout";
      a.span.callerGaveUp = true;
    }
    const call = a.call;
    call.lastOutcome = "timeout";
    core.attemptPool.drop(a); // the caller stops waiting
    if (call.outstanding === 0) this.calls.afterFailure(call);
  }

  onRespond(a: Attempt): void {
    const core = this.core;
    if (a.state !== PENDING) {
      core.attemptPool.drop(a); // a late answer: the message was the last reference
      return;
    }
    a.state = ANSWERED;
    core.sim.cancel(a.timeoutHandle);
    this.detach(a);
    const call = a.call;
    const ok = a.result === "ok";
    call.client.breaker?.record(core.sim.nowUs, ok);
    call.client.serverStats?.onAnswer(a.instance.index);
    core.sim.fold(outcomeCode(a.result));
    if (a.span !== null) {
      a.span.endUs = core.sim.nowUs;
      a.span.outcome = a.result;
    }
    const result = a.result;
    // A degraded answer the caller takes makes its own request degraded (a late one does not).
    if (ok && a.degraded) call.job.degraded = true;
    // Both references end here: the message arrived and the caller has its answer.
    core.attemptPool.drop(a);
    core.attemptPool.drop(a);
    if (ok) {
      if (call.live !== null) for (const other of call.live.splice(0)) this.cancelAttempt(other);
      this.calls.finishCall(call, "ok");
      return;
    }
    call.lastOutcome = result;
    if (call.outstanding === 0) this.calls.afterFailure(call);
  }

  private cancelAttempt(a: Attempt): void {
    const core = this.core;
    a.state = GAVE_UP;
    core.sim.cancel(a.timeoutHandle);
    a.call.outstanding--;
    const out = a.call.client.outstanding;
    out[a.instance.index] = (out[a.instance.index] as number) - 1;
    if (a.hedgeHandle >= 0) core.sim.cancel(a.hedgeHandle);
    if (a.span !== null) {
      a.span.endUs = core.sim.nowUs;
      a.span.outcome = "cancelled";
      a.span.callerGaveUp = a.span.serverEndUs < 0;
    }
    core.attemptPool.drop(a); // the caller stops waiting
  }

  onHedge(a: Attempt): void {
    a.hedgeHandle = -1;
    // The state first: the call of an attempt that is no longer pending may have been reused.
    if (a.state !== PENDING) return;
    const call = a.call;
    if (call.done || call.hedged) return;
    call.hedged = true;
    this.sendAttempt(call, true);
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
