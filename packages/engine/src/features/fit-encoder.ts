import type { ColumnSchema, RawTable } from "../data/types.ts";
import { KindredError } from "../errors/index.ts";
import { fitBinary } from "./binary-encoding.ts";
import { fitCategorical } from "./categorical-encoding.ts";
import { fitNumeric } from "./numeric-encoding.ts";
import { resolveEncoderOptions } from "./options.ts";
import { cellsOf, checkRowIndices } from "./table-access.ts";
import { featureGroups, transform } from "./transform.ts";
import {
  ENCODER_SPEC_VERSION,
  type EncoderOptions,
  type EncoderSpec,
  type FeatureEncoding,
} from "./types.ts";

/**
 * Fits one encoding per feature column using the train rows only (statistics, log decision,
 * levels), in the order of `columns`. Errors: NO_FEATURES for no columns; SPLIT_TOO_SMALL for no
 * train rows; UNKNOWN_COLUMN for a column the table lacks; INVALID_CONFIG for a repeated column,
 * a kind that cannot be a feature (identifier, constant, date, text), a cell the kind cannot
 * read (naming column and row), bad options, or colliding output column names.
 */
export function fitEncoder(
  table: RawTable,
  columns: readonly ColumnSchema[],
  trainRows: ArrayLike<number>,
  options?: EncoderOptions,
): EncoderSpec {
  const resolved = resolveEncoderOptions(options);
  if (columns.length === 0) {
    throw new KindredError(
      "NO_FEATURES",
      "no feature columns to encode: give at least one column the role feature",
    );
  }
  if (trainRows.length === 0) {
    throw new KindredError("SPLIT_TOO_SMALL", "the train split has 0 rows; the encoder needs train rows", {
      field: "trainRows",
    });
  }
  checkRowIndices(trainRows, table.rowCount, "trainRows");
  const seen = new Set<string>();
  const features: FeatureEncoding[] = columns.map((column) => {
    if (seen.has(column.name)) {
      throw new KindredError("INVALID_CONFIG", `feature column "${column.name}" is listed twice`, {
        column: column.name,
      });
    }
    seen.add(column.name);
    return fitColumn(column, cellsOf(table, column.name), trainRows, resolved);
  });
  const columnNames = features.flatMap((feature) => feature.columns);
  checkUniqueNames(columnNames);
  const spec: EncoderSpec = {
    version: ENCODER_SPEC_VERSION,
    options: resolved,
    trainRowCount: trainRows.length,
    features,
    columnNames,
  };
  if (resolved.standardizeIndicators) spec.indicatorScaling = fitIndicatorScaling(spec, table, trainRows);
  return spec;
}

/** Train mean and population std of every 0/1 column (everything but numeric value columns). */
function fitIndicatorScaling(
  spec: EncoderSpec,
  table: RawTable,
  trainRows: ArrayLike<number>,
): NonNullable<EncoderSpec["indicatorScaling"]> {
  const columns: number[] = [];
  featureGroups(spec).forEach((group, f) => {
    const first = spec.features[f]?.kind === "numeric" || spec.features[f]?.kind === "ordinal" ? 1 : 0;
    for (let c = group.start + first; c < group.end; c++) columns.push(c);
  });
  const x = transform(spec, table, trainRows);
  const mean: number[] = [];
  const scale: number[] = [];
  for (const c of columns) {
    let sum = 0;
    for (let r = 0; r < x.rows; r++) sum += x.data[r * x.cols + c] as number;
    const m = sum / x.rows;
    let sq = 0;
    for (let r = 0; r < x.rows; r++) sq += ((x.data[r * x.cols + c] as number) - m) ** 2;
    const std = Math.sqrt(sq / x.rows);
    mean.push(m);
    scale.push(std > 0 ? std : 1);
  }
  return { columns, mean, scale };
}

function fitColumn(
  column: ColumnSchema,
  cells: readonly string[],
  trainRows: ArrayLike<number>,
  options: Required<EncoderOptions>,
): FeatureEncoding {
  switch (column.kind) {
    case "numeric":
    case "ordinal":
      return fitNumeric(
        column,
        column.kind,
        cells,
        trainRows,
        options.logSkewThreshold,
        options.clipToTrainRange,
      );
    case "binary":
      return fitBinary(column, cells, trainRows);
    case "categorical":
      return fitCategorical(column, cells, trainRows, options.minLevelCount, options.minLevelShare);
    default:
      throw new KindredError(
        "INVALID_CONFIG",
        `column "${column.name}" is of kind ${column.kind}, which cannot be a feature; give it another role or kind`,
        { column: column.name },
      );
  }
}

function checkUniqueNames(names: readonly string[]): void {
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) {
      throw new KindredError(
        "INVALID_CONFIG",
        `two features would both produce the encoded column "${name}"; rename a column or a level`,
        { field: name },
      );
    }
    seen.add(name);
  }
}
