// The flow benchmark's typed-array twin: client → edge → mid → `leaves` parallel leaves, each
// service with `instances` instances of 200 workers and a queue of 100 (Tomcat defaults, as in
// sim-core's rpc), a thread held while its request waits downstream, round-robin balancing,
// network delays by locality, a 100 ms timeout per attempt and one retry on another instance.
//
// It does the work sim-core's `fanOutFlow` does, written as a practised hand would: records in
// typed-array pools with free lists, events as numbers in one heap. Two simplifications are
// deliberate and typical of hand-written simulators: a timeout that is no longer needed stays in
// the heap and is ignored when it fires (lazy deletion, instead of removal), and there are no
// policy objects, spans, breakers or budgets to consult. Its results agree with sim-core's only
// statistically: the streams are drawn in a different order.
import seedrandom from "seedrandom";
import { TypedHeap } from "./typed-heap.js";

export interface FlowParams {
  requests: number;
  ratePerSec: number;
  instances: number;
  leaves: number;
  seed: number;
}

/** Tomcat defaults, as sim-core's DEFAULT_WORKERS and DEFAULT_QUEUE_CAPACITY. */
const WORKERS = 200;
const QUEUE_CAPACITY = 100;
const QUEUE_SLOTS = 128; // a power of two above QUEUE_CAPACITY, for a ring per instance
const TIMEOUT_US = 100_000;
const RETRIES = 1;
/** DEFAULT_NETWORK: lognormal one-way delays in ms, fitted from a median and a p99. */
const SAME_ZONE = { median: 0.25, p99: 1 };
const CROSS_ZONE = { median: 1, p99: 3 };
const Z_P99 = 2.3263478740408408;

// Event types in the low 3 bits of an event's payload; the record id above them.
const LOAD = 0;
const ARRIVE = 1;
const LOCAL_DONE = 2;
const RESPOND = 3;
const TIMEOUT = 4;

const OK = 0;
const FAILED = 1;
const PENDING = 0;
const DONE = 1;

/** A pool of fixed-shape records as parallel Float64Arrays, with a free list. */
class Pool {
  fields: Float64Array[];
  private free: number[] = [];
  private next = 0;
  live = 0;
  peak = 0;
  constructor(fieldCount: number) {
    this.fields = Array.from({ length: fieldCount }, () => new Float64Array(1024));
  }
  alloc(): number {
    this.live++;
    if (this.live > this.peak) this.peak = this.live;
    const id = this.free.pop();
    if (id !== undefined) return id;
    if (this.next === (this.fields[0] as Float64Array).length) {
      this.fields = this.fields.map((f) => {
        const bigger = new Float64Array(f.length * 2);
        bigger.set(f);
        return bigger;
      });
    }
    return this.next++;
  }
  release(id: number): void {
    this.live--;
    this.free.push(id);
  }
}

