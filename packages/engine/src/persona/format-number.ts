/** Number formatting for rules, names and descriptions: short, deterministic, locale-free. */

/** `x` with at most `digits` significant digits, without trailing zeros: 98.5, 0.1235, 1.235e+5 → "123500". */
export function formatNumber(x: number, digits = 4): string {
  if (!Number.isFinite(x)) return String(x);
  const rounded = Number(x.toPrecision(digits));
  return String(rounded === 0 ? 0 : rounded);
}

/** 0.1234 → "12.3%". */
export function formatShare(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

/** 3.14159 → "3.1×". */
export function formatRatio(ratio: number): string {
  return `${ratio >= 10 ? ratio.toFixed(0) : ratio.toFixed(1)}×`;
}

/**
 * A short number d with lo ≤ d < hi, for a split between two adjacent distinct values
 * lo < hi: "x > d" and "x ≤ d" then select exactly the same rows as a split at any point of
 * [lo, hi). With the fewest significant digits (from 4 up) at which the rounded midpoint or
 * the rounded ends fall in [lo, hi), the candidate nearest the midpoint.
 */
export function shortThreshold(lo: number, hi: number): number {
  const mid = lo + (hi - lo) / 2;
  for (let digits = 4; digits <= 17; digits++) {
    let best: number | undefined;
    for (const x of [mid, lo, hi]) {
      const d = Number(x.toPrecision(digits));
      if (d >= lo && d < hi && (best === undefined || Math.abs(d - mid) < Math.abs(best - mid))) best = d;
    }
    if (best !== undefined) return best === 0 ? 0 : best;
  }
  return lo;
}

/** 41188 → "41,188". */
export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}
