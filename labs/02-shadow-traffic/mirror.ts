// Lab 02: shadow traffic. Part 2, the mirroring policy.
//
// The primary (the data-centre monolith: 200 Tomcat threads, a queue of 100) copies requests to
// the cloud stack. The code below sends each copy and forgets it, with no limit: when the cloud
// hangs, pending copies pile up in the heap until the monolith dies of OutOfMemoryError. It runs,
// and it fails every mirroring check.
//
// Do not change the exported name or the types: the grader calls `mirrorPolicy()` and runs
// sim-core's `simulateMirror` with its three fields, against a cloud that hangs, one that is
// slow and one that is healthy.

import type { MirrorOptions } from "sim-core";

/** The three choices of a mirroring run that are yours. */
export type MirrorPolicy = Pick<MirrorOptions, "mode" | "shadowTimeoutMs" | "maxInFlight">;

/**
 * `mode`: "sync" (the request thread waits for the copy's answer), "async-bounded" (the copy
 * leaves on its own pool, at most `maxInFlight` pending, more are dropped), "async-unbounded"
 * (no limit, no timeout) or "none". `shadowTimeoutMs`: when a copy gives up (sync and bounded).
 */
export function mirrorPolicy(): MirrorPolicy {
  // TODO 1: which mode never makes a request thread wait for the cloud?
  // TODO 2: bound what a hung cloud can hold: how many copies may be pending at once, and how
  //         long each may wait. Hystrix's defaults are a good start (see README.md). Mind the
  //         healthy cloud too: a bound so tight that most copies are dropped mirrors nothing.
  return { mode: "async-unbounded", shadowTimeoutMs: 1000, maxInFlight: 10 };
}
