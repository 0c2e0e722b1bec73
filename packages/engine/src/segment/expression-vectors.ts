/**
 * Column-at-a-time values of a formula. Numbers are Float64Array with NaN for null (a missing
 * cell, or a result that is not a finite number such as x / 0 or log1p(−1)); conditions are
 * Uint8Array 0/1 and never null; texts are arrays of strings with null for missing.
 */
export type NumberVector = Float64Array;
export type BooleanVector = Uint8Array;
export type StringVector = (string | null)[];
export type Vector = NumberVector | BooleanVector | StringVector;

export function filledNumbers(n: number, value: number): NumberVector {
  return new Float64Array(n).fill(value);
}

/** Conditions used as numbers count 1 for true, 0 for false. */
export function asNumbers(vector: Vector): NumberVector {
  return vector instanceof Float64Array ? vector : Float64Array.from(vector as BooleanVector);
}

/** Non-finite results become null (NaN). */
const finite = (x: number): number => (Number.isFinite(x) ? x : Number.NaN);

export function mapNumbers(a: NumberVector, f: (x: number) => number): NumberVector {
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = finite(f(a[i]!));
  return out;
}

export function zipNumbers(
  a: NumberVector,
  b: NumberVector,
  f: (x: number, y: number) => number,
): NumberVector {
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = finite(f(a[i]!, b[i]!));
  return out;
}

/** Element-wise condition; false wherever `f` is false (comparisons with NaN are false). */
export function test(n: number, f: (i: number) => boolean): BooleanVector {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = f(i) ? 1 : 0;
  return out;
}
