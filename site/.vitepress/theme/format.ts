// How the site prints a simulator's number in prose. Counts (integers) are printed exactly, so a
// page says 4,963 reads where Node's run has 4,963; other values keep `digits` significant
// digits but never round away their integer part (4,963.2 ms reads "4,963", not "4,960").

/** The text `<SimNumber>` shows for `value` (already scaled). */
export function formatSimNumber(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return value.toLocaleString("en-US");
  if (Math.abs(value) >= 10 ** digits) return value.toLocaleString("en-US", { maximumFractionDigits: 0 });
  return value.toLocaleString("en-US", { maximumSignificantDigits: digits });
}
