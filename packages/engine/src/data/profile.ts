import { isDefaultMissing } from "./cells.ts";

/**
 * One pass over a column's raw cells: how often each trimmed value occurs, split into missing
 * markers and present values. Everything downstream (kind, stats, levels) works on the
 * distinct values and their counts, so each distinct string is parsed once.
 */
export interface ColumnProfile {
  /** Present (non-missing) trimmed values → row count, in order of first appearance. */
  counts: Map<string, number>;
  present: number;
  missing: number;
  /** Missing markers, trimmed, with their case as found (or as given by an override). */
  markers: string[];
}

/**
 * Missing markers: by default every value matching DEFAULT_MISSING_MARKERS
 * (case-insensitive) that occurs in the column, recorded as written (trimmed, because
 * `isMissing` compares trimmed cells). An override list replaces them, except that blank
 * cells are always missing (a blank is never a category or a number).
 */
export function profileColumn(values: readonly string[], markerOverride?: readonly string[]): ColumnProfile {
  const all = new Map<string, number>();
  for (const raw of values) {
    const value = raw.trim();
    all.set(value, (all.get(value) ?? 0) + 1);
  }
  const override = markerOverride ? new Set(markerOverride.map((marker) => marker.trim())) : undefined;
  const isMarker = (value: string): boolean =>
    value === "" || (override ? override.has(value) : isDefaultMissing(value));

  const counts = new Map<string, number>();
  const found: string[] = [];
  let missing = 0;
  for (const [value, count] of all) {
    if (isMarker(value)) {
      found.push(value);
      missing += count;
    } else counts.set(value, count);
  }
  let markers = found;
  if (override) {
    markers = [...override];
    if (all.has("") && !override.has("")) markers.push("");
  }
  return { counts, present: values.length - missing, missing, markers };
}

/**
 * First data row (1-based) whose present value fails `accept`, with that value; used to name
 * the offending cell when an override cannot apply.
 */
export function firstRejectedRow(
  values: readonly string[],
  markers: readonly string[],
  accept: (value: string) => boolean,
): { row: number; value: string } | undefined {
  const missing = new Set(markers);
  for (let r = 0; r < values.length; r++) {
    const value = (values[r] as string).trim();
    if (value === "" || missing.has(value)) continue;
    if (!accept(value)) return { row: r + 1, value };
  }
  return undefined;
}
