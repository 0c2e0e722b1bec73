/** Builders for hand-made schemas and tables in engine tests. */
import type { ColumnKind, ColumnSchema, RawTable } from "../data/types.ts";

/** A feature column of the given kind with empty statistics; `extra` overrides any field. */
export function column(name: string, kind: ColumnKind, extra: Partial<ColumnSchema> = {}): ColumnSchema {
  return {
    name,
    kind,
    role: "feature",
    stats: { present: 0, missing: 0, missingShare: 0, distinct: 0 },
    missingMarkers: [],
    sentinels: [],
    reason: "test",
    ...extra,
  };
}

/** A table of string cells given row by row. */
export function tableOf(header: string[], rows: string[][]): RawTable {
  return { header, columns: header.map((_, c) => rows.map((row) => row[c] ?? "")), rowCount: rows.length };
}