export function flowOnTypedArrays(p: FlowParams): Record<string, unknown> {
  const services = 2 + p.leaves;
  const perService = p.instances;
  const instanceCount = services * perService;
  // Placement as sim-core's: 3 zones × 2 nodes, zones interleaved, instances dealt out in turn.
  const interleaved = [0, 2, 4, 1, 3, 5];
  const nodeOf = Int32Array.from({ length: instanceCount }, (_, g) => interleaved[g % 6] as number);
  const zoneOf = (node: number) => node >> 1;
  const load = seedrandom.alea(`${p.seed}/load`);
  const network = seedrandom.alea(`${p.seed}/network`);
  const serviceRng = Array.from({ length: services }, (_, s) => seedrandom.alea(`${p.seed}/service-${s}`));
  const sameMu = Math.log(SAME_ZONE.median);
  const sameSigma = (Math.log(SAME_ZONE.p99) - sameMu) / Z_P99;
  const crossMu = Math.log(CROSS_ZONE.median);
  const crossSigma = (Math.log(CROSS_ZONE.p99) - crossMu) / Z_P99;
  const leafMu = Math.log(2);
  const leafSigma = (Math.log(20) - leafMu) / Z_P99;
  const meanGapUs = 1e6 / p.ratePerSec;

  const heap = new TypedHeap();
  const busy = new Int32Array(instanceCount);
  const queueHead = new Int32Array(instanceCount);
  const queueLength = new Int32Array(instanceCount);
  const queue = new Int32Array(instanceCount * QUEUE_SLOTS);
  // Round-robin turn per (calling instance, callee service).
  const turn = new Int32Array(instanceCount * services);
  // Jobs: instance, attempt (-1: a client request), arrival, start, pending calls, failed.
  const jobs = new Pool(6);
  // Calls: job, callee service, attempts, first instance tried, done.
  const calls = new Pool(5);
  // Attempts: call, instance, state, result, events still to come, caller's instance.
  const attempts = new Pool(6);
  const latencyBuckets = new Float64Array(2048);
  let latencySum = 0;
  let answered = 0;
  let failed = 0;
  let sent = 0;
  let inFlight = 0;
  let inFlightPeak = 0;
  let inFlightArea = 0;
  let lastChangeUs = 0;
  let events = 0;
  let nowUs = 0;

  const normal = (rng: () => number) => {
    const u1 = 1 - rng();
    const u2 = rng();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  };
  const networkUs = (fromInstance: number, toInstance: number) => {
    const a = nodeOf[fromInstance] as number;
    const b = nodeOf[toInstance] as number;
    if (a === b) return 0;
    const ms =
      zoneOf(a) === zoneOf(b)
        ? Math.exp(sameMu + sameSigma * normal(network))
        : Math.exp(crossMu + crossSigma * normal(network));
    return Math.round(ms * 1000);
  };
  const serviceUs = (service: number) => {
    const rng = serviceRng[service] as () => number;
    const ms =
      service === 0
        ? -0.5 * Math.log(1 - rng())
        : service === 1
          ? -1 * Math.log(1 - rng())
          : Math.exp(leafMu + leafSigma * normal(rng));
    return Math.round(ms * 1000);
  };
  const start = (job: number) => {
    const inst = jobs.fields[0]?.[job] as number;
    busy[inst] = (busy[inst] as number) + 1;
    (jobs.fields[3] as Float64Array)[job] = nowUs;
    heap.push(nowUs + serviceUs(Math.floor(inst / perService)), job * 8 + LOCAL_DONE);
  };
  const admit = (job: number) => {
    const inst = jobs.fields[0]?.[job] as number;
    if ((busy[inst] as number) < WORKERS) start(job);
    else if ((queueLength[inst] as number) < QUEUE_CAPACITY) {
      const at =
        inst * QUEUE_SLOTS + (((queueHead[inst] as number) + (queueLength[inst] as number)) & (QUEUE_SLOTS - 1));
      queue[at] = job;
      queueLength[inst] = (queueLength[inst] as number) + 1;
    } else reply(job, FAILED);
  };
  const changeInFlight = (delta: number) => {
    inFlightArea += inFlight * (nowUs - lastChangeUs);
    lastChangeUs = nowUs;
    inFlight += delta;
    if (inFlight > inFlightPeak) inFlightPeak = inFlight;
  };
  const reply = (job: number, result: number) => {
    const [instances, attemptOf, arrivals] = jobs.fields as [Float64Array, Float64Array, Float64Array];
    const attempt = attemptOf[job] as number;
    if (attempt < 0) {
      const ms = (nowUs - (arrivals[job] as number)) / 1000;
      latencySum += ms;
      answered++;
      if (result !== OK) failed++;
      const i = ms < 1e-3 ? 0 : Math.min(2047, Math.floor(Math.log(ms / 1e-3) / Math.log(1.02)));
      latencyBuckets[i] = (latencyBuckets[i] as number) + 1;
      changeInFlight(-1);
    } else {
      (attempts.fields[3] as Float64Array)[attempt] = result;
      const callerInstance = attempts.fields[5]?.[attempt] as number;
      heap.push(nowUs + networkUs(instances[job] as number, callerInstance), attempt * 8 + RESPOND);
    }
    jobs.release(job);
  };
  const finishJob = (job: number) => {
    const inst = jobs.fields[0]?.[job] as number;
    reply(job, jobs.fields[5]?.[job] === 1 ? FAILED : OK);
    busy[inst] = (busy[inst] as number) - 1;
    if ((queueLength[inst] as number) > 0) {
      const next = queue[inst * QUEUE_SLOTS + (queueHead[inst] as number)] as number;
      queueHead[inst] = ((queueHead[inst] as number) + 1) & (QUEUE_SLOTS - 1);
      queueLength[inst] = (queueLength[inst] as number) - 1;
      start(next);
    }
  };
  const sendAttempt = (call: number) => {
    const [jobOf, calleeOf, attemptsOf, firstTried] = calls.fields as [
      Float64Array,
      Float64Array,
      Float64Array,
      Float64Array,
    ];
    const job = jobOf[call] as number;
    const caller = jobs.fields[0]?.[job] as number;
    const callee = calleeOf[call] as number;
    const t = caller * services + callee;
    const k = turn[t] as number;
    turn[t] = k + 1;
    let index: number;
    if (attemptsOf[call] === 0) {
      index = k % perService;
      firstTried[call] = index;
    } else {
      // Round robin over the instances not tried yet (one retry: all but the first).
      index = k % (perService - 1);
      if (index >= (firstTried[call] as number)) index++;
    }
    attemptsOf[call] = (attemptsOf[call] as number) + 1;
    const target = callee * perService + index;
    const a = attempts.alloc();
    const f = attempts.fields as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
    f[0][a] = call;
    f[1][a] = target;
    f[2][a] = PENDING;
    f[3][a] = OK;
    f[4][a] = 2; // its timeout and its answer are still to come
    f[5][a] = caller;
    sent++;
    heap.push(nowUs + TIMEOUT_US, a * 8 + TIMEOUT);
    heap.push(nowUs + networkUs(caller, target), a * 8 + ARRIVE);
  };
  const runCalls = (job: number) => {
    const service = Math.floor((jobs.fields[0]?.[job] as number) / perService);
    if (service >= 2 || jobs.fields[5]?.[job] === 1) {
      finishJob(job);
      return;
    }
    const first = service === 0 ? 1 : 2;
    const count = service === 0 ? 1 : p.leaves;
    (jobs.fields[4] as Float64Array)[job] = count;
    for (let c = 0; c < count; c++) {
      const call = calls.alloc();
      const f = calls.fields as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
      f[0][call] = job;
      f[1][call] = first + c;
      f[2][call] = 0;
      f[4][call] = PENDING;
      sendAttempt(call);
    }
  };
  const finishCall = (call: number, result: number) => {
    const job = calls.fields[0]?.[call] as number;
    calls.release(call);
    if (result !== OK) (jobs.fields[5] as Float64Array)[job] = 1;
    const pending = jobs.fields[4] as Float64Array;
    pending[job] = (pending[job] as number) - 1;
    if (pending[job] === 0) finishJob(job);
  };
  const afterFailure = (call: number) => {
    if ((calls.fields[2]?.[call] as number) <= RETRIES) sendAttempt(call);
    else finishCall(call, FAILED);
  };
  const settle = (a: number) => {
    const left = attempts.fields[4] as Float64Array;
    left[a] = (left[a] as number) - 1;
    if (left[a] === 0) attempts.release(a);
  };

  let toSend = p.requests;
  heap.push(0, LOAD);
  while (heap.size > 0) {
    const data = heap.pop();
    nowUs = heap.poppedTime;
    events++;
    const type = data & 7;
    const id = (data - type) / 8;
    if (type === LOAD) {
      toSend--;
      const job = jobs.alloc();
      const f = jobs.fields as Float64Array[];
      const inst = (p.requests - toSend - 1) % perService;
      (f[0] as Float64Array)[job] = inst;
      (f[1] as Float64Array)[job] = -1;
      (f[2] as Float64Array)[job] = nowUs;
      (f[5] as Float64Array)[job] = 0;
      changeInFlight(1);
      admit(job);
      if (toSend > 0) heap.push(nowUs + Math.round(-meanGapUs * Math.log(1 - load())), LOAD);
    } else if (type === ARRIVE) {
      const job = jobs.alloc();
      const f = jobs.fields as Float64Array[];
      (f[0] as Float64Array)[job] = attempts.fields[1]?.[id] as number;
      (f[1] as Float64Array)[job] = id;
      (f[2] as Float64Array)[job] = nowUs;
      (f[5] as Float64Array)[job] = 0;
      admit(job);
    } else if (type === LOCAL_DONE) {
      runCalls(id);
    } else {
      const state = attempts.fields[2] as Float64Array;
      if (state[id] === PENDING) {
        state[id] = DONE;
        const call = attempts.fields[0]?.[id] as number;
        if (type === RESPOND && attempts.fields[3]?.[id] === OK) finishCall(call, OK);
        else afterFailure(call);
      }
      settle(id);
    }
  }
  return {
    requests: answered,
    events,
    ok: answered - failed,
    latencyMsMean: latencySum / answered,
    attemptsPerRequest: sent / answered,
    inFlightMean: inFlightArea / nowUs,
    inFlightPeak,
    simulatedMs: nowUs / 1000,
    peakRecords: jobs.peak + calls.peak + attempts.peak,
  };
}
