import { checkOneOf } from "../errors/index.js";
import { type Handler, type Simulation, US_PER_MS, US_PER_S } from "../kernel/index.js";
import type { Rng } from "../random/index.js";
import { EUREKA_RENEWAL_INTERVAL_S, firstEvictionRunUs, leaseEndUs, nextTickUs } from "./eureka-lease.js";
import { chooseEvictions, type InstanceRef, isListed } from "./eureka-registry.js";

/** Eureka default: registryFetchIntervalSeconds (DefaultEurekaClientConfig.java getRegistryFetchIntervalSeconds, 30). */
export const EUREKA_REGISTRY_FETCH_S = 30;
/** Eureka default: responseCacheUpdateIntervalMs (DefaultEurekaServerConfig.java getResponseCacheUpdateIntervalMs, 30 * 1000), the read-only cache clients read. */
export const EUREKA_RESPONSE_CACHE_UPDATE_MS = 30_000;
/** Ribbon default: ServerListRefreshInterval, unset in CommonClientConfigKey.java, so PollingServerListUpdater.java LISTOFSERVERS_CACHE_REPEAT_INTERVAL = 30 * 1000 applies. */
export const RIBBON_SERVER_LIST_REFRESH_MS = 30_000;

/**
 * How clients learn which instances exist: `static` never changes (dead instances stay listed),
 * `instant` knows at once (an ideal no real system has), `eureka` lags as Eureka and Ribbon do:
 * a dead instance stops renewing; the server's eviction run (every 60 s) removes it once its
 * lease expired (2 × 90 s after the last renewal) unless self-preservation holds it; the
 * server's read-only cache shows that at its next 30 s refresh; the client's registry fetch
 * (every 30 s) and then Ribbon's server-list refresh (every 30 s) carry it to the caller.
 */
export type DiscoveryMode = "static" | "instant" | "eureka";
export const DISCOVERY_MODES: readonly DiscoveryMode[] = ["static", "instant", "eureka"];

