/**
 * A binary min-heap of pending events ordered by (time, sequence), on typed arrays.
 *
 * The heap keeps each entry's time, key and slot side by side in heap order, so sifting reads
 * neighbouring memory, writes nothing else and allocates nothing. The key is the sequence number
 * (plus a fixed offset) times 2^16 plus the entry's kind: it orders ties by sequence alone and
 * hands `pop` the kind without touching a per-slot array. The slot holds what the heap does not
 * move: the payload and a stamp (generation and state in one word), so popping from a deep queue
 * reads two scattered arrays, not four. Handles name a slot and its generation, so a stale
 * handle is harmless.
 *
 * `remove` is O(1): it drops the payload at once (a cancelled timeout keeps nothing alive) and
 * leaves a tombstone in the heap, skipped when it reaches the top. When tombstones outnumber
 * live entries the heap is rebuilt without them, so memory stays within twice the live events.
 * Rebuilding cannot change the order of events: (time, sequence) keys are unique.
 *
 * @example
 * const q = new EventQueue<string>(); q.push(20, "late"); q.push(10, "early");
 * q.pop() // 'early'
 */
export class EventQueue<P> {
  /** The kind given to `push` for the entry `pop` returned last (0 when none was given). */
  poppedKind = 0;
  private capacity: number;
  /** Heap entries, tombstones included. */
  private size = 0;
  private dead = 0;
  private times: Float64Array;
  /** Sequence × KIND_LIMIT + kind, in heap order. */
  private seqs: Float64Array;
  private slots: Int32Array;
  /** Per slot: generation × 4 + state. */
  private stamps: Uint32Array;
  private payload: (P | undefined)[] = [];
  private free: Int32Array;
  private freeCount = 0;
  private nextFresh = 0;
  private nextSeq = 0;

  constructor(initialCapacity = 1024) {
    this.capacity = Math.max(2, initialCapacity);
    this.times = new Float64Array(this.capacity);
    this.seqs = new Float64Array(this.capacity);
    this.slots = new Int32Array(this.capacity);
    this.stamps = new Uint32Array(this.capacity);
    this.free = new Int32Array(this.capacity);
  }

  /** Pending events (cancelled ones not counted). */
  get length(): number {
    return this.size - this.dead;
  }

  /**
   * Adds an event with an optional small integer `kind` in [0, 65536) (the kernel stores the
   * handler number there, so an event needs no wrapper object); returns a handle that `remove`
   * accepts.
   */
  push(timeUs: number, payload: P, kind = 0): number {
    if ((kind & KIND_MASK) !== kind || this.nextSeq === SEQ_LIMIT) rejectPush(kind);
    let slot: number;
    if (this.freeCount > 0) slot = this.free[--this.freeCount] as number;
    else {
      if (this.nextFresh === this.capacity) this.grow();
      slot = this.nextFresh++;
    }
    this.payload[slot] = payload;
    const gen = (this.stamps[slot] as number) >>> 2;
    this.stamps[slot] = (gen << 2) | PENDING;
    if (this.size === this.capacity) this.grow();
    this.siftUp(this.size++, timeUs, (this.nextSeq++ + SEQ_BASE) * KIND_LIMIT + kind, slot);
    return gen * SLOT_LIMIT + slot;
  }

  /** Whether no event is pending (cheaper than `length`: the top is never a tombstone). */
  isEmpty(): boolean {
    return this.size === 0;
  }

  /** Time of the earliest event; only meaningful when length > 0. */
  peekTime(): number {
    return this.times[0] as number;
  }

  /** Removes the earliest event and returns its payload (call only when length > 0). */
  pop(): P {
    const slot = this.slots[0] as number;
    const payload = this.payload[slot] as P;
    const key = this.seqs[0] as number;
    // key mod 2^16, exactly: multiplying by a power of two never rounds.
    this.poppedKind = key - Math.floor(key * (1 / KIND_LIMIT)) * KIND_LIMIT;
    this.release(slot);
    this.removeTop();
    if (this.dead > 0) this.purgeTop();
    return payload;
  }

  /** Cancels the event with this handle if still pending; returns whether it was. */
  remove(handle: number): boolean {
    const slot = handle % SLOT_LIMIT;
    if (!(slot >= 0 && slot < this.nextFresh)) return false;
    const stamp = this.stamps[slot] as number;
    if ((stamp & STATE_MASK) !== PENDING || stamp >>> 2 !== (handle - slot) / SLOT_LIMIT) return false;
    this.stamps[slot] = stamp - PENDING + CANCELLED;
    this.payload[slot] = undefined;
    this.dead++;
    if (this.slots[0] === slot) this.purgeTop();
    else if (this.dead > this.size >> 1 && this.size >= MIN_COMPACT) this.compact();
    return true;
  }

  /** Frees a slot whose heap entry is gone; a new generation makes old handles to it harmless. */
  private release(slot: number): void {
    this.payload[slot] = undefined;
    this.stamps[slot] = (((((this.stamps[slot] as number) >>> 2) + 1) & GEN_MASK) << 2) | FREE;
    this.free[this.freeCount++] = slot;
  }

