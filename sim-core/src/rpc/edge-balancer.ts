import type { RpcCore } from "./core.js";
import { REPLAY_CLIENT } from "./replay-wiring.js";
import type { InstanceRt } from "./runtime.js";
import type { ServerJobs } from "./server-jobs.js";

/**
 * The external load balancer in front of the edge (an ELB): it takes each client request, picks
 * an edge instance in turn, skipping instances on nodes that are down (it health-checks), and
 * opens the request's root span.
 */
export class EdgeBalancer {
  private nextRequestId = 0;
  private turn = 0;

  constructor(
    private readonly core: RpcCore,
    private readonly jobs: ServerJobs,
  ) {}

  clientRequest(): void {
    const core = this.core;
    const now = core.sim.nowUs;
    const id = this.nextRequestId++;
    core.edgeRequests++;
    core.edgeInFlight.add(now, 1);
    const instances = core.edge.instances;
    let inst: InstanceRt | undefined;
    for (let k = 0; k < instances.length && inst === undefined; k++) {
      const candidate = instances[(this.turn + k) % instances.length] as InstanceRt;
      if (core.cluster.isUp(candidate.node)) inst = candidate;
    }
    this.turn = (this.turn + 1) % instances.length;
    const deadline = core.edgeDeadlineUs === Infinity || !core.propagate ? Infinity : now + core.edgeDeadlineUs;
    const target = inst ?? (instances[0] as InstanceRt);
    const tracer = core.tracer;
    const span =
      tracer?.sample(id, now) === true
        ? tracer.open({
            requestId: id,
            parentId: -1,
            caller: "client",
            callerInstance: "client",
            callee: core.edge.name,
            instance: target.name,
            attempt: 1,
            hedge: false,
            startUs: now,
          })
        : null;
    const job = core.jobs.take(id, target, null, now, deadline);
    core.replay?.move(REPLAY_CLIENT, target.name, 0, "request");
    if (inst === undefined) {
      job.span = span;
      this.jobs.reply(job, "rejected");
      core.jobs.give(job);
      return;
    }
    this.jobs.deliver(job, span);
  }
}
