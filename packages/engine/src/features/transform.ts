import type { RawTable } from "../data/types.ts";
import { KindredError } from "../errors/index.ts";
import { writeBinary } from "./binary-encoding.ts";
import { writeCategorical } from "./categorical-encoding.ts";
import { writeNumeric } from "./numeric-encoding.ts";
import { cellsOf, checkRowIndices } from "./table-access.ts";
import {
  ENCODER_SPEC_VERSION,
  type EncoderSpec,
  type FeatureEncoding,
  type FeatureGroup,
  type FeatureMatrix,
} from "./types.ts";

/**
 * Encodes `rows` (default: every row, in order) of `table` with a fitted spec, column by column
 * into one preallocated row-major Float32Array. The table may have other columns in any order.
 * Errors: UNKNOWN_COLUMN when a feature column is absent; INVALID_CONFIG (location row + column)
 * for a value the feature cannot read, e.g. `column "x", row 17: "abc" is not a number`;
 * ARTIFACT_MISMATCH for a spec of another version.
 */
export function transform(spec: EncoderSpec, table: RawTable, rows?: ArrayLike<number>): FeatureMatrix {
  if (spec.version !== ENCODER_SPEC_VERSION) {
    throw new KindredError(
      "ARTIFACT_MISMATCH",
      `encoder spec version ${spec.version} is not supported (expected ${ENCODER_SPEC_VERSION})`,
      { field: "version" },
    );
  }
  const cellsByFeature = spec.features.map((feature) => cellsOf(table, feature.feature));
  const selected = rows ?? allRows(table.rowCount);
  if (rows !== undefined) checkRowIndices(rows, table.rowCount, "rows");
  const groups = featureGroups(spec);
  const cols = spec.columnNames.length;
  const data = new Float32Array(selected.length * cols);
  spec.features.forEach((feature, f) => {
    writeFeature(feature, cellsByFeature[f]!, selected, data, cols, groups[f]!.start);
  });
  const scaling = spec.indicatorScaling;
  if (scaling) {
    scaling.columns.forEach((c, i) => {
      const mean = scaling.mean[i] as number;
      const scale = scaling.scale[i] as number;
      for (let r = 0; r < selected.length; r++)
        data[r * cols + c] = ((data[r * cols + c] as number) - mean) / scale;
    });
  }
  return { data, rows: selected.length, cols, columnNames: [...spec.columnNames], groups };
}

/** Output columns [start, end) of every feature, in spec order. */
export function featureGroups(spec: EncoderSpec): FeatureGroup[] {
  let start = 0;
  return spec.features.map((feature) => {
    const group = { feature: feature.feature, start, end: start + feature.columns.length };
    start = group.end;
    return group;
  });
}

function writeFeature(
  feature: FeatureEncoding,
  cells: readonly string[],
  rows: ArrayLike<number>,
  data: Float32Array,
  stride: number,
  offset: number,
): void {
  switch (feature.kind) {
    case "numeric":
    case "ordinal":
      writeNumeric(feature, cells, rows, data, stride, offset);
      return;
    case "binary":
      writeBinary(feature, cells, rows, data, stride, offset);
      return;
    case "categorical":
      writeCategorical(feature, cells, rows, data, stride, offset);
      return;
    default:
      throw new KindredError(
        "ARTIFACT_MISMATCH",
        `encoder spec feature "${(feature as FeatureEncoding).feature}" has an unknown kind`,
        { column: (feature as FeatureEncoding).feature },
      );
  }
}

function allRows(n: number): Uint32Array {
  const rows = new Uint32Array(n);
  for (let i = 0; i < n; i++) rows[i] = i;
  return rows;
}
