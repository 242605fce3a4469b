import { int32Key, murmur3Token, murmur3x64_128, SimConfigError, tokenOf } from "sim-core";
import { describe, expect, it } from "vitest";

const utf8 = (s: string) => new TextEncoder().encode(s);
const hex = (h: bigint) => h.toString(16).padStart(16, "0");

describe("murmur3", () => {
  it("murmur3x64_128(bytes) matches the reference test vectors", () => {
    // Reference x64_128 outputs with seed 0 (smhasher): h1 and h2 as 64-bit words.
    expect(murmur3x64_128(utf8("")).map(hex)).toEqual(["0000000000000000", "0000000000000000"]);
    expect(murmur3x64_128(utf8("hello")).map(hex)).toEqual(["cbd8a7b341bd9b02", "5b1e906a48ae1d19"]);
    expect(murmur3x64_128(utf8("The quick brown fox jumps over the lazy dog")).map(hex)).toEqual([
      "e34bbc7bbc071b6c",
      "7a433ca9c49a9347",
    ]);
  });

  it("murmur3Token(int32Key(id)) equals Cassandra's token(id) for int keys", () => {
    // `SELECT token(id)` in cqlsh for an int partition key with Murmur3Partitioner.
    expect(murmur3Token(int32Key(1))).toBe(-4069959284402364209n);
    expect(murmur3Token(int32Key(2))).toBe(-3248873570005575792n);
    expect(murmur3Token(int32Key(3))).toBe(9010454139840013625n);
  });

  it("murmur3x64_128 sign-extends tail bytes >= 0x80 as Cassandra does", () => {
    // With an unsigned tail the high byte would not smear into k1's upper bits; the hashes differ.
    const signed = murmur3x64_128(Uint8Array.of(0x80));
    const plain = murmur3x64_128(Uint8Array.of(0x7f));
    expect(signed).not.toEqual(plain);
    expect(murmur3Token(Uint8Array.of(0x80))).toBe(BigInt.asIntN(64, signed[0]));
  });

  it("tokenOf(key) is the token as a double", () => {
    expect(tokenOf("user:42")).toBe(Number(murmur3Token("user:42")));
  });

  it("int32Key(value) rejects a non-32-bit integer", () => {
    expect(() => int32Key(2 ** 31)).toThrow(SimConfigError);
    expect(() => int32Key(1.5)).toThrow(/invalid key/);
  });

  it("murmur3Token(key) rejects a key that is neither text nor bytes", () => {
    expect(() => murmur3Token(42 as unknown as string)).toThrow(SimConfigError);
  });
});
