/**
 * A binary min-heap of pending events ordered by (time, sequence), on typed arrays.
 *
 * The heap keeps each entry's time, sequence and slot side by side in heap order, so sifting
 * reads neighbouring memory and allocates nothing. The slot holds what the heap does not move:
 * the payload, a small integer kind, the entry's heap position and a generation. Handles name a
 * slot and its generation, so `remove` is O(log n), a stale handle is harmless, and a cancelled
 * timeout leaves nothing behind: its payload reference is dropped at once instead of lingering
 * until it would have fired. Ties in time break by sequence number, the order of scheduling.
 *
 * @example
 * const q = new EventQueue<string>(); q.push(20, "late"); q.push(10, "early");
 * q.pop() // 'early'
 */
export class EventQueue<P> {
  /** The kind given to `push` for the entry `pop` returned last (0 when none was given). */
  poppedKind = 0;
  private capacity: number;
  private size = 0;
  private times: Float64Array;
  private seqs: Float64Array;
  private slots: Int32Array;
  private pos: Int32Array;
  private gen: Uint32Array;
  private kinds: Int32Array;
  private payload: (P | undefined)[] = [];
  private free: Int32Array;
  private freeCount = 0;
  private nextFresh = 0;
  private nextSeq = 0;

  constructor(initialCapacity = 1024) {
    this.capacity = initialCapacity;
    this.times = new Float64Array(initialCapacity);
    this.seqs = new Float64Array(initialCapacity);
    this.slots = new Int32Array(initialCapacity);
    this.pos = new Int32Array(initialCapacity);
    this.gen = new Uint32Array(initialCapacity);
    this.kinds = new Int32Array(initialCapacity);
    this.free = new Int32Array(initialCapacity);
  }

  get length(): number {
    return this.size;
  }

  /**
   * Adds an event with an optional small integer `kind` (the kernel stores the handler number
   * there, so an event needs no wrapper object); returns a handle that `remove` accepts.
   */
  push(timeUs: number, payload: P, kind = 0): number {
    const slot = this.freeCount > 0 ? (this.free[--this.freeCount] as number) : this.fresh();
    this.payload[slot] = payload;
    this.kinds[slot] = kind;
    this.siftUp(this.size++, timeUs, this.nextSeq++, slot);
    return (this.gen[slot] as number) * SLOT_LIMIT + slot;
  }

  /** Time of the earliest event; only meaningful when length > 0. */
  peekTime(): number {
    return this.times[0] as number;
  }

  /** Removes the earliest event and returns its payload (call only when length > 0). */
  pop(): P {
    const slot = this.slots[0] as number;
    const payload = this.payload[slot] as P;
    this.poppedKind = this.kinds[slot] as number;
    this.release(slot);
    const last = --this.size;
    if (last > 0) this.siftDown(0, this.times[last] as number, this.seqs[last] as number, this.slots[last] as number);
    return payload;
  }

  /** Removes the event with this handle if still pending; returns whether it was. */
  remove(handle: number): boolean {
    const slot = handle % SLOT_LIMIT;
    const generation = (handle - slot) / SLOT_LIMIT;
    if (!(slot >= 0 && slot < this.nextFresh) || this.gen[slot] !== generation) return false;
    const i = this.pos[slot] as number;
    if (i < 0) return false;
    this.release(slot);
    const last = --this.size;
    if (i !== last) {
      // The last entry fills the hole; it may belong above it or below it.
      const time = this.times[last] as number;
      const seq = this.seqs[last] as number;
      const moved = this.slots[last] as number;
      const parent = (i - 1) >> 1;
      if (i > 0 && before(time, seq, this.times[parent] as number, this.seqs[parent] as number)) {
        this.siftUp(i, time, seq, moved);
      } else {
        this.siftDown(i, time, seq, moved);
      }
    }
    return true;
  }

  private fresh(): number {
    if (this.nextFresh === this.capacity) this.grow();
    return this.nextFresh++;
  }

  private release(slot: number): void {
    this.payload[slot] = undefined;
    this.pos[slot] = -1;
    // A new generation makes stale handles to this slot harmless.
    this.gen[slot] = ((this.gen[slot] as number) + 1) % GEN_LIMIT;
    this.free[this.freeCount++] = slot;
  }

  /** Places (time, seq, slot) at hole `start` or above it, moving larger parents down. */
  private siftUp(start: number, time: number, seq: number, slot: number): void {
    const times = this.times;
    const seqs = this.seqs;
    const slots = this.slots;
    const pos = this.pos;
    let i = start;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const parentTime = times[parent] as number;
      if (!before(time, seq, parentTime, seqs[parent] as number)) break;
      const parentSlot = slots[parent] as number;
      times[i] = parentTime;
      seqs[i] = seqs[parent] as number;
      slots[i] = parentSlot;
      pos[parentSlot] = i;
      i = parent;
    }
    times[i] = time;
    seqs[i] = seq;
    slots[i] = slot;
    pos[slot] = i;
  }

  /** Places (time, seq, slot) at hole `start` or below it, moving smaller children up. */
  private siftDown(start: number, time: number, seq: number, slot: number): void {
    const times = this.times;
    const seqs = this.seqs;
    const slots = this.slots;
    const pos = this.pos;
    const size = this.size;
    let i = start;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      let childTime = times[child] as number;
      const right = child + 1;
      if (right < size) {
        const rightTime = times[right] as number;
        if (before(rightTime, seqs[right] as number, childTime, seqs[child] as number)) {
          child = right;
          childTime = rightTime;
        }
      }
      if (!before(childTime, seqs[child] as number, time, seq)) break;
      const childSlot = slots[child] as number;
      times[i] = childTime;
      seqs[i] = seqs[child] as number;
      slots[i] = childSlot;
      pos[childSlot] = i;
      i = child;
    }
    times[i] = time;
    seqs[i] = seq;
    slots[i] = slot;
    pos[slot] = i;
  }

  private grow(): void {
    const capacity = this.capacity * 2;
    if (capacity > SLOT_LIMIT) throw new RangeError(`event queue is full: more than ${SLOT_LIMIT} pending events`);
    this.times = resize(this.times, capacity);
    this.seqs = resize(this.seqs, capacity);
    this.slots = resize(this.slots, capacity);
    this.pos = resize(this.pos, capacity);
    this.gen = resize(this.gen, capacity);
    this.kinds = resize(this.kinds, capacity);
    this.free = resize(this.free, capacity);
    this.capacity = capacity;
  }
}

/** Handles pack slot and generation into one safe integer: 2^24 slots, 2^29 generations. */
const SLOT_LIMIT = 2 ** 24;
const GEN_LIMIT = 2 ** 29;

/** Whether (timeA, seqA) comes before (timeB, seqB): earlier time, or same time and scheduled first. */
function before(timeA: number, seqA: number, timeB: number, seqB: number): boolean {
  return timeA < timeB || (timeA === timeB && seqA < seqB);
}

function resize<T extends Int32Array | Float64Array | Uint32Array>(array: T, capacity: number): T {
  const bigger = new (array.constructor as new (n: number) => T)(capacity);
  bigger.set(array);
  return bigger;
}
