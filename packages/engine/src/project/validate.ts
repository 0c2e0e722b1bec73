import { KindredError } from "../errors/index.ts";
import type { Points } from "./types.ts";

/**
 * A well-formed matrix of finite values with at least `minRows` rows; names the first
 * non-finite row and column.
 */
export function checkPoints(points: Points, minRows = 2): void {
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

/** At least two distinct rows: every projection needs some variance to show. */
export function checkNotConstant(points: Points): void {
  const { data, rows, cols } = points;
  for (let i = cols; i < rows * cols; i++) {
    if (data[i] !== data[i % cols]) return;
  }
  throw new KindredError(
    "INVALID_CONFIG",
    `embeddings are constant: all ${rows} rows are identical, so there is no variance to project`,
    { field: "points" },
  );
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

/** A finite number within [min, max]. */
export function checkNumber(field: string, value: number, min: number, max = Number.POSITIVE_INFINITY): void {
  if (!Number.isFinite(value) || value < min || value > max) {
    const range = max === Number.POSITIVE_INFINITY ? `≥ ${min}` : `between ${min} and ${max}`;
    throw new KindredError("INVALID_CONFIG", `${field} must be a finite number ${range}, got ${value}`, {
      field,
    });
  }
}