/**
 * A service registry and per-client caches of it. Renewals, cache refreshes, fetches and list
 * refreshes are computed from their phases rather than simulated as events, so a registry where
 * nothing fails costs nothing; events exist only for eviction runs that can evict and for the
 * list refreshes that carry a change to a client.
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
  private readonly lastScheduledUs: number[];
  private readonly cachePhaseUs: number;
  private readonly listPhaseUs: number[];
  private readonly evictionRng: Rng;
  private expectedClients: number;
  private evictionHandle = -1;
  private evictionAtUs = Infinity;
  private readonly evict: Handler<null>;
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
    // Draw order matters for reproducibility: renewal phases, fetch phases, then the rest.
    this.instances = placement.map((nodes, service) =>
      nodes.map((node, index) => {
        const phase = Math.floor(rng.next() * periodUs);
        const ref = {
          service,
          index,
          renewPhaseUs: phase,
          ups: [{ fromUs: 0, toUs: Infinity, phaseUs: phase }],
          listed: [0, Infinity],
        };
        const list = this.byNode.get(node) ?? [];
        list.push(ref);
        this.byNode.set(node, list);
        return ref;
      }),
    );
    this.expectedClients = placement.reduce((sum, nodes) => sum + nodes.length, 0);
    const all = placement.map((nodes) => nodes.map((_, i) => i));
    this.views = Array.from({ length: callers }, () => all.map((list) => list.slice()));
    this.fetchPhaseUs = Array.from({ length: callers }, () =>
      Math.floor(rng.next() * EUREKA_REGISTRY_FETCH_S * US_PER_S),
    );
    this.lastScheduledUs = Array.from({ length: callers }, () => -1);
    this.cachePhaseUs = Math.floor(rng.next() * EUREKA_RESPONSE_CACHE_UPDATE_MS * US_PER_MS);
    this.listPhaseUs = Array.from({ length: callers }, () =>
      Math.floor(rng.next() * RIBBON_SERVER_LIST_REFRESH_MS * US_PER_MS),
    );
    this.evictionRng = rng.fork("eviction");
    this.evict = sim.handler("discovery.evict", () => this.evictionRun());
    this.fetch = sim.handler("discovery.fetch", (caller: number) => this.refresh(caller));
  }

  /** The instance indices of `service` that client `caller` believes are up. */
  view(caller: number, service: number): readonly number[] {
    return this.views[caller]?.[service] ?? [];
  }

  /**
   * Makes the instances on `node` ones that were never started: not registered, in no client's
   * list, expected by nobody, until the node comes up (then they register as a restart does).
   * Only before the run starts.
   */
  neverStarted(node: number): void {
    for (const ref of this.byNode.get(node) ?? []) {
      if (ref.ups.length === 0) continue;
      ref.ups = [];
      ref.listed = [];
      this.expectedClients--;
      for (const views of this.views) {
        const list = views[ref.service] as number[];
        const at = list.indexOf(ref.index);
        if (at >= 0) list.splice(at, 1);
      }
    }
  }

  /** Tells the registry that a node went down or came back. */
  nodeChanged(node: number, up: boolean): void {
    if (this.mode === "static") return;
    const refs = this.byNode.get(node);
    if (refs === undefined) return;
    const now = this.sim.nowUs;
    let listedChanged = false;
    for (const ref of refs) {
      if (this.mode === "instant") {
        ref.listed = up ? [0, Infinity] : [];
        continue;
      }
      const last = ref.ups[ref.ups.length - 1];
      if (!up && last !== undefined && last.toUs === Infinity) last.toUs = now;
      if (up && (last === undefined || last.toUs !== Infinity)) {
        // A restarted instance registers at once (a new lease) and renews from now on.
        ref.ups.push({ fromUs: now, toUs: Infinity, phaseUs: now });
        if (!isListed(ref, now)) {
          ref.listed.push(now, Infinity);
          this.expectedClients++;
          listedChanged = true;
        }
      }
    }
    if (this.mode === "instant") {
      for (let c = 0; c < this.views.length; c++) this.refresh(c);
      return;
    }
    if (listedChanged) this.serverChanged(now);
    this.scheduleEviction();
  }

  /** Schedules the first eviction run that can find a dead instance's lease expired. */
  private scheduleEviction(): void {
    let atUs = Infinity;
    for (const refs of this.instances) {
      for (const ref of refs) {
        const last = ref.ups[ref.ups.length - 1];
        if (last !== undefined && last.toUs !== Infinity && isListed(ref, this.sim.nowUs)) {
          atUs = Math.min(atUs, Math.max(firstEvictionRunUs(leaseEndUs(last)), firstEvictionRunUs(this.sim.nowUs)));
        }
      }
    }
    if (atUs >= this.evictionAtUs) return;
    if (this.evictionHandle >= 0) this.sim.cancel(this.evictionHandle);
    this.evictionAtUs = atUs;
    this.evictionHandle = atUs === Infinity ? -1 : this.sim.scheduleAt(atUs, this.evict, null);
  }

  /** An eviction run: evicts what `chooseEvictions` picks, then plans the next run. */
  private evictionRun(): void {
    const now = this.sim.nowUs;
    this.evictionHandle = -1;
    this.evictionAtUs = Infinity;
    const evicted = chooseEvictions(this.instances, now, this.expectedClients, this.evictionRng);
    for (const ref of evicted) {
      ref.listed[ref.listed.length - 1] = now;
      if (this.expectedClients > 0) this.expectedClients--;
    }
    if (evicted.length > 0) this.serverChanged(now);
    // Leases still expired (held by self-preservation or the limit) are tried at the next run.
    this.scheduleEviction();
  }

  /** A change in the server's registry reaches each client: cache refresh, fetch, list refresh. */
  private serverChanged(atUs: number): void {
    const cacheUs = nextTickUs(this.cachePhaseUs, EUREKA_RESPONSE_CACHE_UPDATE_MS * US_PER_MS, atUs);
    for (let c = 0; c < this.views.length; c++) {
      const fetchUs = nextTickUs(this.fetchPhaseUs[c] as number, EUREKA_REGISTRY_FETCH_S * US_PER_S, cacheUs);
      const listUs = nextTickUs(this.listPhaseUs[c] as number, RIBBON_SERVER_LIST_REFRESH_MS * US_PER_MS, fetchUs);
      if (listUs === this.lastScheduledUs[c]) continue;
      this.lastScheduledUs[c] = listUs;
      this.sim.scheduleAt(listUs, this.fetch, c);
    }
  }

  /** The caller's list becomes what its last fetch read from the server's cache. */
  private refresh(caller: number): void {
    let atUs = this.sim.nowUs;
    if (this.mode === "eureka") {
      const fetchPeriodUs = EUREKA_REGISTRY_FETCH_S * US_PER_S;
      const fetchUs = nextTickUs(this.fetchPhaseUs[caller] as number, fetchPeriodUs, atUs + 1) - fetchPeriodUs;
      const cachePeriodUs = EUREKA_RESPONSE_CACHE_UPDATE_MS * US_PER_MS;
      atUs = nextTickUs(this.cachePhaseUs, cachePeriodUs, fetchUs + 1) - cachePeriodUs;
    }
    this.views[caller] = this.instances.map((refs) => refs.filter((r) => isListed(r, atUs)).map((r) => r.index));
  }
}
