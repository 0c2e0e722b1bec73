import type { ColumnValues } from "./column-values.ts";

/** A numeric or ordinal column prepared for threshold splits. */
export interface NumericRuleFeature {
  type: "numeric";
  name: string;
  values: Float64Array;
  /** Rows with a value, sorted by value (ascending, ties by row): sorted once, scanned per tree level. */
  order: Int32Array;
  /** sorted[i] = values[order[i]]: the scan reads values in order, not by row. */
  sorted: Float64Array;
  /** Rows without a value. */
  missingRows: Int32Array;
  /** Ordinal columns: splits read as "≥ 3" / "≤ 2" / "= 1" instead of midpoints. */
  ordinal?: {
    min: number;
    max: number;
    /** Word levels: the label of rank v is labels[v − 1]. */
    labels?: string[];
  };
}

/** A binary or categorical column prepared for "= level" / "≠ level" splits. */
export interface LevelRuleFeature {
  type: "levels";
  name: string;
  binary: boolean;
  codes: Int32Array;
  levels: string[];
  /** Some row has no value (then "≠ a" is not the same as "= b" for a binary column). */
  hasMissing: boolean;
}

export type RuleFeature = NumericRuleFeature | LevelRuleFeature;

function prepareNumeric(column: Extract<ColumnValues, { type: "numeric" }>): NumericRuleFeature {
  const { values } = column;
  let present = 0;
  for (let r = 0; r < values.length; r++) if (!Number.isNaN(values[r]!)) present++;
  const order = new Int32Array(present);
  const missingRows = new Int32Array(values.length - present);
  let p = 0;
  let m = 0;
  for (let r = 0; r < values.length; r++) {
    if (Number.isNaN(values[r]!)) missingRows[m++] = r;
    else order[p++] = r;
  }
  order.sort((a, b) => values[a]! - values[b]! || a - b);
  const sorted = Float64Array.from(order, (r) => values[r]!);
  const feature: NumericRuleFeature = {
    type: "numeric",
    name: column.column.name,
    values,
    order,
    sorted,
    missingRows,
  };
  if (column.column.kind === "ordinal" && present > 0) {
    const min = sorted[0]!;
    const max = sorted[present - 1]!;
    feature.ordinal = column.rankLevels && column.levels ? { min, max, labels: column.levels } : { min, max };
  }
  return feature;
}

function prepareLevels(column: Extract<ColumnValues, { type: "levels" }>): LevelRuleFeature {
  return {
    type: "levels",
    name: column.column.name,
    binary: column.column.kind === "binary",
    codes: column.codes,
    levels: column.levels,
    hasMissing: column.codes.some((code) => code < 0),
  };
}

/** Prepares columns for the tree: numeric columns are sorted once, whatever the number of trees grown. */
export function prepareRuleFeatures(columns: readonly ColumnValues[]): RuleFeature[] {
  return columns.map((column) =>
    column.type === "numeric" ? prepareNumeric(column) : prepareLevels(column),
  );
}
