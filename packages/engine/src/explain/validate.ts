import { KindredError } from "../errors/index.ts";
import type { FeatureGroup } from "../features/index.ts";
import type { Matrix } from "../model/index.ts";
import type { Background } from "./types.ts";

function invalid(field: string, message: string): KindredError {
  return new KindredError("INVALID_CONFIG", `${field}: ${message}`, { field });
}

export function checkMatrix(x: Matrix, field: string): void {
  if (!(x?.data instanceof Float32Array)) throw invalid(`${field}.data`, "must be a Float32Array");
  if (!Number.isInteger(x.cols) || x.cols < 1) throw invalid(`${field}.cols`, `must be ≥ 1, got ${x.cols}`);
  if (!Number.isInteger(x.rows) || x.rows < 0 || x.data.length !== x.rows * x.cols) {
    throw invalid(`${field}.data`, `holds ${x.data.length} values, expected ${x.rows} × ${x.cols}`);
  }
}

/** Groups must tile the encoded columns [0, cols) in order, one or more columns each. */
export function checkGroups(groups: FeatureGroup[], cols: number): void {
  if (groups.length === 0) throw invalid("groups", "at least one feature is needed");
  let next = 0;
  const seen = new Set<string>();
  for (const [i, group] of groups.entries()) {
    if (seen.has(group.feature)) throw invalid(`groups[${i}]`, `feature "${group.feature}" appears twice`);
    seen.add(group.feature);
    if (group.start !== next || group.end <= group.start) {
      throw invalid(
        `groups[${i}]`,
        `feature "${group.feature}" spans columns [${group.start}, ${group.end}); expected to start at ${next}`,
      );
    }
    next = group.end;
  }
  if (next !== cols) throw invalid("groups", `the features cover ${next} columns, the matrix has ${cols}`);
}

export function checkBackground(background: Background, cols: number): Float64Array {
  checkMatrix(background.data, "background");
  const { rows } = background.data;
  if (rows < 1) throw invalid("background", "needs at least one row");
  if (background.data.cols !== cols) {
    throw invalid("background.cols", `has ${background.data.cols} columns, the rows to explain ${cols}`);
  }
  if (background.weights.length !== rows) {
    throw invalid("background.weights", `holds ${background.weights.length} weights for ${rows} rows`);
  }
  let total = 0;
  for (const [i, w] of background.weights.entries()) {
    if (!(w > 0) || !Number.isFinite(w)) throw invalid(`background.weights[${i}]`, `must be > 0, got ${w}`);
    total += w;
  }
  return Float64Array.from(background.weights, (w) => w / total);
}

export function checkPositiveInteger(value: number, field: string, max = Number.MAX_SAFE_INTEGER): void {
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw invalid(field, `must be an integer between 1 and ${max}, got ${value}`);
  }
}

/** Output of the predictor: one finite number per row. */
export function checkPredictions(out: ArrayLike<number>, rows: number): void {
  if (out.length !== rows) {
    throw new KindredError("ARTIFACT_MISMATCH", `the model returned ${out.length} outputs for ${rows} rows`, {
      field: "predictor",
    });
  }
}
