import { columnIndex, isMissing, parseNumber } from "../data/index.ts";
import type { ColumnSchema, RawTable } from "../data/types.ts";
import { readLevels, readNumbers } from "../persona/index.ts";

/** How a column reads in a formula. */
export interface ColumnType {
  type: "number" | "string";
  /** Ordinal columns with word levels: numbers are 1-based ranks; a quoted level compares by its rank. */
  rankLevels?: string[];
}

const isNumberText = (text: string): boolean => !Number.isNaN(parseNumber(text));

/**
 * Numeric and ordinal columns read as numbers, and so do binary columns whose two levels are
 * numbers (0/1 flags, so `Online + CreditCard` counts them). Every other column reads as its
 * trimmed text; missing markers, blanks and sentinels read as missing (null).
 */
export function columnType(column: ColumnSchema): ColumnType {
  const levels = (column.levels ?? []).map((level) => level.trim());
  if (column.kind === "numeric") return { type: "number" };
  if (column.kind === "ordinal") {
    return levels.some((level) => !isNumberText(level))
      ? { type: "number", rankLevels: levels }
      : { type: "number" };
  }
  if (column.kind === "binary" && levels.length > 0 && levels.every(isNumberText)) return { type: "number" };
  return { type: "string" };
}

/** A column's cells as a formula sees them: numbers (NaN = missing) or texts (null = missing). */
export function readColumnVector(table: RawTable, column: ColumnSchema): Float64Array | (string | null)[] {
  const type = columnType(column);
  if (column.kind === "numeric" || column.kind === "ordinal") return readNumbers(table, column).values;
  if (column.kind === "binary" || column.kind === "categorical") {
    const { codes, levels } = readLevels(table, column);
    if (type.type === "number") {
      const numbers = levels.map(parseNumber);
      return Float64Array.from(codes, (code) => (code < 0 ? Number.NaN : numbers[code]!));
    }
    return Array.from(codes, (code) => (code < 0 ? null : levels[code]!));
  }
  const markers = new Set(column.missingMarkers);
  const cells = table.columns[columnIndex(table, column.name)] ?? [];
  return Array.from({ length: table.rowCount }, (_, r) => {
    const text = (cells[r] ?? "").trim();
    return text === "" || isMissing(text, markers) ? null : text;
  });
}
