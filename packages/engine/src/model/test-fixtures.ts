/** Small seeded synthetic datasets for the model tests (not a test file itself). */
import { createRng } from "../random/index.ts";
import type { Matrix } from "./types.ts";

export interface Dataset {
  x: Matrix;
  labels: Uint8Array;
  train: number[];
  val: number[];
}

function gaussian(rng: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}

/**
 * `rows` × `cols` standard-normal features; label = 1 when score(row) + noise·ε > threshold.
 * The first `trainShare` of rows are the training rows, the rest validation.
 */
export function syntheticDataset(options: {
  rows: number;
  cols: number;
  seed: number;
  score?: (row: Float32Array) => number;
  noise?: number;
  threshold?: number;
  trainShare?: number;
}): Dataset {
  const { rows, cols, seed, noise = 0, threshold = 0, trainShare = 0.75 } = options;
  const score = options.score ?? ((row: Float32Array) => (row[0] as number) + (row[1] as number));
  const rng = createRng(seed);
  const data = new Float32Array(rows * cols);
  for (let i = 0; i < data.length; i++) data[i] = gaussian(rng);
  const labels = new Uint8Array(rows);
  for (let r = 0; r < rows; r++) {
    const row = data.subarray(r * cols, (r + 1) * cols);
    labels[r] = score(row) + noise * gaussian(rng) > threshold ? 1 : 0;
  }
  const cut = Math.round(rows * trainShare);
  const all = Array.from({ length: rows }, (_, i) => i);
  return { x: { data, rows, cols }, labels, train: all.slice(0, cut), val: all.slice(cut) };
}

/** Rows of `x` listed in `rows`, as a new matrix. */
export function pickRows(x: Matrix, rows: number[]): Matrix {
  const data = new Float32Array(rows.length * x.cols);
  rows.forEach((r, i) => {
    data.set(x.data.subarray(r * x.cols, (r + 1) * x.cols), i * x.cols);
  });
  return { data, rows: rows.length, cols: x.cols };
}

export function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i] as number;
  return sum / values.length;
}
