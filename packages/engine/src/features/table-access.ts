import type { RawTable } from "../data/types.ts";
import { KindredError } from "../errors/index.ts";

/** The raw cells of the column called `name`; UNKNOWN_COLUMN when the table has none. */
export function cellsOf(table: RawTable, name: string): string[] {
  const index = table.header.indexOf(name);
  const cells = index < 0 ? undefined : table.columns[index];
  if (cells === undefined) {
    throw new KindredError("UNKNOWN_COLUMN", `the table has no column "${name}" (needed as a feature)`, {
      column: name,
    });
  }
  return cells;
}

/** Every entry of `rows` is an integer row index of the table; INVALID_CONFIG naming `field` otherwise. */
export function checkRowIndices(rows: ArrayLike<number>, rowCount: number, field: string): void {
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    if (!Number.isInteger(r) || r < 0 || r >= rowCount) {
      throw new KindredError(
        "INVALID_CONFIG",
        `${field}[${i}] is ${r}, not a row index of the table (0..${rowCount - 1})`,
        { field },
      );
    }
  }
}

/** The error for a cell that the feature's encoding cannot read. Rows are reported 1-based. */
export function badValue(column: string, rowIndex: number, raw: string, problem: string): KindredError {
  return new KindredError("INVALID_CONFIG", `column "${column}", row ${rowIndex + 1}: "${raw}" ${problem}`, {
    row: rowIndex + 1,
    column,
  });
}
