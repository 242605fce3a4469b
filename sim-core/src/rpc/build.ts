import type { Topology } from "../cluster/index.js";
import { checkArray, checkBoolean, checkNumber, SimConfigError } from "../errors/index.js";
import { msToUs } from "../kernel/index.js";
import { checkNonNegative, distribution, type Rng } from "../random/index.js";
import { bulkheadFactory } from "./bulkhead.js";
import { type CircuitBreaker, HystrixCircuitBreaker } from "./circuit-breaker.js";
import { loadBalancer } from "./load-balancer.js";
import { fixedCallPolicy } from "./policy.js";
import { WindowedRetryBudget } from "./retry-budget.js";
import { ribbonClient } from "./ribbon.js";
import { CallRt, InstanceRt, ServiceRt } from "./runtime.js";
import {
  type CallSpec,
  DEFAULT_QUEUE_CAPACITY,
  DEFAULT_TIMEOUT_MS,
  DEFAULT_WORKERS,
  type RpcSpec,
  type ServiceSpec,
} from "./spec.js";

/** A guard against a slider typo creating a million instances. */
const MAX_INSTANCES = 1000;

/** Validates an RpcSpec and builds the services, their instances and the call edges. */
export function buildRuntime(
  spec: RpcSpec,
  topology: Topology,
  rng: Rng,
  binMs: number,
): { services: ServiceRt[]; calls: CallRt[]; edge: ServiceRt } {
  if (spec === null || typeof spec !== "object") throw new SimConfigError("rpc", spec, "an RpcSpec object");
  const specs = checkArray<ServiceSpec>("rpc.services", spec.services);
  const byName = new Map<string, number>();
  const services = specs.map((s, i) => {
    const path = `rpc.services[${i}]`;
    if (s === null || typeof s !== "object") throw new SimConfigError(path, s, "a ServiceSpec object");
    if (typeof s.name !== "string" || !/^[A-Za-z][\w-]*$/.test(s.name)) {
      throw new SimConfigError(`${path}.name`, s.name, "a name of letters, digits, - and _ starting with a letter");
    }
    if (byName.has(s.name)) throw new SimConfigError(`${path}.name`, s.name, "a unique service name");
    byName.set(s.name, i);
    const dist = checkNonNegative(`${path}.serviceTimeMs`, distribution(s.serviceTimeMs, `${path}.serviceTimeMs`));
    const errorRate = checkNumber(`${path}.errorRate`, s.errorRate ?? 0, { min: 0, max: 1 });
    const workers = checkNumber(`${path}.workers`, s.workers ?? DEFAULT_WORKERS, {
      min: 1,
      max: 100_000,
      integer: true,
    });
    const queue = s.queueCapacity ?? DEFAULT_QUEUE_CAPACITY;
    const queueCapacity =
      queue === Infinity ? Infinity : checkNumber(`${path}.queueCapacity`, queue, { min: 0, integer: true });
    return new ServiceRt(i, s.name, dist, errorRate, rng.fork(`service-${s.name}`), workers, queueCapacity, binMs);
  });
  const edgeIndex = byName.get(spec.edge);
  if (edgeIndex === undefined)
    throw new SimConfigError("rpc.edge", spec.edge, `one of ${[...byName.keys()].join(", ")}`);
  placeInstances(specs, services, topology);
  const calls: CallRt[] = [];
  specs.forEach((s, i) => {
    const from = services[i] as ServiceRt;
    checkArray<unknown>(`rpc.services[${i}].calls`, s.calls ?? [], 0);
    (s.calls ?? []).forEach((stage, k) => {
      const group = Array.isArray(stage) ? (stage as readonly CallSpec[]) : [stage as CallSpec];
      const stagePath = `rpc.services[${i}].calls[${k}]`;
      checkArray<CallSpec>(stagePath, group);
      from.stages.push(
        group.map((c, j) =>
          buildCall(
            c,
            Array.isArray(stage) ? `${stagePath}[${j}]` : stagePath,
            from,
            calls.length + j,
            services,
            byName,
          ),
        ),
      );
      for (const c of from.stages[from.stages.length - 1] as CallRt[]) calls.push(c);
    });
  });
  checkAcyclic(services);
  numberHops(services[edgeIndex] as ServiceRt);
  return { services, calls, edge: services[edgeIndex] as ServiceRt };
}

