import { squaredDistanceRows } from "./distance.ts";

/**
 * Pairwise Euclidean distances among m rows, kept as a packed lower triangle of Float32
 * (m(m−1)/2 values: 200 MB for m = 10,000) and filled lazily, row by row: row i holds the
 * distances to rows 0..i−1 and is computed the first time a scored subset contains i. Subsets
 * favour the first pool positions (the pool is in random order and each cluster takes its first
 * members), so most labellings of a sweep only ever need part of the triangle. Float32 keeps 7
 * significant digits, far below what a silhouette resolves; sums built from it are Float64.
 */
export interface PairTable {
  /** Rows in the table. */
  size: number;
  /** Distance (i, j), j < i, at `rowStart(i) + j`. */
  distances: Float32Array;
  /** 1 where row i is filled. */
  ready: Uint8Array;
  /** The m rows, contiguous m × d. */
  x: Float32Array;
  d: number;
}

/** Offset of row i in the packed lower triangle. */
export function rowStart(i: number): number {
  return (i * (i - 1)) / 2;
}

/** Bytes a table of m rows needs. */
export function pairTableBytes(m: number): number {
  return ((m * (m - 1)) / 2) * 4;
}

export function createPairTable(x: Float32Array, m: number, d: number): PairTable {
  return { size: m, distances: new Float32Array((m * (m - 1)) / 2), ready: new Uint8Array(m), x, d };
}

/**
 * Fills the rows of `rows` (ascending table positions) that are not filled yet. Four rows at a
 * time share each loaded value of the other row (four independent sums, about 1.3× faster than
 * pair by pair); differences are taken directly (no ‖a‖² + ‖b‖² − 2a·b cancellation).
 */
export function fillRows(table: PairTable, rows: ArrayLike<number>): void {
  const missing: number[] = [];
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r] as number;
    if (table.ready[i] === 0) missing.push(i);
  }
  let r = 0;
  for (; r + 3 < missing.length; r += 4) {
    fillFour(
      table,
      missing[r] as number,
      missing[r + 1] as number,
      missing[r + 2] as number,
      missing[r + 3] as number,
    );
  }
  for (; r < missing.length; r++) fillOne(table, missing[r] as number, 0);
}

/** Rows i0 < i1 < i2 < i3: columns below i0 four at a time, the rest one by one. */
function fillFour(table: PairTable, i0: number, i1: number, i2: number, i3: number): void {
  const { distances, x, d } = table;
  const o0 = i0 * d;
  const o1 = i1 * d;
  const o2 = i2 * d;
  const o3 = i3 * d;
  const r0 = rowStart(i0);
  const r1 = rowStart(i1);
  const r2 = rowStart(i2);
  const r3 = rowStart(i3);
  for (let j = 0; j < i0; j++) {
    const jo = j * d;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let t = 0; t < d; t++) {
      const v = x[jo + t] as number;
      const q0 = (x[o0 + t] as number) - v;
      const q1 = (x[o1 + t] as number) - v;
      const q2 = (x[o2 + t] as number) - v;
      const q3 = (x[o3 + t] as number) - v;
      s0 += q0 * q0;
      s1 += q1 * q1;
      s2 += q2 * q2;
      s3 += q3 * q3;
    }
    distances[r0 + j] = Math.sqrt(s0);
    distances[r1 + j] = Math.sqrt(s1);
    distances[r2 + j] = Math.sqrt(s2);
    distances[r3 + j] = Math.sqrt(s3);
  }
  table.ready[i0] = 1;
  fillOne(table, i1, i0);
  fillOne(table, i2, i0);
  fillOne(table, i3, i0);
}

/** Row i, columns from..i−1. */
function fillOne(table: PairTable, i: number, from: number): void {
  const { distances, x, d } = table;
  const start = rowStart(i);
  for (let j = from; j < i; j++) distances[start + j] = Math.sqrt(squaredDistanceRows(x, i * d, j * d, d));
  table.ready[i] = 1;
}

/** Copies the given rows of the points into one contiguous Float32 matrix. */
export function gatherRows(data: Float32Array, d: number, rows: ArrayLike<number>): Float32Array {
  const out = new Float32Array(rows.length * d);
  for (let r = 0; r < rows.length; r++) {
    const from = (rows[r] as number) * d;
    out.set(data.subarray(from, from + d), r * d);
  }
  return out;
}
