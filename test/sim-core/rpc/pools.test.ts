import { describe, expect, it } from "vitest";
import {
  AttemptPool,
  type Call,
  CallPool,
  type ClientRt,
  type InstanceRt,
  type Job,
  JobPool,
} from "../../../sim-core/src/rpc/runtime.js";

// The pools only move references around, so stand-in objects are enough here.
const instance = { index: 0 } as unknown as InstanceRt;
const call = {} as unknown as Call;

describe("record pools", () => {
  it("AttemptPool.drop(a) recycles an attempt only after both references are dropped", () => {
    const pool = new AttemptPool();
    const a = pool.take(call, instance, 1, false, 0, Infinity, 7, 3);
    a.state = 2;
    pool.drop(a);
    const b = pool.take(call, instance, 1, false, 0, Infinity, 8, 3);
    expect(b).not.toBe(a);
    pool.drop(a);
    const c = pool.take(call, instance, 2, true, 5, 9, 9, 4);
    expect(c).toBe(a);
    expect([c.state, c.refs, c.number, c.hedge, c.requestId, c.callerNode]).toEqual([0, 2, 2, true, 9, 4]);
  });

  it("JobPool.take() after give() returns the job with every field reset", () => {
    const pool = new JobPool();
    const job = pool.take(1, instance, null, 10, Infinity);
    job.failed = true;
    job.stage = 2;
    pool.give(job);
    const again = pool.take(2, instance, null, 20, 30) as Job;
    expect(again).toBe(job);
    expect([again.requestId, again.arrivalUs, again.deadlineUs, again.failed, again.stage]).toEqual([
      2,
      20,
      30,
      false,
      0,
    ]);
  });

  it("CallPool.take() after give() gives a fresh tried array (a policy may have kept the old one)", () => {
    const pool = new CallPool();
    const client = {} as unknown as ClientRt;
    const first = pool.take({} as Job, client, 0);
    first.tried.push(4);
    const kept = first.tried;
    first.done = true;
    pool.give(first);
    const second = pool.take({} as Job, client, 5);
    expect(second).toBe(first);
    expect([second.tried, second.done, second.startUs, kept]).toEqual([[], false, 5, [4]]);
  });
});
