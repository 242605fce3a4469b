import type { Outcome } from "./outcome.js";

/**
 * What sends each client request to a region's edge, as DNS and a global traffic director do,
 * and hears how it ended. A chaos experiment's router knows each request's customer, the
 * customer's home region and whether an evacuation has moved them yet.
 */
export interface EdgeRouter {
  /** Region index (in `Topology.regions` order) whose edge gets request `requestId`; -1 for any. */
  route(requestId: number): number;
  /** Request `requestId`'s answer at the edge; `degraded` when a fallback answered inside it. */
  answered(requestId: number, outcome: Outcome, degraded: boolean): void;
}

/** How far a client's service discovery sees: every instance, or only those in its own region. */
export const DISCOVERY_SCOPES = ["global", "region"] as const;
export type DiscoveryScope = (typeof DISCOVERY_SCOPES)[number];
