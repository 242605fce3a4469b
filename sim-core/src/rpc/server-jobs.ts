import { US_PER_MS } from "../kernel/index.js";
import type { Calls } from "./calls.js";
import type { RpcCore } from "./core.js";
import { type Outcome, outcomeCode } from "./outcome.js";
import { answerKind, REPLAY_CLIENT } from "./replay-wiring.js";
import { type CallRt, GAVE_UP, type InstanceRt, type Job } from "./runtime.js";
import { Station } from "./station.js";

/**
 * The server side of a request at one instance: arrival, admission to the worker pool (or
 * rejection, or a drop once its deadline passed), its own work, its stages of calls, and the
 * answer. A hung instance parks what arrives and holds what it was doing (see `hang.ts`).
 */
export class ServerJobs {
  /** The client side of the stages' calls; set once by the RpcSystem. */
  calls!: Calls;

  constructor(private readonly core: RpcCore) {}

  /** Gives an instance its worker pool and queue. */
  makeStation(inst: InstanceRt): void {
    const core = this.core;
    const spec = inst.service;
    const sim = core.sim;
    inst.station = new Station<Job>(sim, {
      name: inst.name,
      servers: spec.workers,
      queueCapacity: spec.queueCapacity,
      serviceTimeUs: () => 0,
      onDone: () => {},
      seriesBinMs: core.binMs,
      onStart: (job) => {
        job.startUs = sim.nowUs;
        if (job.span !== null) job.span.serverStartUs = sim.nowUs;
        let ms = spec.drawServiceMs(spec.rng);
        // Latency injection draws only while on, so runs without it keep their numbers.
        if (spec.injectedDelayShare > 0 && spec.rng.next() < spec.injectedDelayShare) ms += spec.injectedDelayMs;
        sim.schedule(Math.round(ms * US_PER_MS), core.h.localDone, job);
      },
      admit: (job) => !(core.propagate && sim.nowUs >= job.deadlineUs),
      onDrop: (job) => this.dropExpired(job),
      replay: core.replay,
      replayGroup: spec.name,
    });
  }

  /** A request reaches its instance: parked if the instance hangs, else offered to its pool. */
  deliver(job: Job, span: Job["span"]): void {
    job.span = span;
    const inst = job.instance;
    const stats = inst.service.stats;
    const now = this.core.sim.nowUs;
    stats.arrivals++;
    stats.inFlight.add(now, 1);
    if (now < inst.hungUntilUs) {
      inst.parked.push(job);
      return;
    }
    this.admit(job);
  }

  admit(job: Job): void {
    const core = this.core;
    if (core.propagate && core.sim.nowUs >= job.deadlineUs) {
      this.dropExpired(job);
      return;
    }
    if (!job.instance.station.submit(job)) {
      const stats = job.instance.service.stats;
      stats.rejected++;
      stats.inFlight.add(core.sim.nowUs, -1);
      this.reply(job, "rejected");
      core.jobs.give(job);
    }
  }

  private dropExpired(job: Job): void {
    const core = this.core;
    const stats = job.instance.service.stats;
    stats.droppedExpired++;
    stats.inFlight.add(core.sim.nowUs, -1);
    if (job.attempt === null) this.reply(job, "timeout");
    else core.attemptPool.drop(job.attempt); // no answer will be sent: the message ends here
    core.jobs.give(job);
  }

  /** The instance's own work is done (or would be, if it were not hung). */
  localDone(job: Job): void {
    const sim = this.core.sim;
    const inst = job.instance;
    if (sim.nowUs < inst.hungUntilUs) {
      if (inst.hungUntilUs !== Infinity) sim.scheduleAt(inst.hungUntilUs, this.core.h.localDone, job);
      return;
    }
    const service = inst.service;
    if (service.errorRate > 0 && service.rng.next() < service.errorRate) job.failed = true;
    if (service.injectedErrorRate > 0 && service.rng.next() < service.injectedErrorRate) job.failed = true;
    this.runStage(job);
  }

  /** Starts the job's next group of calls, or answers once there is none (or one failed). */
  runStage(job: Job): void {
    const stages = job.instance.service.stages;
    if (job.failed || job.stage >= stages.length) {
      this.finishJob(job);
      return;
    }
    const group = stages[job.stage] as CallRt[];
    job.pending = group.length;
    for (const rt of group) this.calls.startCall(job, rt);
  }

  finishJob(job: Job): void {
    const core = this.core;
    const inst = job.instance;
    const now = core.sim.nowUs;
    if (now < inst.hungUntilUs) {
      if (inst.hungUntilUs !== Infinity) core.sim.scheduleAt(inst.hungUntilUs, core.h.finishLater, job);
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
    core.jobs.give(job);
    inst.station.release(heldUs);
  }

  /** Answers the caller: the client at the edge (measured here), or the attempt that brought it. */
  reply(job: Job, outcome: Outcome): void {
    const core = this.core;
    const attempt = job.attempt;
    if (attempt === null) {
      const now = core.sim.nowUs;
      core.edgeLatency.record((now - job.arrivalUs) / US_PER_MS);
      const code = outcomeCode(outcome);
      core.edgeOutcomes[code] = (core.edgeOutcomes[code] as number) + 1;
      if (outcome === "ok" && job.degraded) core.edgeDegraded++;
      core.edgeRouter?.answered(job.requestId, outcome, job.degraded);
      if (outcome === "ok") core.goodput.add(now);
      core.edgeInFlight.add(now, -1);
      core.sim.fold(code);
      core.replay?.move(job.instance.name, REPLAY_CLIENT, 0, answerKind(outcome, 0));
      if (job.span !== null) {
        job.span.endUs = now;
        job.span.outcome = outcome;
      }
      return;
    }
    attempt.result = outcome;
    attempt.degraded = job.degraded;
    const delay = core.cluster.network.delayUs(job.instance.node, attempt.callerNode);
    const caller = core.replayNames.get(attempt.callerNode);
    if (caller !== undefined) core.replay?.move(job.instance.name, caller, delay, answerKind(outcome, delay));
    if (delay >= 0) core.sim.schedule(delay, core.h.respond, attempt);
    else core.attemptPool.drop(attempt); // the answer is lost
  }
}
