import { US_PER_MS } from "../kernel/index.js";
import type { Attempts } from "./attempts.js";
import type { RpcCore } from "./core.js";
import { type Outcome, outcomeCode } from "./outcome.js";
import { type CallDecision, checkDecision } from "./policy.js";
import { ServerStats } from "./ribbon.js";
import { CAUSE_BULKHEAD, CAUSE_SHORT_CIRCUITED, type Call, type CallRt, ClientRt, type Job } from "./runtime.js";
import type { ServerJobs } from "./server-jobs.js";

/** A guard against a policy that retries forever. */
const MAX_ATTEMPTS = 100;

/**
 * The client side of one logical call from a job to a dependency: it asks the call policy for
 * each attempt's timeout, decides after a failure whether to retry (budget permitting), and ends
 * the call with an outcome, moving the job on once its stage's calls have all ended.
 */
export class Calls {
  /** Set once by the RpcSystem. */
  attempts!: Attempts;
  jobs!: ServerJobs;

  constructor(private readonly core: RpcCore) {}

  startCall(job: Job, rt: CallRt): void {
    const core = this.core;
    const inst = job.instance;
    let client = inst.clients[rt.id];
    if (client === undefined) {
      client = new ClientRt(
        rt,
        rt.makeBalancer(),
        rt.makeBreaker?.() ?? null,
        rt.makeBudget?.() ?? null,
        core.policyRng,
        rt.makeBulkhead?.() ?? null,
        rt.serverBlackout ? new ServerStats(rt.to.instances.length) : null,
        core.regionScoped ? inst.region : -1,
      );
      inst.clients[rt.id] = client;
    }
    const call = core.callPool.take(job, client, core.sim.nowUs);
    client.budget?.deposit(core.sim.nowUs);
    if (client.bulkhead !== null && !this.enterBulkhead(call)) return;
    const d = this.decide(call);
    call.nextTimeoutUs = Math.max(1, Math.round(d.timeoutMs * US_PER_MS));
    this.attempts.sendAttempt(call, false);
  }

  /**
   * Takes a slot of the call's bulkhead, or ends the call as Hystrix would: short-circuited if
   * the breaker is open (it is asked first), else rejected, which its health counts as a failure.
   * Hystrix also calls markNonSuccess() on a thread-pool rejection (a rejected half-open trial
   * reopens the breaker) but not on a semaphore rejection; both kinds are treated as the
   * thread pool's here.
   */
  private enterBulkhead(call: Call): boolean {
    const client = call.client;
    if ((client.bulkhead as NonNullable<typeof client.bulkhead>).tryAcquire()) {
      call.permit = true;
      return true;
    }
    const now = this.core.sim.nowUs;
    const stats = client.call.stats;
    if (client.breaker !== null && !client.breaker.allowRequest(now)) {
      stats.shortCircuited++;
      call.cause = CAUSE_SHORT_CIRCUITED;
    } else {
      client.breaker?.record(now, false);
      stats.bulkheadRejected++;
      call.cause = CAUSE_BULKHEAD;
    }
    this.finishCall(call, "rejected");
    return false;
  }

  decide(call: Call): CallDecision {
    const core = this.core;
    const rt = call.client.call;
    const now = core.sim.nowUs;
    const deadline = call.job.deadlineUs;
    const d = rt.policy.decide({
      attempt: call.attempts + 1,
      remainingMs: deadline === Infinity ? Infinity : (deadline - now) / US_PER_MS,
      elapsedMs: (now - call.startUs) / US_PER_MS,
      lastOutcome: call.lastOutcome,
      instancesTried: call.tried,
      lastBackoffMs: call.lastBackoffMs,
      rng: core.policyRng,
      hop: rt.hop,
      callee: rt.to.name,
    });
    return checkDecision(d, rt.path);
  }

  /** Every attempt out has failed: retry (after a backoff), or end the call. */
  afterFailure(call: Call): void {
    if (call.done) return;
    const core = this.core;
    const last = call.lastOutcome ?? "error";
    const d = this.decide(call);
    if (!d.retry || call.attempts >= MAX_ATTEMPTS) {
      this.finishCall(call, last);
      return;
    }
    if (call.client.budget !== null && !call.client.budget.tryWithdraw(core.sim.nowUs)) {
      call.client.call.stats.budgetDenied++;
      this.finishCall(call, last);
      return;
    }
    call.nextTimeoutUs = Math.max(1, Math.round(d.timeoutMs * US_PER_MS));
    call.nextTarget = d.target;
    call.lastBackoffMs = d.backoffMs;
    const backoffUs = Math.round(d.backoffMs * US_PER_MS);
    if (backoffUs > 0) core.sim.schedule(backoffUs, core.h.retry, call);
    else this.attempts.sendAttempt(call, false);
  }

  finishCall(call: Call, result: Outcome): void {
    if (call.done) return;
    call.done = true;
    const rt = call.client.call;
    const outcome = result !== "ok" && rt.fallback ? "fallback" : result;
    const code = outcomeCode(outcome);
    rt.stats.outcomes[code] = (rt.stats.outcomes[code] as number) + 1;
    if (outcome === "fallback") {
      call.job.degraded = true;
      const cause = call.cause > 0 ? call.cause : result === "timeout" ? 1 : result === "rejected" ? 2 : 0;
      rt.stats.fallbacks[cause] = (rt.stats.fallbacks[cause] as number) + 1;
    }
    if (call.permit) call.client.bulkhead?.release();
    const job = call.job;
    if (outcome !== "ok" && outcome !== "fallback") job.failed = true;
    // Every attempt of a done call is answered or given up, and no retry is scheduled for it.
    this.core.callPool.give(call);
    if (--job.pending === 0) {
      job.stage++;
      this.jobs.runStage(job);
    }
  }
}
