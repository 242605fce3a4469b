import { checkOneOf } from "../errors/index.js";
import { type Handler, type Simulation, US_PER_S } from "../kernel/index.js";
import type { Rng } from "../random/index.js";

/** Eureka default: eureka.instance.lease-renewal-interval-in-seconds = 30. */
export const EUREKA_RENEWAL_INTERVAL_S = 30;
/** Eureka default: eureka.instance.lease-expiration-duration-in-seconds = 90. */
export const EUREKA_LEASE_EXPIRATION_S = 90;
/** Eureka default: eureka.client.registry-fetch-interval-seconds = 30. */
export const EUREKA_REGISTRY_FETCH_S = 30;

/**
 * How clients learn which instances exist: `static` never changes (dead instances stay listed),
 * `instant` knows at once (an ideal no real system has), `eureka` lags as Eureka does: a dead
 * instance stops renewing, the server evicts it when its lease expires, and each client sees
 * that only at its next registry fetch.
 */
export type DiscoveryMode = "static" | "instant" | "eureka";
export const DISCOVERY_MODES: readonly DiscoveryMode[] = ["static", "instant", "eureka"];

interface InstanceRef {
  service: number;
  index: number;
  renewPhaseUs: number;
  registered: boolean;
  evictHandle: number;
}

/**
 * A service registry and per-client caches of it. Renewals and fetches are computed from their
 * phase rather than simulated as events, so an idle registry costs nothing; events exist only
 * for evictions and for the fetches that follow a change.
 *
 * @example
 * const d = new Discovery(new Simulation(), [[0, 1]], 1, "instant", createRng(1));
 * d.nodeChanged(1, false); d.view(0, 0) // [0]
 */
export class Discovery {
  readonly mode: DiscoveryMode;
  private readonly sim: Simulation;
  private readonly instances: InstanceRef[][];
  private readonly byNode = new Map<number, InstanceRef[]>();
  /** views[caller][service]: the instance indices that caller currently believes exist. */
  private readonly views: number[][][];
  private readonly fetchPhaseUs: number[];
  private readonly fetchPending: boolean[];
  private readonly evict: Handler<InstanceRef>;
  private readonly fetch: Handler<number>;

  /**
   * `placement[s][i]` is the node of instance i of service s; `callers` is how many client caches
   * exist (one per calling service).
   */
  constructor(
    sim: Simulation,
    placement: readonly (readonly number[])[],
    callers: number,
    mode: DiscoveryMode,
    rng: Rng,
  ) {
    this.sim = sim;
    this.mode = checkOneOf("discovery", mode, DISCOVERY_MODES);
    const periodUs = EUREKA_RENEWAL_INTERVAL_S * US_PER_S;
    this.instances = placement.map((nodes, service) =>
      nodes.map((node, index) => {
        const ref = {
          service,
          index,
          renewPhaseUs: Math.floor(rng.next() * periodUs),
          registered: true,
          evictHandle: -1,
        };
        const list = this.byNode.get(node) ?? [];
        list.push(ref);
        this.byNode.set(node, list);
        return ref;
      }),
    );
    const all = placement.map((nodes) => nodes.map((_, i) => i));
    this.views = Array.from({ length: callers }, () => all.map((list) => list.slice()));
    this.fetchPhaseUs = Array.from({ length: callers }, () =>
      Math.floor(rng.next() * EUREKA_REGISTRY_FETCH_S * US_PER_S),
    );
    this.fetchPending = Array.from({ length: callers }, () => false);
    this.evict = sim.handler("discovery.evict", (ref: InstanceRef) => {
      ref.evictHandle = -1;
      ref.registered = false;
      this.serverChanged();
    });
    this.fetch = sim.handler("discovery.fetch", (caller: number) => {
      this.fetchPending[caller] = false;
      this.refresh(caller);
    });
  }

  /** The instance indices of `service` that client `caller` believes are up. */
  view(caller: number, service: number): readonly number[] {
    return this.views[caller]?.[service] ?? [];
  }

  /** Tells the registry that a node went down or came back. */
  nodeChanged(node: number, up: boolean): void {
    if (this.mode === "static") return;
    const refs = this.byNode.get(node);
    if (refs === undefined) return;
    for (const ref of refs) {
      if (this.mode === "instant") {
        ref.registered = up;
        continue;
      }
      if (up) {
        if (ref.evictHandle >= 0) this.sim.cancel(ref.evictHandle);
        ref.evictHandle = -1;
        // A restarted instance registers at once; renewals restart from now.
        if (!ref.registered) ref.registered = true;
      } else if (ref.registered && ref.evictHandle < 0) {
        const periodUs = EUREKA_RENEWAL_INTERVAL_S * US_PER_S;
        const since = this.sim.nowUs - ref.renewPhaseUs;
        const lastRenewUs =
          since < 0 ? ref.renewPhaseUs - periodUs : ref.renewPhaseUs + Math.floor(since / periodUs) * periodUs;
        const evictAtUs = Math.max(this.sim.nowUs, lastRenewUs + EUREKA_LEASE_EXPIRATION_S * US_PER_S);
        ref.evictHandle = this.sim.scheduleAt(evictAtUs, this.evict, ref);
      }
    }
    if (this.mode === "instant") {
      for (let c = 0; c < this.views.length; c++) this.refresh(c);
    } else {
      this.serverChanged();
    }
  }

  private serverChanged(): void {
    const periodUs = EUREKA_REGISTRY_FETCH_S * US_PER_S;
    for (let c = 0; c < this.views.length; c++) {
      if (this.fetchPending[c]) continue;
      const phase = this.fetchPhaseUs[c] as number;
      const since = this.sim.nowUs - phase;
      const nextUs = since <= 0 ? phase : phase + Math.ceil(since / periodUs) * periodUs;
      this.fetchPending[c] = true;
      this.sim.scheduleAt(nextUs, this.fetch, c);
    }
  }

  private refresh(caller: number): void {
    this.views[caller] = this.instances.map((refs) => refs.filter((r) => r.registered).map((r) => r.index));
  }
}
