import type { ColumnSchema } from "../data/types.ts";
import { KindredError } from "../errors/index.ts";
import { CELL_BAD, CELL_MISSING, CELL_VALUE, NumericCellReader } from "./numeric-cells.ts";
import { median, minMax, moments } from "./stats.ts";
import { badValue } from "./table-access.ts";
import type { NumericEncoding } from "./types.ts";

/** Standardized values are clamped to ±this, so that no input can produce a non-finite output. */
export const OUTPUT_LIMIT = 1e6;

/** Fits a numeric or ordinal feature on the train rows (see NumericEncoding). */
export function fitNumeric(
  column: ColumnSchema,
  kind: "numeric" | "ordinal",
  cells: readonly string[],
  trainRows: ArrayLike<number>,
  logSkewThreshold: number,
  clipToTrainRange = true,
): NumericEncoding {
  const sentinels = [...new Set(column.sentinels)].filter(Number.isFinite);
  const levels =
    kind === "ordinal" && column.levels && column.levels.length > 0 ? [...column.levels] : undefined;
  const reader = new NumericCellReader(column.missingMarkers, sentinels, levels);
  const buffer = new Float64Array(trainRows.length);
  let count = 0;
  let missing = 0;
  for (let i = 0; i < trainRows.length; i++) {
    const r = trainRows[i]!;
    const code = reader.read(cells[r] ?? "");
    if (code === CELL_VALUE) buffer[count++] = reader.value;
    else if (code === CELL_MISSING) missing++;
    else if (code === CELL_BAD) throw badCell(column.name, r, cells[r] ?? "", levels);
  }
  const x = buffer.subarray(0, count);
  const { min, max } = minMax(x);
  const { skewness } = moments(x);
  const log1p = count > 0 && skewness > logSkewThreshold && min >= 0;
  const y = log1p ? x.map(Math.log1p) : x;
  const { mean, std } = moments(y);
  if (!Number.isFinite(mean) || !Number.isFinite(std)) {
    throw new KindredError("INVALID_CONFIG", `column "${column.name}": values too large to standardize`, {
      column: column.name,
    });
  }
  const missingIndicator = column.missingMarkers.length > 0 || missing > 0;
  const name = column.name;
  return {
    feature: name,
    kind,
    missingMarkers: [...column.missingMarkers],
    sentinels,
    ...(levels ? { levels } : {}),
    trainCount: count,
    min,
    max,
    skewness,
    log1p,
    mean,
    std,
    scale: std > 0 ? std : 1,
    median: median(y),
    missingIndicator,
    clip: clipToTrainRange && count > 0,
    columns: [
      name,
      ...(missingIndicator ? [`${name}__missing`] : []),
      ...sentinels.map((v) => `${name}__is_${v}`),
    ],
  };
}

/** Writes the encoded columns of `encoding` for `rows` into the row-major `data` at `offset`. */
export function writeNumeric(
  encoding: NumericEncoding,
  cells: readonly string[],
  rows: ArrayLike<number>,
  data: Float32Array,
  stride: number,
  offset: number,
): void {
  const { mean, scale, log1p, min, max } = encoding;
  const clip = encoding.clip === true;
  const reader = new NumericCellReader(encoding.missingMarkers, encoding.sentinels, encoding.levels);
  const fill = clamp((encoding.median - mean) / scale);
  const sentinelFills = encoding.sentinels.map((v) => sentinelFill(encoding, v));
  const missingAt = encoding.missingIndicator ? 1 : -1;
  const sentinelsAt = encoding.missingIndicator ? 2 : 1;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const base = i * stride + offset;
    const code = reader.read(cells[r] ?? "");
    if (code === CELL_VALUE) {
      const x = clip ? Math.min(max, Math.max(min, reader.value)) : reader.value;
      data[base] = clamp(((log1p ? Math.log1p(Math.max(x, 0)) : x) - mean) / scale);
    } else if (code === CELL_BAD) {
      throw badCell(encoding.feature, r, cells[r] ?? "", encoding.levels);
    } else {
      if (code === CELL_MISSING) {
        data[base] = fill;
        if (missingAt > 0) data[base + missingAt] = 1;
      } else {
        data[base] = sentinelFills[code] as number;
        data[base + sentinelsAt + code] = 1;
      }
    }
  }
}

/**
 * Where a sentinel sits on the scaled axis. A code beyond the observed range (999 = "never",
 * −1 = "none") means "past the end of the scale", so it sits at that end of the train range
 * rather than at the median, which would claim a typical value. Measured on bank-additional-full
 * (pdays = 999): OOT1 AUC +0.013 over the median fill. Its indicator column still marks it.
 */
function sentinelFill(encoding: NumericEncoding, sentinel: number): number {
  const { mean, scale, log1p, min, max, median, trainCount } = encoding;
  const toScale = (x: number) => clamp(((log1p ? Math.log1p(Math.max(x, 0)) : x) - mean) / scale);
  if (trainCount > 0 && sentinel > max) return toScale(max);
  if (trainCount > 0 && sentinel < min) return toScale(min);
  return clamp((median - mean) / scale);
}

function clamp(z: number): number {
  return Math.min(OUTPUT_LIMIT, Math.max(-OUTPUT_LIMIT, z));
}

function badCell(column: string, rowIndex: number, raw: string, levels: readonly string[] | undefined) {
  return badValue(column, rowIndex, raw, levels ? "is not one of the ordinal levels" : "is not a number");
}
