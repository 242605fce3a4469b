/**
 * The baselines' event queue: a binary min-heap on typed arrays ordered by (time, sequence), with
 * a number as payload. Entries live in heap order (no slots, no handles, no cancellation), which
 * is as little as an event loop can do; it is the "practical JS ceiling" the kernel is compared to.
 */
export class TypedHeap {
  size = 0;
  /** Time of the entry `pop` last returned. */
  poppedTime = 0;
  private capacity: number;
  private time: Float64Array;
  private seq: Float64Array;
  private data: Float64Array;
  private nextSeq = 0;

  constructor(capacity = 1024) {
    this.capacity = capacity;
    this.time = new Float64Array(capacity);
    this.seq = new Float64Array(capacity);
    this.data = new Float64Array(capacity);
  }

  push(time: number, data: number): void {
    if (this.size === this.capacity) this.grow();
    const seq = this.nextSeq++;
    const times = this.time;
    const seqs = this.seq;
    const datas = this.data;
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = times[p] as number;
      if (pt < time || (pt === time && (seqs[p] as number) < seq)) break;
      times[i] = pt;
      seqs[i] = seqs[p] as number;
      datas[i] = datas[p] as number;
      i = p;
    }
    times[i] = time;
    seqs[i] = seq;
    datas[i] = data;
  }

  /** Removes the earliest entry and returns its payload; its time is in `poppedTime`. */
  pop(): number {
    const times = this.time;
    const seqs = this.seq;
    const datas = this.data;
    const top = datas[0] as number;
    this.poppedTime = times[0] as number;
    const n = --this.size;
    const time = times[n] as number;
    const seq = seqs[n] as number;
    const data = datas[n] as number;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      const r = c + 1;
      if (r < n) {
        const ct = times[c] as number;
        const rt = times[r] as number;
        if (rt < ct || (rt === ct && (seqs[r] as number) < (seqs[c] as number))) c = r;
      }
      const ct = times[c] as number;
      if (time < ct || (time === ct && seq < (seqs[c] as number))) break;
      times[i] = ct;
      seqs[i] = seqs[c] as number;
      datas[i] = datas[c] as number;
      i = c;
    }
    times[i] = time;
    seqs[i] = seq;
    datas[i] = data;
    return top;
  }

  private grow(): void {
    this.capacity *= 2;
    for (const key of ["time", "seq", "data"] as const) {
      const bigger = new Float64Array(this.capacity);
      bigger.set(this[key]);
      this[key] = bigger;
    }
  }
}
