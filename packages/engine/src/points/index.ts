import { KindredError } from "../errors/index.ts";

/** A dense row-major matrix of embeddings (or any points): value (r, c) is data[r * cols + c]. */
export interface Points {
  data: Float32Array;
  rows: number;
  cols: number;
}

/**
 * A well-formed matrix of finite values with at least `minRows` rows; names the first
 * non-finite row and column.
 */
export function checkPoints(points: Points, minRows = 1): void {
  const { data, rows, cols } = points;
  if (!Number.isInteger(cols) || cols < 1) {
    throw new KindredError("INVALID_CONFIG", `points must have at least 1 column, got ${cols}`, {
      field: "points",
    });
  }
  if (!Number.isInteger(rows) || rows < minRows) {
    throw new KindredError("INVALID_CONFIG", `points must have at least ${minRows} rows, got ${rows}`, {
      field: "points",
    });
  }
  if (data.length !== rows * cols) {
    throw new KindredError(
      "INVALID_CONFIG",
      `points.data holds ${data.length} values, expected rows × cols = ${rows} × ${cols}`,
      { field: "points" },
    );
  }
  for (let i = 0; i < data.length; i++) {
    const value = data[i] as number;
    // value − value is NaN exactly for NaN and ±Infinity.
    if (value - value !== 0) {
      const row = Math.floor(i / cols);
      throw new KindredError(
        "INVALID_CONFIG",
        `points row ${row + 1} (index ${row}), column ${(i % cols) + 1} is ${value}; embeddings must be finite`,
        { field: "points", row: row + 1 },
      );
    }
  }
}

export function checkSeed(seed: number): void {
  if (!Number.isSafeInteger(seed)) {
    throw new KindredError("INVALID_CONFIG", `seed must be an integer, got ${seed}`, { field: "seed" });
  }
}

/** An integer option within [min, max]. */
export function checkInteger(field: string, value: number, min: number, max = Number.MAX_SAFE_INTEGER): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `at least ${min}` : `between ${min} and ${max}`;
    throw new KindredError("INVALID_CONFIG", `${field} must be an integer ${range}, got ${value}`, { field });
  }
}
