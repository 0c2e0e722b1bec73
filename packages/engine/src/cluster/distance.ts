/*
 * Squared Euclidean distances, accumulated in Float64 with four partial sums (about 1.5× faster
 * in V8 than one). One function per pair of array types keeps every call site monomorphic.
 * Points stay Float32 (half the memory traffic of a Float64 copy); centres are Float64.
 */

/** Row `ao` of the points against row `bo` of a Float64 matrix (centres). */
export function squaredDistanceToCenter(
  x: Float32Array,
  ao: number,
  c: Float64Array,
  bo: number,
  d: number,
): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let t = 0;
  for (; t + 3 < d; t += 4) {
    const q0 = (x[ao + t] as number) - (c[bo + t] as number);
    const q1 = (x[ao + t + 1] as number) - (c[bo + t + 1] as number);
    const q2 = (x[ao + t + 2] as number) - (c[bo + t + 2] as number);
    const q3 = (x[ao + t + 3] as number) - (c[bo + t + 3] as number);
    s0 += q0 * q0;
    s1 += q1 * q1;
    s2 += q2 * q2;
    s3 += q3 * q3;
  }
  for (; t < d; t++) {
    const q = (x[ao + t] as number) - (c[bo + t] as number);
    s0 += q * q;
  }
  return s0 + s1 + s2 + s3;
}

/** Two rows (offsets `ao`, `bo`) of the same Float32 points. */
export function squaredDistanceRows(x: Float32Array, ao: number, bo: number, d: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let t = 0;
  for (; t + 3 < d; t += 4) {
    const q0 = (x[ao + t] as number) - (x[bo + t] as number);
    const q1 = (x[ao + t + 1] as number) - (x[bo + t + 1] as number);
    const q2 = (x[ao + t + 2] as number) - (x[bo + t + 2] as number);
    const q3 = (x[ao + t + 3] as number) - (x[bo + t + 3] as number);
    s0 += q0 * q0;
    s1 += q1 * q1;
    s2 += q2 * q2;
    s3 += q3 * q3;
  }
  for (; t < d; t++) {
    const q = (x[ao + t] as number) - (x[bo + t] as number);
    s0 += q * q;
  }
  return s0 + s1 + s2 + s3;
}

/** Two rows of the same Float64 matrix (centre to centre). */
export function squaredDistanceCenters(c: Float64Array, ao: number, bo: number, d: number): number {
  let sum = 0;
  for (let t = 0; t < d; t++) {
    const q = (c[ao + t] as number) - (c[bo + t] as number);
    sum += q * q;
  }
  return sum;
}
