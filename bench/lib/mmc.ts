// M/M/c two ways: module 0's `queueing` scenario (sim-core's Station on the kernel, exactly what a
// learner runs), and a hand-written loop on typed arrays that draws the same numbers from the
// same streams in the same order and computes the same outputs (response and wait histograms,
// utilisation, Little's law area, queue-length series). The runner checks that they agree.
import seedrandom from "seedrandom";
import { queueing } from "../../sim-core/src/index.js";
import { TypedHeap } from "./typed-heap.js";

export interface MmcParams {
  servers: number;
  arrivalRatePerS: number;
  serviceTimeMsMean: number;
  customers: number;
  seed: number;
}

/** The simulator as users run it: the registered `queueing` scenario. */
export function mmcOnSimCore(p: MmcParams): Record<string, unknown> {
  const r = queueing.run({ ...p, serviceShape: "exponential" });
  return {
    customers: r.customers,
    meanResponse: r.responseMs.mean,
    p99Response: r.responseMs.p99,
    meanWait: r.waitMs.mean,
    utilisation: r.utilisation,
    meanInSystem: r.littlesLaw.meanInSystem,
    theoryMeanResponse: r.theory?.meanResponse,
    fingerprint: r.fingerprint,
  };
}

/** Log-bucketed histogram parameters, as in sim-core's Histogram (growth 1.02 from 1e-6). */
const LOG_GROWTH = Math.log(1.02);
const OFFSET = 698;
const BUCKETS = 1746;

/** The same model with nothing but typed arrays: one heap, a ring buffer, inline sampling. */
export function mmcOnTypedArrays(p: MmcParams): Record<string, unknown> {
  const arrivalStream = seedrandom.alea(`${p.seed}/arrivals`);
  const serviceStream = seedrandom.alea(`${p.seed}/service`);
  const meanGapMs = 1000 / p.arrivalRatePerS;
  const meanServiceMs = p.serviceTimeMsMean;
  const binUs = Math.max(1, Math.round(p.customers / p.arrivalRatePerS / 0.2)) * 1000;
  const heap = new TypedHeap();
  // Waiting customers' arrival times, FIFO in a growable ring buffer (power-of-two length).
  let ring = new Float64Array(1024);
  let head = 0;
  let waiting = 0;
  // Customers in service: arrival and start times by worker slot; free slots on a stack.
  const slotArrivalUs = new Float64Array(p.servers);
  const slotStartUs = new Float64Array(p.servers);
  const freeSlots = Int32Array.from({ length: p.servers }, (_, i) => p.servers - 1 - i);
  let freeCount = p.servers;
  const responseBuckets = new Float64Array(BUCKETS + 1);
  const waitBuckets = new Float64Array(BUCKETS + 1);
  // Queue length per bin: time-weighted area and maximum.
  let queueArea: Float64Array<ArrayBuffer> = new Float64Array(256);
  let queueMax: Float64Array<ArrayBuffer> = new Float64Array(256);
  let queueChangedUs = 0;
  let arrived = 0;
  let done = 0;
  let responseSum = 0;
  let waitSum = 0;
  let busyUs = 0;
  let inSystem = 0;
  let inSystemAreaUs = 0;
  let lastChangeUs = 0;
  let nowUs = 0;

  // Everything below is inline on purpose: helpers closing over these counters would keep them
  // in a heap context instead of registers, and this loop is meant to be the ceiling.
  heap.push(0, -1);
  while (heap.size > 0) {
    const data = heap.pop();
    nowUs = heap.poppedTime;
    inSystemAreaUs += inSystem * (nowUs - lastChangeUs);
    lastChangeUs = nowUs;
    let startArrivedUs = -1;
    let queueDelta = 0;
    if (data < 0) {
      arrived++;
      inSystem++;
      if (freeCount > 0) startArrivedUs = nowUs;
      else {
        if (waiting === ring.length) {
          const bigger = new Float64Array(ring.length * 2);
          for (let i = 0; i < waiting; i++) bigger[i] = ring[(head + i) & (ring.length - 1)] as number;
          ring = bigger;
          head = 0;
        }
        ring[(head + waiting) & (ring.length - 1)] = nowUs;
        queueDelta = 1;
      }
    } else {
      inSystem--;
      freeSlots[freeCount++] = data;
      const startUs = slotStartUs[data] as number;
      const arrivedUs = slotArrivalUs[data] as number;
      busyUs += nowUs - startUs;
      done++;
      const responseMs = (nowUs - arrivedUs) / 1000;
      const waitMs = (startUs - arrivedUs) / 1000;
      responseSum += responseMs;
      waitSum += waitMs;
      let i =
        responseMs < 1e-6 ? BUCKETS : Math.min(BUCKETS - 1, Math.floor(Math.log(responseMs) / LOG_GROWTH) + OFFSET);
      responseBuckets[i] = (responseBuckets[i] as number) + 1;
      i = waitMs < 1e-6 ? BUCKETS : Math.min(BUCKETS - 1, Math.floor(Math.log(waitMs) / LOG_GROWTH) + OFFSET);
      waitBuckets[i] = (waitBuckets[i] as number) + 1;
      if (waiting > 0) {
        startArrivedUs = ring[head] as number;
        head = (head + 1) & (ring.length - 1);
        queueDelta = -1;
      }
    }
    if (queueDelta !== 0) {
      // Close the queue-length segment since the last change, bin by bin.
      for (let t = queueChangedUs; t < nowUs; ) {
        const bin = Math.floor(t / binUs);
        if (bin >= queueArea.length) {
          queueArea = grow(queueArea);
          queueMax = grow(queueMax);
        }
        const end = Math.min(nowUs, (bin + 1) * binUs);
        queueArea[bin] = (queueArea[bin] as number) + waiting * (end - t);
        if (waiting > (queueMax[bin] as number)) queueMax[bin] = waiting;
        t = end;
      }
      queueChangedUs = nowUs;
      waiting += queueDelta;
    }
    if (startArrivedUs >= 0) {
      const slot = freeSlots[--freeCount] as number;
      slotArrivalUs[slot] = startArrivedUs;
      slotStartUs[slot] = nowUs;
      heap.push(nowUs + Math.round(-meanServiceMs * Math.log(1 - serviceStream()) * 1000), slot);
    }
    if (data < 0 && arrived < p.customers) {
      heap.push(nowUs + Math.round(-meanGapMs * Math.log(1 - arrivalStream()) * 1000), -1);
    }
  }
  return {
    customers: done,
    meanResponse: responseSum / done,
    meanWait: waitSum / done,
    utilisation: busyUs / (nowUs * p.servers),
    meanInSystem: inSystemAreaUs / nowUs,
  };
}

function grow(array: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> {
  const bigger = new Float64Array(array.length * 2);
  bigger.set(array);
  return bigger;
}
