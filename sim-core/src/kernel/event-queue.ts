/**
 * A binary min-heap of pending events ordered by (time, sequence), on typed arrays.
 *
 * Each event lives in a slot (time, sequence, payload); the heap holds slot numbers and each slot
 * knows its heap position, so `remove` is O(log n) and a cancelled timeout leaves nothing behind:
 * its payload reference is dropped at once instead of lingering until it would have fired.
 * Ties in time break by sequence number, the order in which events were scheduled.
 */
export class EventQueue<P> {
  private capacity: number;
  private size = 0;
  private heap: Int32Array;
  private time: Float64Array;
  private seq: Float64Array;
  private pos: Int32Array;
  private gen: Uint32Array;
  private payload: (P | undefined)[] = [];
  private free: Int32Array;
  private freeCount = 0;
  private nextFresh = 0;
  private nextSeq = 0;

  constructor(initialCapacity = 1024) {
    this.capacity = initialCapacity;
    this.heap = new Int32Array(initialCapacity);
    this.time = new Float64Array(initialCapacity);
    this.seq = new Float64Array(initialCapacity);
    this.pos = new Int32Array(initialCapacity);
    this.gen = new Uint32Array(initialCapacity);
    this.free = new Int32Array(initialCapacity);
  }

  get length(): number {
    return this.size;
  }

  /** Adds an event; returns a handle (slot and generation) that `remove` accepts. */
  push(timeUs: number, payload: P): number {
    const slot = this.allocate();
    this.time[slot] = timeUs;
    this.seq[slot] = this.nextSeq++;
    this.payload[slot] = payload;
    const i = this.size++;
    this.heap[i] = slot;
    this.pos[slot] = i;
    this.siftUp(i);
    return (this.gen[slot] as number) * SLOT_LIMIT + slot;
  }

  /** Time of the earliest event; only meaningful when length > 0. */
  peekTime(): number {
    return this.time[this.heap[0] as number] as number;
  }

  /** Removes the earliest event and returns its payload (call only when length > 0). */
  pop(): P {
    const slot = this.heap[0] as number;
    const payload = this.payload[slot] as P;
    this.removeAt(0);
    this.release(slot);
    return payload;
  }

  /** Removes the event with this handle if still pending; returns whether it was. */
  remove(handle: number): boolean {
    const slot = handle % SLOT_LIMIT;
    const generation = (handle - slot) / SLOT_LIMIT;
    if (slot >= this.nextFresh || this.gen[slot] !== generation || (this.pos[slot] as number) < 0) return false;
    this.removeAt(this.pos[slot] as number);
    this.release(slot);
    return true;
  }

  private allocate(): number {
    if (this.freeCount > 0) return this.free[--this.freeCount] as number;
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

  private removeAt(i: number): void {
    const last = --this.size;
    if (i !== last) {
      const moved = this.heap[last] as number;
      this.heap[i] = moved;
      this.pos[moved] = i;
      this.siftDown(i);
      this.siftUp(this.pos[moved] as number);
    }
  }

  private less(a: number, b: number): boolean {
    const ta = this.time[a] as number;
    const tb = this.time[b] as number;
    return ta < tb || (ta === tb && (this.seq[a] as number) < (this.seq[b] as number));
  }

  private siftUp(start: number): void {
    const heap = this.heap;
    const slot = heap[start] as number;
    let i = start;
    while (i > 0) {
      const parentIndex = (i - 1) >> 1;
      const parent = heap[parentIndex] as number;
      if (!this.less(slot, parent)) break;
      heap[i] = parent;
      this.pos[parent] = i;
      i = parentIndex;
    }
    heap[i] = slot;
    this.pos[slot] = i;
  }

  private siftDown(start: number): void {
    const heap = this.heap;
    const size = this.size;
    const slot = heap[start] as number;
    let i = start;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      const right = child + 1;
      if (right < size && this.less(heap[right] as number, heap[child] as number)) child = right;
      const childSlot = heap[child] as number;
      if (!this.less(childSlot, slot)) break;
      heap[i] = childSlot;
      this.pos[childSlot] = i;
      i = child;
    }
    heap[i] = slot;
    this.pos[slot] = i;
  }

  private grow(): void {
    const capacity = this.capacity * 2;
    if (capacity > SLOT_LIMIT) throw new RangeError(`event queue is full: more than ${SLOT_LIMIT} pending events`);
    this.heap = resize(this.heap, capacity);
    this.time = resize(this.time, capacity);
    this.seq = resize(this.seq, capacity);
    this.pos = resize(this.pos, capacity);
    this.gen = resize(this.gen, capacity);
    this.free = resize(this.free, capacity);
    this.capacity = capacity;
  }
}

/** Handles pack slot and generation into one safe integer: 2^24 slots, 2^29 generations. */
const SLOT_LIMIT = 2 ** 24;
const GEN_LIMIT = 2 ** 29;

function resize<T extends Int32Array | Float64Array | Uint32Array>(array: T, capacity: number): T {
  const bigger = new (array.constructor as new (n: number) => T)(capacity);
  bigger.set(array);
  return bigger;
}
