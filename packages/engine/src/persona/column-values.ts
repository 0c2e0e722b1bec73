import { columnIndex, isMissing, parseNumber } from "../data/index.ts";
import type { ColumnSchema, DatasetSchema, RawTable } from "../data/types.ts";
import { KindredError } from "../errors/index.ts";

/** Distinct raw texts remembered per column (beyond this, cells are parsed again). */
const MEMO_LIMIT = 65_536;

/**
 * A numeric or ordinal column read as numbers. `values[r]` is NaN when row r has no value: a
 * missing marker, a blank cell, or one of the column's sentinels ("not applicable" codes).
 */
export interface NumericValues {
  type: "numeric";
  column: ColumnSchema;
  values: Float64Array;
  /** Ordinal columns: the level of each row (index into `levels`, −1 = no value). */
  codes?: Int32Array;
  levels?: string[];
  /** Ordinal columns whose levels are words: values are 1-based level ranks. */
  rankLevels?: boolean;
}

/** A binary or categorical column read as levels: `codes[r]` indexes `levels`, −1 = missing. */
export interface LevelValues {
  type: "levels";
  column: ColumnSchema;
  codes: Int32Array;
  levels: string[];
}

export type ColumnValues = NumericValues | LevelValues;

/** Kinds that profiles, rules and names describe. */
export const PROFILED_KINDS: ReadonlySet<string> = new Set(["numeric", "ordinal", "binary", "categorical"]);

/** The schema entry of `name`; UNKNOWN_COLUMN when the schema or the table has no such column. */
export function schemaColumn(table: RawTable, schema: DatasetSchema, name: string): ColumnSchema {
  columnIndex(table, name);
  const column = schema.columns.find((c) => c.name === name);
  if (!column) {
    throw new KindredError("UNKNOWN_COLUMN", `the schema has no column "${name}"`, { column: name });
  }
  return column;
}

/**
 * The columns to describe: the named `features` (each must exist and be numeric, ordinal,
 * binary or categorical), or by default every role-"feature" column of such a kind.
 */
export function describedColumns(
  table: RawTable,
  schema: DatasetSchema,
  features?: string[],
): ColumnSchema[] {
  if (features === undefined) {
    return schema.columns.filter((c) => c.role === "feature" && PROFILED_KINDS.has(c.kind));
  }
  const seen = new Set<string>();
  return features.map((name, i) => {
    if (seen.has(name)) {
      throw new KindredError("INVALID_CONFIG", `features[${i}]: "${name}" is listed twice`, {
        field: "features",
      });
    }
    seen.add(name);
    const column = schemaColumn(table, schema, name);
    if (!PROFILED_KINDS.has(column.kind)) {
      throw new KindredError(
        "INVALID_CONFIG",
        `features[${i}]: column "${name}" is ${column.kind}; only numeric, ordinal, binary and categorical columns can be described`,
        { column: name, field: "features" },
      );
    }
    return column;
  });
}

function cellsOf(table: RawTable, column: ColumnSchema): string[] {
  return table.columns[columnIndex(table, column.name)] ?? [];
}

function badCell(column: ColumnSchema, row: number, raw: string, problem: string): KindredError {
  return new KindredError(
    "INVALID_CONFIG",
    `column "${column.name}", row ${row + 1}: ${JSON.stringify(raw)} ${problem}`,
    { column: column.name, row: row + 1 },
  );
}

/** Trimmed text of a cell, or undefined when it is blank or one of the column's missing markers. */
function presentText(raw: string, markers: ReadonlySet<string>): string | undefined {
  const text = raw.trim();
  return text === "" || isMissing(text, markers) ? undefined : text;
}

/**
 * Reads a binary or categorical column as level codes. Levels are the schema's (trimmed), in
 * its order; a value the schema does not list is appended in order of first appearance.
 */
export function readLevels(table: RawTable, column: ColumnSchema): LevelValues {
  const cells = cellsOf(table, column);
  const markers = new Set(column.missingMarkers);
  const levels = (column.levels ?? []).map((level) => level.trim());
  const index = new Map(levels.map((level, i) => [level, i]));
  const memo = new Map<string, number>();
  const codes = new Int32Array(table.rowCount);
  for (let r = 0; r < table.rowCount; r++) {
    const raw = cells[r] ?? "";
    let code = memo.get(raw);
    if (code === undefined) {
      const text = presentText(raw, markers);
      if (text === undefined) code = -1;
      else {
        code = index.get(text);
        if (code === undefined) {
          code = levels.length;
          levels.push(text);
          index.set(text, code);
        }
      }
      if (memo.size < MEMO_LIMIT) memo.set(raw, code);
    }
    codes[r] = code;
  }
  return { type: "levels", column, codes, levels };
}

/**
 * Reads a numeric or ordinal column as numbers (NaN = no value). Sentinels are no value.
 * Ordinal columns whose levels are all numbers keep their numeric values; ordinal columns with
 * word levels ("low" < "mid" < "high") read as the 1-based rank of the level. A cell that is
 * not a number (or not a level) is reported as INVALID_CONFIG naming the column and row.
 */
export function readNumbers(table: RawTable, column: ColumnSchema): NumericValues {
  const cells = cellsOf(table, column);
  const markers = new Set(column.missingMarkers);
  const sentinels = new Set(column.sentinels);
  const ordinal = column.kind === "ordinal";
  const levels = ordinal ? (column.levels ?? []).map((level) => level.trim()) : undefined;
  const rankLevels = levels?.some((level) => Number.isNaN(parseNumber(level))) ?? false;
  const levelIndex = new Map<string, number>((levels ?? []).map((level, i) => [level, i]));
  const levelByValue = new Map<number, number>(
    rankLevels ? [] : (levels ?? []).map((level, i) => [parseNumber(level), i]),
  );
  const values = new Float64Array(table.rowCount);
  const codes = levels ? new Int32Array(table.rowCount) : undefined;
  const memo = new Map<string, { value: number; code: number }>();
  for (let r = 0; r < table.rowCount; r++) {
    const raw = cells[r] ?? "";
    let read = memo.get(raw);
    if (read === undefined) {
      const text = presentText(raw, markers);
      if (text === undefined) read = { value: Number.NaN, code: -1 };
      else if (rankLevels) {
        const code = levelIndex.get(text);
        if (code === undefined)
          throw badCell(column, r, raw, `is not one of the levels ${levels?.join(", ")}`);
        read = { value: code + 1, code };
      } else {
        const value = parseNumber(text);
        if (!Number.isFinite(value))
          throw badCell(column, r, raw, `is not a number (the column is ${column.kind})`);
        if (sentinels.has(value)) read = { value: Number.NaN, code: -1 };
        else {
          let code = levelByValue.get(value);
          if (code === undefined && levels) {
            code = levels.length;
            levels.push(text);
            levelByValue.set(value, code);
          }
          read = { value, code: code ?? -1 };
        }
      }
      if (memo.size < MEMO_LIMIT) memo.set(raw, read);
    }
    values[r] = read.value;
    if (codes) codes[r] = read.code;
  }
  if (!codes || !levels) return { type: "numeric", column, values };
  return { type: "numeric", column, values, codes, levels, rankLevels };
}

/** Reads a column the way its kind says: numbers for numeric/ordinal, levels for binary/categorical. */
export function readColumnValues(table: RawTable, column: ColumnSchema): ColumnValues {
  return column.kind === "numeric" || column.kind === "ordinal"
    ? readNumbers(table, column)
    : readLevels(table, column);
}
