/**
 * The one rounding rule of every split: a count is `Math.round(n × share)` (halves round up),
 * where the product is first rounded to 12 significant digits so that float noise cannot flip
 * a half (50 × 0.29 is 14.499999999999998 in binary floating point; this rule gives 15).
 */
export function roundCount(n: number, share: number): number {
  return Math.round(Number((n * share).toPrecision(12)));
}
