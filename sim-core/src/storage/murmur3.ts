import { SimConfigError } from "../errors/index.js";

const MASK64 = (1n << 64n) - 1n;
const C1 = 0x87c37b91114253d5n;
const C2 = 0x4cf5ad432745937fn;

/** A key as the partitioner sees it: text (hashed as UTF-8) or raw bytes. */
export type PartitionKey = string | Uint8Array;

/**
 * MurmurHash3 x64_128 with seed 0, exactly as Cassandra's `MurmurHash.hash3_x64_128`, including
 * its quirk of sign-extending the tail bytes (Cassandra keeps it for compatibility; for ASCII keys
 * it gives the same hash as the reference algorithm). BigInt keeps the 64-bit arithmetic exact;
 * tokens are computed once per key, so speed matters little here.
 *
 * @example
 * murmur3x64_128(new TextEncoder().encode("hello"))[0].toString(16) // 'cbd8a7b341bd9b02'
 */
export function murmur3x64_128(bytes: Uint8Array): [bigint, bigint] {
  const length = bytes.length;
  const blocks = length >> 4;
  let h1 = 0n;
  let h2 = 0n;
  for (let i = 0; i < blocks; i++) {
    let k1 = littleEndian64(bytes, i * 16);
    let k2 = littleEndian64(bytes, i * 16 + 8);
    k1 = mul(rotl(mul(k1, C1), 31n), C2);
    h1 ^= k1;
    h1 = add(mul(add(rotl(h1, 27n), h2), 5n), 0x52dce729n);
    k2 = mul(rotl(mul(k2, C2), 33n), C1);
    h2 ^= k2;
    h2 = add(mul(add(rotl(h2, 31n), h1), 5n), 0x38495ab5n);
  }
  let k1 = 0n;
  let k2 = 0n;
  const tail = blocks * 16;
  for (let i = (length & 15) - 1; i >= 0; i--) {
    // Cassandra reads each tail byte as a signed Java byte, then widens it to a long.
    const b = signedByte(bytes[tail + i] as number);
    if (i >= 8) k2 ^= b << BigInt(8 * (i - 8));
    else k1 ^= b << BigInt(8 * i);
  }
  k2 &= MASK64;
  k1 &= MASK64;
  if ((length & 15) > 8) h2 ^= mul(rotl(mul(k2, C2), 33n), C1);
  if ((length & 15) > 0) h1 ^= mul(rotl(mul(k1, C1), 31n), C2);
  const len = BigInt(length);
  h1 ^= len;
  h2 ^= len;
  h1 = add(h1, h2);
  h2 = add(h2, h1);
  h1 = fmix(h1);
  h2 = fmix(h2);
  h1 = add(h1, h2);
  h2 = add(h2, h1);
  return [h1, h2];
}

/**
 * The token Cassandra's Murmur3Partitioner gives a partition key: the first 64 bits of the hash
 * as a signed long (Long.MIN_VALUE is mapped to Long.MAX_VALUE, as Cassandra does, because
 * MIN_VALUE is reserved as the ring's minimum token).
 *
 * @example
 * murmur3Token(int32Key(1)) // -4069959284402364209n
 */
export function murmur3Token(key: PartitionKey): bigint {
  const bytes = toBytes(key);
  const signed = BigInt.asIntN(64, (murmur3x64_128(bytes) as [bigint, bigint])[0]);
  return signed === -(1n << 63n) ? (1n << 63n) - 1n : signed;
}

/**
 * The token as a double, which is what the simulated ring compares. Rounding to 53 bits keeps
 * the order of all but astronomically close tokens, and it is the same on every platform.
 *
 * @example
 * tokenOf("user:1") === Number(murmur3Token("user:1")) // true
 */
export function tokenOf(key: PartitionKey): number {
  return Number(murmur3Token(key));
}

/**
 * The bytes Cassandra hashes for an `int` partition key (4 bytes, big-endian), so a test can
 * compare with `SELECT token(id)` in cqlsh.
 *
 * @example
 * Array.from(int32Key(1)) // [0, 0, 0, 1]
 */
export function int32Key(value: number): Uint8Array {
  if (!Number.isInteger(value) || value < -(2 ** 31) || value >= 2 ** 31) {
    throw new SimConfigError("key", value, "a 32-bit integer");
  }
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setInt32(0, value, false);
  return bytes;
}

function toBytes(key: PartitionKey): Uint8Array {
  if (typeof key === "string") return new TextEncoder().encode(key);
  if (key instanceof Uint8Array) return key;
  throw new SimConfigError("key", key, "a string or a Uint8Array");
}

function littleEndian64(bytes: Uint8Array, offset: number): bigint {
  let value = 0n;
  for (let i = 7; i >= 0; i--) value = (value << 8n) | BigInt(bytes[offset + i] as number);
  return value;
}

function signedByte(b: number): bigint {
  return BigInt(b >= 128 ? b - 256 : b);
}

function mul(a: bigint, b: bigint): bigint {
  return (a * b) & MASK64;
}

function add(a: bigint, b: bigint): bigint {
  return (a + b) & MASK64;
}

function rotl(x: bigint, r: bigint): bigint {
  return ((x << r) | (x >> (64n - r))) & MASK64;
}

function fmix(k: bigint): bigint {
  let x = k;
  x ^= x >> 33n;
  x = mul(x, 0xff51afd7ed558ccdn);
  x ^= x >> 33n;
  x = mul(x, 0xc4ceb9fe1a85ec53n);
  x ^= x >> 33n;
  return x;
}