function placeInstances(specs: readonly ServiceSpec[], services: ServiceRt[], topology: Topology): void {
  // Interleave zones (a1, b1, c1, a2, ...) so consecutive instances land in different zones.
  const interleaved: number[] = [];
  const depth = Math.max(...topology.zones.map((z) => z.nodes.length));
  for (let k = 0; k < depth; k++)
    for (const z of topology.zones) if (k < z.nodes.length) interleaved.push(z.nodes[k] as number);
  let next = 0;
  specs.forEach((s, i) => {
    const path = `rpc.services[${i}]`;
    const count = checkNumber(`${path}.instances`, s.instances, { min: 1, max: MAX_INSTANCES, integer: true });
    if (s.nodes !== undefined) {
      checkArray<number>(`${path}.nodes`, s.nodes, count);
      if (s.nodes.length !== count)
        throw new SimConfigError(`${path}.nodes`, s.nodes, `one node per instance (${count})`);
      s.nodes.forEach((n, k) =>
        checkNumber(`${path}.nodes[${k}]`, n, { min: 0, max: topology.nodes.length - 1, integer: true }),
      );
    }
    const service = services[i] as ServiceRt;
    for (let k = 0; k < count; k++) {
      const node = s.nodes?.[k] ?? (interleaved[next++ % interleaved.length] as number);
      const inst = new InstanceRt(service, k, node, `${s.name}-${k + 1}`);
      inst.zone = topology.node(node).zoneIndex;
      inst.region = topology.node(node).regionIndex;
      service.instances.push(inst);
    }
  });
  checkStopped(specs, services);
}

/** Stopped instances leave at least one running, and each has a node no other instance uses. */
function checkStopped(specs: readonly ServiceSpec[], services: readonly ServiceRt[]): void {
  const users = new Map<number, number>();
  for (const s of services) for (const inst of s.instances) users.set(inst.node, (users.get(inst.node) ?? 0) + 1);
  specs.forEach((s, i) => {
    if (s.stoppedInstances === undefined) return;
    const path = `rpc.services[${i}].stoppedInstances`;
    const instances = (services[i] as ServiceRt).instances;
    const stopped = checkNumber(path, s.stoppedInstances, { min: 0, max: instances.length - 1, integer: true });
    for (let k = instances.length - stopped; k < instances.length; k++) {
      const node = (instances[k] as InstanceRt).node;
      if ((users.get(node) ?? 0) > 1)
        throw new SimConfigError(
          `rpc.services[${i}].nodes[${k}]`,
          node,
          "a node of its own (a stopped instance's node is down)",
        );
    }
  });
}

