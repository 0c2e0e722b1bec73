import type { RawTable } from "../data/index.ts";

/** One what-if row: a table row with some features set to other values. */
export interface WhatIf {
  row: number;
  set: { column: number; value: string }[];
}

/**
 * The what-if rows as a table of raw cells (every other cell copied from the source row), ready
 * to be encoded and scored exactly like imported rows.
 */
export function whatIfTable(table: RawTable, whatIfs: WhatIf[]): RawTable {
  const columns = table.columns.map((cells) => whatIfs.map((w) => cells[w.row] ?? ""));
  whatIfs.forEach((w, i) => {
    for (const { column, value } of w.set) (columns[column] as string[])[i] = value;
  });
  return { header: table.header, columns, rowCount: whatIfs.length };
}
