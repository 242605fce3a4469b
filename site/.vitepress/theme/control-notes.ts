// What a control's raw number means, said beside it: "0 ms" that means "until the end" (written
// only in the parameter's description), and milliseconds too many to read (10,800,000 ms = 3 h).
import type { ParamSpec } from "sim-core";

const UNITS: [number, string][] = [
  [3_600_000, "h"],
  [60_000, "min"],
  [1000, "s"],
];

/** Milliseconds as hours, minutes and seconds, largest two units: 5,400,000 → "1 h 30 min". */
export function humanMs(ms: number): string {
  const parts: string[] = [];
  let rest = Math.round(ms);
  for (const [size, name] of UNITS) {
    if (rest >= size && parts.length < 2) {
      parts.push(`${Math.floor(rest / size)} ${name}`);
      rest %= size;
    } else if (parts.length > 0) break;
  }
  return parts.join(" ");
}

/**
 * A short note for a number control's value, or "" when the number says it all: what 0 means
 * when the description says ("0 means until the end" → "until the end"; "0 turns hedging off" →
 * "off"), and long durations in hours and minutes.
 */
export function valueNote(spec: ParamSpec, value: unknown): string {
  if (spec.kind !== "number" || typeof value !== "number" || !Number.isFinite(value)) return "";
  if (value === 0) {
    const means = /\b0 means ([^.;,]+)/i.exec(spec.description);
    if (means?.[1]) return means[1].trim();
    if (/\b0 turns [^.;,]+ off/i.test(spec.description)) return "off";
  }
  if (spec.unit === "ms" && value >= 60_000) return humanMs(value);
  return "";
}