function buildCall(
  c: CallSpec,
  path: string,
  from: ServiceRt,
  id: number,
  services: ServiceRt[],
  byName: Map<string, number>,
): CallRt {
  if (c === null || typeof c !== "object") throw new SimConfigError(path, c, 'a CallSpec such as { service: "mid" }');
  const toIndex = byName.get(c.service);
  if (toIndex === undefined)
    throw new SimConfigError(`${path}.service`, c.service, `one of ${[...byName.keys()].join(", ")}`);
  const ribbon = ribbonClient(c.ribbon, `${path}.ribbon`);
  const policy =
    c.policy !== undefined
      ? checkPolicy(c.policy, `${path}.policy`)
      : ribbon !== null
        ? ribbon.policy
        : fixedCallPolicy(
            {
              timeoutMs: c.timeoutMs ?? DEFAULT_TIMEOUT_MS,
              retries: c.retries ?? 0,
              target: c.retryTarget ?? "same",
              ...(c.retryOn !== undefined ? { retryOn: c.retryOn } : {}),
              ...(c.backoff !== undefined ? { backoff: c.backoff } : {}),
            },
            path,
          );
  const hedgeAfterMs =
    c.hedgeAfterMs === undefined ? -1 : checkNumber(`${path}.hedgeAfterMs`, c.hedgeAfterMs, { min: 0 });
  const fallback = checkBoolean(`${path}.fallback`, c.fallback ?? false);
  let makeBudget: (() => WindowedRetryBudget) | null = null;
  const budget = c.retryBudget;
  if (typeof budget === "function") makeBudget = budget as () => WindowedRetryBudget;
  else if (budget !== undefined) {
    new WindowedRetryBudget(budget, `${path}.retryBudget`);
    makeBudget = () => new WindowedRetryBudget(budget, `${path}.retryBudget`);
  }
  let makeBreaker: (() => CircuitBreaker) | null = null;
  const breaker = c.circuitBreaker;
  if (typeof breaker === "function") makeBreaker = breaker;
  else if (breaker === true) makeBreaker = () => new HystrixCircuitBreaker({}, `${path}.circuitBreaker`);
  else if (breaker !== undefined && breaker !== false) {
    new HystrixCircuitBreaker(breaker, `${path}.circuitBreaker`);
    makeBreaker = () => new HystrixCircuitBreaker(breaker, `${path}.circuitBreaker`);
  }
  const lb = c.loadBalancer ?? "roundRobin";
  const makeBalancer =
    typeof lb === "function"
      ? () => loadBalancer(lb(), `${path}.loadBalancer`)
      : () => loadBalancer(lb, `${path}.loadBalancer`);
  makeBalancer();
  const to = services[toIndex] as ServiceRt;
  // A custom policy is the learner's: errors name it plainly ("invalid policy.timeoutMs: NaN").
  const policyPath = c.policy !== undefined ? "policy" : `${path}.policy`;
  return new CallRt(
    id,
    from,
    to,
    policy,
    policyPath,
    msToUs(hedgeAfterMs),
    fallback,
    makeBudget,
    makeBreaker,
    makeBalancer,
    bulkheadFactory(c.bulkhead, `${path}.bulkhead`),
    ribbon?.connectTimeoutUs ?? -1,
    ribbon?.serverBlackout ?? false,
  );
}

function checkPolicy(policy: unknown, path: string) {
  if (policy === null || typeof policy !== "object" || typeof (policy as { decide?: unknown }).decide !== "function") {
    throw new SimConfigError(path, policy, "an object with a decide(context) method");
  }
  return policy as CallRt["policy"];
}

/** A call cycle would make requests recurse forever; reject it up front. */
function checkAcyclic(services: ServiceRt[]): void {
  const state = new Uint8Array(services.length);
  const visit = (s: ServiceRt, chain: string[]): void => {
    if (state[s.id] === 2) return;
    if (state[s.id] === 1) {
      throw new SimConfigError("rpc.services", [...chain, s.name].join(" -> "), "a call graph without cycles");
    }
    state[s.id] = 1;
    for (const stage of s.stages) for (const c of stage) visit(c.to, [...chain, s.name]);
    state[s.id] = 2;
  };
  for (const s of services) visit(s, []);
}

/** Hop numbers by breadth-first search from the edge, so a policy can tell the layers apart. */
function numberHops(edge: ServiceRt): void {
  const depth = new Map<ServiceRt, number>([[edge, 0]]);
  const queue = [edge];
  for (let k = 0; k < queue.length; k++) {
    const s = queue[k] as ServiceRt;
    const d = depth.get(s) as number;
    for (const stage of s.stages) {
      for (const c of stage) {
        if (c.hop === 0) c.hop = d + 1;
        if (!depth.has(c.to)) {
          depth.set(c.to, d + 1);
          queue.push(c.to);
        }
      }
    }
  }
}
