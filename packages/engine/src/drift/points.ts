import { KindredError } from "../errors/index.ts";
import type { Points } from "./types.ts";

/** Checks shape and values of an embedding set; `side` ("baseline", "current") names it in errors. */
export function checkPoints(points: Points, side: string): void {
  const { rows, cols, data } = points;
  if (!Number.isInteger(rows) || rows < 0 || !Number.isInteger(cols) || cols < 0) {
    throw new KindredError("INVALID_CONFIG", `${side}: rows and cols must be whole numbers`, { field: side });
  }
  if (rows === 0) throw new KindredError("INVALID_CONFIG", `the ${side} set has no rows`, { field: side });
  if (cols === 0) {
    throw new KindredError("INVALID_CONFIG", `the ${side} set has no dimensions`, { field: side });
  }
  if (data.length !== rows * cols) {
    throw new KindredError(
      "INVALID_CONFIG",
      `${side}: ${data.length} values for ${rows} rows × ${cols} dimensions`,
      { field: side },
    );
  }
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i])) {
      const row = Math.floor(i / cols);
      throw new KindredError(
        "INVALID_CONFIG",
        `${side}: row ${row + 1}, dimension ${i - row * cols} is ${data[i]}`,
        { row: row + 1, field: side },
      );
    }
  }
}

/** One dimension of the points as float64 values. */
export function columnOf(points: Points, dim: number): Float64Array {
  const values = new Float64Array(points.rows);
  for (let r = 0; r < points.rows; r++) values[r] = points.data[r * points.cols + dim] as number;
  return values;
}

/** Mean vector (float64). */
export function centroidOf(points: Points): number[] {
  const sums = new Float64Array(points.cols);
  for (let r = 0; r < points.rows; r++) {
    const offset = r * points.cols;
    for (let c = 0; c < points.cols; c++) sums[c] = (sums[c] as number) + (points.data[offset + c] as number);
  }
  return Array.from(sums, (s) => s / points.rows);
}

/** Root-mean-square Euclidean distance of the rows to `centroid`. */
export function rmsRadius(points: Points, centroid: readonly number[]): number {
  let squares = 0;
  for (let r = 0; r < points.rows; r++) {
    const offset = r * points.cols;
    for (let c = 0; c < points.cols; c++) {
      const d = (points.data[offset + c] as number) - (centroid[c] as number);
      squares += d * d;
    }
  }
  return Math.sqrt(squares / points.rows);
}

export function euclidean(a: readonly number[], b: readonly number[]): number {
  let squares = 0;
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] as number) - (b[i] as number);
    squares += d * d;
  }
  return Math.sqrt(squares);
}
