import { KindredError } from "../errors/index.ts";
import type { Matrix } from "./types.ts";

function invalid(field: string, message: string): KindredError {
  return new KindredError("INVALID_CONFIG", `${field}: ${message}`, { field });
}

/** Checks the matrix shape fields against its data; used for training and inference inputs. */
export function checkMatrixShape(x: Matrix, field = "x"): void {
  if (!(x?.data instanceof Float32Array)) throw invalid(`${field}.data`, "must be a Float32Array");
  if (!Number.isInteger(x.rows) || x.rows < 0) {
    throw invalid(`${field}.rows`, `must be a non-negative integer, got ${String(x.rows)}`);
  }
  if (!Number.isInteger(x.cols) || x.cols < 1) {
    throw invalid(`${field}.cols`, `must be a positive integer, got ${String(x.cols)}`);
  }
  if (x.data.length !== x.rows * x.cols) {
    throw invalid(
      `${field}.data`,
      `length ${x.data.length} does not match rows × cols = ${x.rows} × ${x.cols} = ${x.rows * x.cols}`,
    );
  }
}

/** Training matrices must be finite: one NaN poisons every weight. */
export function checkFinite(x: Matrix, rows: Int32Array, field = "x"): void {
  const { data, cols } = x;
  for (const r of rows) {
    const base = r * cols;
    for (let c = 0; c < cols; c++) {
      if (!Number.isFinite(data[base + c] as number)) {
        throw invalid(field, `non-finite value ${String(data[base + c])} at matrix row ${r}, column ${c}`);
      }
    }
  }
}

/** Validates a row-index list (integers in [0, rowCount), non-empty) and copies it. */
export function toRowIndices(
  rows: ArrayLike<number> | undefined,
  rowCount: number,
  field: string,
): Int32Array {
  if (rows === undefined || rows === null || typeof rows.length !== "number") {
    throw invalid(field, "must be an array of row indices");
  }
  if (rows.length === 0) throw invalid(field, "must not be empty");
  const out = new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as number;
    if (!Number.isInteger(r) || r < 0 || r >= rowCount) {
      throw invalid(
        field,
        `index ${String(r)} at position ${i} is not a row of the matrix (0..${rowCount - 1})`,
      );
    }
    out[i] = r;
  }
  return out;
}

export interface ClassCounts {
  positives: number;
  negatives: number;
}

/** Labels of the given rows must be 0/1 and include both classes. */
export function countClasses(labels: Uint8Array, rows: Int32Array, field: string): ClassCounts {
  let positives = 0;
  for (const r of rows) {
    const y = labels[r];
    if (y === 1) positives++;
    else if (y !== 0) throw invalid("labels", `label ${String(y)} at matrix row ${r} is not 0 or 1`);
  }
  const negatives = rows.length - positives;
  if (positives === 0 || negatives === 0) {
    throw invalid(
      field,
      `needs both classes, got ${positives} positives and ${negatives} negatives in ${rows.length} rows`,
    );
  }
  return { positives, negatives };
}

export function checkLabels(labels: Uint8Array, rowCount: number): void {
  if (!(labels instanceof Uint8Array)) throw invalid("labels", "must be a Uint8Array");
  if (labels.length !== rowCount) {
    throw invalid("labels", `length ${labels.length} does not match the matrix's ${rowCount} rows`);
  }
}
