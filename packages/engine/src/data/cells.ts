/**
 * How raw cell text is read everywhere (inference, target mapping, encoding), so that every
 * stage agrees on what is missing and what is a number.
 */

/** Markers treated as missing, compared case-insensitively after trimming. */
export const DEFAULT_MISSING_MARKERS: readonly string[] = [
  "",
  "na",
  "n/a",
  "nan",
  "null",
  "none",
  "unknown",
  "?",
];

const defaultMarkerSet = new Set(DEFAULT_MISSING_MARKERS);

export function isDefaultMissing(raw: string): boolean {
  return defaultMarkerSet.has(raw.trim().toLowerCase());
}

/** True when `raw` is one of the column's recorded missing markers (exact match after trim). */
export function isMissing(raw: string, markers: ReadonlySet<string>): boolean {
  return markers.has(raw.trim());
}

/**
 * Parses a plain decimal number ("12", "-3.5", "1e-3", ".5"); anything else gives NaN.
 * Deliberately stricter than Number(): "" and "0x10" and " " are not numbers.
 */
const NUMBER_PATTERN = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export function parseNumber(raw: string): number {
  const text = raw.trim();
  return NUMBER_PATTERN.test(text) ? Number(text) : Number.NaN;
}
