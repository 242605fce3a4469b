import type { RpcCore } from "./core.js";
import { REPLAY_CLIENT } from "./replay-wiring.js";
import type { InstanceRt } from "./runtime.js";
import type { ServerJobs } from "./server-jobs.js";

/**
 * The external load balancer in front of the edge (an ELB): it takes each client request, picks
 * an edge instance in turn, skipping instances on nodes that are down (it health-checks), and
 * opens the request's root span. With an edge router, each region has its own balancer and the
 * router says which region a request goes to; a region with no edge up fails the request.
 */
export class EdgeBalancer {
  private nextRequestId = 0;
  private turn = 0;
  /** The edge's instances of each region (one list of all of them without a router). */
  private readonly byRegion: InstanceRt[][];
  private readonly turns: number[];

  constructor(
    private readonly core: RpcCore,
    private readonly jobs: ServerJobs,
  ) {
    const regions = core.cluster.topology.regions.length;
    this.byRegion = Array.from({ length: regions }, (_, r) => core.edge.instances.filter((i) => i.region === r));
    this.turns = this.byRegion.map(() => 0);
  }

  clientRequest(): void {
    const core = this.core;
    const now = core.sim.nowUs;
    const id = this.nextRequestId++;
    core.edgeRequests++;
    core.edgeInFlight.add(now, 1);
    const region = core.edgeRouter === null ? -1 : core.edgeRouter.route(id);
    const instances = region < 0 ? core.edge.instances : (this.byRegion[region] ?? []);
    const turn = region < 0 ? this.turn : (this.turns[region] as number);
    let inst: InstanceRt | undefined;
    for (let k = 0; k < instances.length && inst === undefined; k++) {
      const candidate = instances[(turn + k) % instances.length] as InstanceRt;
      if (core.cluster.isUp(candidate.node)) inst = candidate;
    }
    if (region < 0) this.turn = (turn + 1) % instances.length;
    else this.turns[region] = (turn + 1) % Math.max(1, instances.length);
    const deadline = core.edgeDeadlineUs === Infinity || !core.propagate ? Infinity : now + core.edgeDeadlineUs;
    const target = inst ?? instances[0] ?? (core.edge.instances[0] as InstanceRt);
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
