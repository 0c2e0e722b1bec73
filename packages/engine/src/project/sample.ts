import { KindredError } from "../errors/index.ts";
import { checkInteger, checkSeed } from "../points/index.ts";
import { createRng } from "../random/index.ts";
import type { Points } from "./types.ts";

/**
 * A seeded uniform sample of `min(n, max)` distinct row indices in ascending order (selection
 * sampling, Knuth's Algorithm S: one pass, every subset of that size equally likely). Used to
 * cap the rows a t-SNE or UMAP map is computed on.
 */
export function sampleRows(n: number, max: number, seed: number): Uint32Array {
  checkInteger("n", n, 0);
  checkInteger("max", max, 1);
  checkSeed(seed);
  const size = Math.min(n, max);
  const sample = new Uint32Array(size);
  if (size === n) {
    for (let i = 0; i < n; i++) sample[i] = i;
    return sample;
  }
  const rng = createRng(seed);
  let taken = 0;
  for (let row = 0; taken < size; row++) {
    // Take this row with probability (still needed) / (still available).
    if ((n - row) * rng() < size - taken) sample[taken++] = row;
  }
  return sample;
}

/** The given rows of `points`, in the given order, as a new matrix. */
export function gatherRows(points: Points, rows: ArrayLike<number>): Points {
  const { cols } = points;
  const data = new Float32Array(rows.length * cols);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as number;
    if (!Number.isInteger(row) || row < 0 || row >= points.rows) {
      throw new KindredError(
        "INVALID_CONFIG",
        `rows[${i}] is ${row}, expected a row index between 0 and ${points.rows - 1}`,
        { field: "rows" },
      );
    }
    data.set(points.data.subarray(row * cols, (row + 1) * cols), i * cols);
  }
  return { data, rows: rows.length, cols };
}
