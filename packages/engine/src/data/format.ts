/** Small text helpers for error messages (locale-independent, so messages are deterministic). */

/** 41188 → "41,188". */
export function formatCount(n: number): string {
  const [whole, fraction] = String(n).split(".");
  const grouped = (whole ?? "").replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/** 10485760 → "10,485,760 bytes (10 MiB)". */
export function formatBytes(bytes: number): string {
  const units = ["KiB", "MiB", "GiB"];
  let value = bytes;
  let unit = "";
  for (const next of units) {
    if (value < 1024) break;
    value /= 1024;
    unit = next;
  }
  const short = unit === "" ? "" : ` (${Number(value.toFixed(1))} ${unit})`;
  return `${formatCount(bytes)} bytes${short}`;
}

/** A value quoted for a message, with control characters made visible and long text cut. */
export function quoteValue(value: string, max = 40): string {
  const cut = value.length > max ? `${value.slice(0, max)}…` : value;
  return JSON.stringify(cut);
}

/** "a", "b", "c" … and 7 more — for listing available columns or values. */
export function listNames(names: readonly string[], max = 10): string {
  const shown = names.slice(0, max).map((name) => quoteValue(name));
  const rest = names.length - shown.length;
  return rest > 0 ? `${shown.join(", ")} … and ${rest} more` : shown.join(", ");
}
