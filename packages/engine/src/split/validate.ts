import { KindredError } from "../errors/index.ts";

/** A row count: a non-negative integer. */
export function checkRowCount(n: number): void {
  if (!Number.isInteger(n) || n < 0) {
    throw new KindredError("INVALID_CONFIG", `n must be a non-negative integer, got ${n}`, { field: "n" });
  }
}

/** A share in [0, 1]. */
export function checkShare(field: string, value: number): void {
  if (!Number.isFinite(value) || value < 0 || value > 1) {
    throw new KindredError("INVALID_CONFIG", `${field} must be between 0 and 1, got ${value}`, { field });
  }
}

/** Shares that are laid end to end must not exceed 1 (with 1e-9 slack for float sums). */
export function checkShareSum(fields: string[], values: number[]): void {
  const sum = values.reduce((a, b) => a + b, 0);
  if (sum > 1 + 1e-9) {
    const field = fields.join(" + ");
    throw new KindredError("INVALID_CONFIG", `${field} must not exceed 1, got ${sum}`, { field });
  }
}

/** Seeds are integers so that two different seeds never collapse onto the same stream. */
export function checkSeed(seed: number): void {
  if (!Number.isSafeInteger(seed)) {
    throw new KindredError("INVALID_CONFIG", `seed must be an integer, got ${seed}`, { field: "seed" });
  }
}

/** Labels, indexed by row, are 0 or 1. */
export function checkLabels(labels: ArrayLike<number>, n: number): void {
  if (labels.length !== n) {
    throw new KindredError(
      "INVALID_CONFIG",
      `labels has ${labels.length} entries, expected one per row (${n})`,
      {
        field: "labels",
      },
    );
  }
  for (let i = 0; i < n; i++) {
    const label = labels[i];
    if (label !== 0 && label !== 1) {
      throw new KindredError("INVALID_CONFIG", `label of row ${i + 1} is ${label}, expected 0 or 1`, {
        field: "labels",
        row: i + 1,
      });
    }
  }
}

/** `order` is a permutation of 0..n-1. */
export function checkOrder(order: ArrayLike<number>, n: number): void {
  if (order.length !== n) {
    throw new KindredError("INVALID_CONFIG", `order has ${order.length} entries, expected ${n}`, {
      field: "order",
    });
  }
  const seen = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const row = order[i] as number;
    if (!Number.isInteger(row) || row < 0 || row >= n || seen[row] === 1) {
      const problem = seen[row] === 1 ? "repeats row index" : "holds";
      throw new KindredError(
        "INVALID_CONFIG",
        `order[${i}] ${problem} ${row}; order must list every row index 0..${n - 1} once`,
        { field: "order" },
      );
    }
    seen[row] = 1;
  }
}
