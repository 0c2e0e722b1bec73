import { KindredError } from "../errors/index.ts";
import type { Points } from "./types.ts";

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

/** A finite number within [min, max]. */
export function checkNumber(field: string, value: number, min: number, max = Number.POSITIVE_INFINITY): void {
  if (!Number.isFinite(value) || value < min || value > max) {
    const range = max === Number.POSITIVE_INFINITY ? `≥ ${min}` : `between ${min} and ${max}`;
    throw new KindredError("INVALID_CONFIG", `${field} must be a finite number ${range}, got ${value}`, {
      field,
    });
  }
}
