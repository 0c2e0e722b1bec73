import { KindredError } from "../errors/index.ts";
import { listNames, quoteValue } from "./format.ts";
import type { ColumnSchema, DatasetSchema, RawTable } from "./types.ts";

/** "available columns: …" suffix for messages about a column name that does not exist. */
export function availableColumns(header: readonly string[]): string {
  return `available columns: ${listNames(header)}`;
}

/** Index of the column named `name` (exact match); UNKNOWN_COLUMN when there is none. */
export function columnIndex(table: Pick<RawTable, "header">, name: string): number {
  const index = table.header.indexOf(name);
  if (index < 0) {
    throw new KindredError(
      "UNKNOWN_COLUMN",
      `there is no column ${quoteValue(name)}; ${availableColumns(table.header)}`,
      { column: name },
    );
  }
  return index;
}

/** The columns used as model inputs (role "feature"), in file order. */
export function featureColumns(schema: DatasetSchema): ColumnSchema[] {
  return schema.columns.filter((column) => column.role === "feature");
}
