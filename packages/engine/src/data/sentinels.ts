/** A distinct numeric value of a column and how many rows hold it. */
export interface NumericValue {
  value: number;
  count: number;
}

/** Share of the present rows a code must hold to count as a sentinel. */
const MIN_SHARE = 0.01;

/** 9, 99, 999, … */
function isAllNines(value: number): boolean {
  return Number.isInteger(value) && value >= 9 && /^9+$/.test(String(value));
}

/** -1, -9, -99, -999, … */
function isNegativeCode(value: number): boolean {
  return value === -1 || (value < 0 && isAllNines(-value));
}

/**
 * "Not applicable" codes hidden in a numeric column, such as 999 for "days since the last
 * event" meaning "never", or -1. A value is a sentinel when all of these hold:
 *   - it is the largest value and written as all nines (9, 99, 999 …), or the smallest value
 *     and negative (-1, -9, -99 …);
 *   - it is repeated and holds at least 1 % of the present rows;
 *   - it is far from the rest: for a maximum the next-largest value is below half of it, for a
 *     minimum the next-smallest value is above half of it (for -1: the rest is ≥ -0.5);
 *   - the column has at least three distinct values (so a 0/9 flag stays a binary column).
 * `sorted` holds the column's distinct values in ascending order; `present` counts its rows.
 */
export function detectSentinels(sorted: readonly NumericValue[], present: number): number[] {
  if (sorted.length < 3) return [];
  const frequent = (entry: NumericValue): boolean => entry.count >= 2 && entry.count >= MIN_SHARE * present;
  const found: number[] = [];
  const low = sorted[0] as NumericValue;
  const nextLow = sorted[1] as NumericValue;
  if (isNegativeCode(low.value) && frequent(low) && nextLow.value > low.value / 2) found.push(low.value);
  const high = sorted[sorted.length - 1] as NumericValue;
  const nextHigh = sorted[sorted.length - 2] as NumericValue;
  if (isAllNines(high.value) && frequent(high) && nextHigh.value < high.value / 2) found.push(high.value);
  return found;
}