  private removeTop(): void {
    const last = --this.size;
    if (last > 0) this.siftDown(0, this.times[last] as number, this.seqs[last] as number, this.slots[last] as number);
  }

  /** Drops tombstones from the top, so the top is always a live event. */
  private purgeTop(): void {
    while (this.size > 0 && ((this.stamps[this.slots[0] as number] as number) & STATE_MASK) === CANCELLED) {
      this.release(this.slots[0] as number);
      this.dead--;
      this.removeTop();
    }
  }

  /** Rebuilds the heap from its live entries (Floyd's heapify, O(n)). */
  private compact(): void {
    const times = this.times;
    const seqs = this.seqs;
    const slots = this.slots;
    let kept = 0;
    for (let i = 0; i < this.size; i++) {
      const slot = slots[i] as number;
      if (((this.stamps[slot] as number) & STATE_MASK) === CANCELLED) {
        this.release(slot);
        continue;
      }
      times[kept] = times[i] as number;
      seqs[kept] = seqs[i] as number;
      slots[kept] = slot;
      kept++;
    }
    this.size = kept;
    this.dead = 0;
    for (let i = (kept >> 1) - 1; i >= 0; i--) {
      this.siftDown(i, times[i] as number, seqs[i] as number, slots[i] as number);
    }
  }

  /** Places (time, seq, slot) at hole `start` or above it, moving later parents down. */
  private siftUp(start: number, time: number, seq: number, slot: number): void {
    const times = this.times;
    const seqs = this.seqs;
    const slots = this.slots;
    let i = start;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const parentTime = times[parent] as number;
      // Sequence keys are read only on a tie: in a deep heap each read is a likely cache miss.
      if (parentTime < time || (parentTime === time && (seqs[parent] as number) < seq)) break;
      times[i] = parentTime;
      seqs[i] = seqs[parent] as number;
      slots[i] = slots[parent] as number;
      i = parent;
    }
    times[i] = time;
    seqs[i] = seq;
    slots[i] = slot;
  }

  /** Places (time, seq, slot) at hole `start` or below it, moving earlier children up. */
  private siftDown(start: number, time: number, seq: number, slot: number): void {
    const times = this.times;
    const seqs = this.seqs;
    const slots = this.slots;
    const size = this.size;
    let i = start;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      let childTime = times[child] as number;
      const right = child + 1;
      if (right < size) {
        const rightTime = times[right] as number;
        if (rightTime < childTime || (rightTime === childTime && (seqs[right] as number) < (seqs[child] as number))) {
          child = right;
          childTime = rightTime;
        }
      }
      if (time < childTime || (time === childTime && seq < (seqs[child] as number))) break;
      times[i] = childTime;
      seqs[i] = seqs[child] as number;
      slots[i] = slots[child] as number;
      i = child;
    }
    times[i] = time;
    seqs[i] = seq;
    slots[i] = slot;
  }

  private grow(): void {
    const capacity = this.capacity * 2;
    if (capacity > SLOT_LIMIT) throw new RangeError(`event queue is full: more than ${SLOT_LIMIT} pending events`);
    this.times = resize(this.times, capacity);
    this.seqs = resize(this.seqs, capacity);
    this.slots = resize(this.slots, capacity);
    this.stamps = resize(this.stamps, capacity);
    this.free = resize(this.free, capacity);
    this.capacity = capacity;
  }
}

/** Handles pack slot and generation into one safe integer: 2^24 slots, 2^29 generations. */
const SLOT_LIMIT = 2 ** 24;
const GEN_MASK = 2 ** 29 - 1;
/** Kinds take the low 16 bits of a key, so a key stays an exact double below 2^53. */
const KIND_LIMIT = 2 ** 16;
const KIND_MASK = KIND_LIMIT - 1;
/**
 * Keys start at 2^31, above the small-integer range: were the first keys small, the optimising
 * compiler would speculate on integer arithmetic and throw its code away ("overflow") when the
 * 32,768th event is pushed, mid-run (measured: mm1 about 7% faster). An offset common to every
 * key changes no order.
 */
const SEQ_BASE = 2 ** 15;
/** About 2^37 events per queue (7.6 hours of events at 5 million per second); keys stay below 2^53. */
const SEQ_LIMIT = 2 ** 37 - SEQ_BASE;
const STATE_MASK = 3;
/** Below this many entries a few tombstones cost less than a rebuild. */
const MIN_COMPACT = 64;
const FREE = 0;
const PENDING = 1;
const CANCELLED = 2;

function rejectPush(kind: number): never {
  if ((kind & KIND_MASK) !== kind)
    throw new RangeError(`event queue: kind must be an integer in [0, ${KIND_LIMIT}), got ${kind}`);
  throw new RangeError(`event queue: more than ${SEQ_LIMIT} events pushed`);
}

function resize<T extends Int32Array | Float64Array | Uint32Array | Uint8Array>(array: T, capacity: number): T {
  const bigger = new (array.constructor as new (n: number) => T)(capacity);
  bigger.set(array);
  return bigger;
}
