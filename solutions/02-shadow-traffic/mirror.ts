// Lab 02: shadow traffic. Part 2, the mirroring policy.
//
// The primary (the data-centre monolith: 200 Tomcat threads, a queue of 100) copies requests to
// the cloud stack. If the copy waits for the cloud (sync), a hung cloud holds every request
// thread; if it is sent and forgotten with no limit, the pending copies pile up in the heap until
// the monolith dies of OutOfMemoryError. The shadow path must never hurt the primary.
//
// Do not change the exported name or the types: the grader calls `mirrorPolicy()` and runs
// sim-core's `simulateMirror` with its three fields, against a cloud that hangs, one that is
// slow and one that is healthy.

import type { MirrorOptions } from "sim-core";

/** The three choices of a mirroring run that are yours. */
export type MirrorPolicy = Pick<MirrorOptions, "mode" | "shadowTimeoutMs" | "maxInFlight">;

/**
 * Send and forget, bounded: the copy leaves on its own thread pool after the primary has started
 * the request, so the primary's threads never wait for the cloud. Hystrix's defaults bound it:
 * 10 threads (`coreSize`, no queue), so at most 10 copies are pending and a hung cloud holds at
 * most 10 × 64 KB; a 1 s timeout (`execution.isolation.thread.timeoutInMilliseconds`) frees a
 * slot of a hung call. When all 10 are busy the copy is dropped: a lost shadow request costs
 * nothing, a held primary thread costs a customer. On a healthy cloud, 10 slots are plenty: at
 * 40 copies a second and under 100 ms each, about 4 are pending (Little's law).
 */
export function mirrorPolicy(): MirrorPolicy {
  return { mode: "async-bounded", shadowTimeoutMs: 1000, maxInFlight: 10 };
}
