/**
 * A running 64-bit hash of what a run did, kept as two 32-bit lanes so it costs a few integer
 * multiplies per event. It is always on: any change in a processed event's time or kind, or in a
 * folded value, changes the printed fingerprint.
 *
 * @example
 * const a = new Fingerprint(); a.fold(1); a.fold(2);
 * const b = new Fingerprint(); b.fold(2); b.fold(1);
 * a.hex() === b.hex() // false
 */
export class Fingerprint {
  private h1 = 0x811c9dc5;
  private h2 = 0x1b873593;
  private count = 0;

  /** Mixes one 32-bit integer (larger numbers: use `foldNumber`). */
  fold(value: number): void {
    this.h1 = Math.imul(this.h1 ^ value, 0x01000193);
    this.h2 = Math.imul((this.h2 ^ value) + 0x9e3779b9, 0x85ebca6b);
    this.h2 = (this.h2 << 13) | (this.h2 >>> 19);
    this.count++;
  }

  /**
   * Mixes a processed event: exactly `fold(timeUs >>> 0); fold(kind)`, with the state kept in
   * locals between the two (the kernel calls this once per event).
   */
  foldEvent(timeUs: number, kind: number): void {
    const time = timeUs >>> 0;
    let h2 = Math.imul((this.h2 ^ time) + 0x9e3779b9, 0x85ebca6b);
    h2 = (h2 << 13) | (h2 >>> 19);
    h2 = Math.imul((h2 ^ kind) + 0x9e3779b9, 0x85ebca6b);
    this.h2 = (h2 << 13) | (h2 >>> 19);
    this.h1 = Math.imul(Math.imul(this.h1 ^ time, 0x01000193) ^ kind, 0x01000193);
    this.count += 2;
  }

  /** Mixes any finite number exactly (integers up to 2^53 by halves; fractions by their bits). */
  foldNumber(value: number): void {
    if (Number.isInteger(value)) {
      this.fold(value >>> 0);
      this.fold(Math.floor(value / 4294967296) >>> 0);
    } else {
      FLOAT[0] = value;
      this.fold(WORDS[0] as number);
      this.fold(WORDS[1] as number);
    }
  }

  /** Mixes a string, for names in event logs. */
  foldString(text: string): void {
    for (let i = 0; i < text.length; i++) this.fold(text.charCodeAt(i));
    this.fold(text.length);
  }

  /** The fingerprint as 16 hex digits. */
  hex(): string {
    const a = finalMix(this.h1 ^ this.count);
    const b = finalMix(this.h2 ^ Math.imul(this.count, 0x27d4eb2f));
    return hex32(a) + hex32(b);
  }
}

const FLOAT = new Float64Array(1);
const WORDS = new Uint32Array(FLOAT.buffer);

/** Murmur3's finaliser: spreads every input bit over the output. */
function finalMix(h: number): number {
  let x = h;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

function hex32(x: number): string {
  return x.toString(16).padStart(8, "0");
}
