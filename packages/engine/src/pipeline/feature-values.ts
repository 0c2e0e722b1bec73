import { columnIndex, type DatasetSchema, parseNumber, type RawTable } from "../data/index.ts";
import { KindredError } from "../errors/index.ts";

export type FeatureValues =
  | { name: string; kind: "numeric"; values: (number | null)[] }
  | { name: string; kind: "categorical"; values: (string | null)[] };

/**
 * The feature columns of `rows` as typed values for drift and profiles: numbers for numeric and
 * ordinal columns (missing markers and sentinels → null), trimmed levels otherwise (missing →
 * null). A table lacking a feature → UNKNOWN_COLUMN naming it.
 */
export function featureValues(
  table: RawTable,
  schema: DatasetSchema,
  rows?: ArrayLike<number>,
): FeatureValues[] {
  const picked = rows ?? Array.from({ length: table.rowCount }, (_, r) => r);
  return schema.columns
    .filter((c) => c.role === "feature")
    .map((column) => {
      let index: number;
      try {
        index = columnIndex(table, column.name);
      } catch {
        throw new KindredError(
          "UNKNOWN_COLUMN",
          `the table has no column "${column.name}" (a feature of the run)`,
          {
            column: column.name,
          },
        );
      }
      const cells = table.columns[index] as string[];
      const markers = new Set(column.missingMarkers);
      const isMissing = (raw: string) => raw.trim() === "" || markers.has(raw.trim());
      if (column.kind === "numeric" || column.kind === "ordinal") {
        const sentinels = new Set(column.sentinels);
        const values = Array.from(picked, (r) => {
          const raw = cells[r] ?? "";
          if (isMissing(raw)) return null;
          const v = parseNumber(raw);
          return Number.isFinite(v) && !sentinels.has(v) ? v : null;
        });
        return { name: column.name, kind: "numeric", values };
      }
      const values = Array.from(picked, (r) => {
        const raw = cells[r] ?? "";
        return isMissing(raw) ? null : raw.trim();
      });
      return { name: column.name, kind: "categorical", values };
    });
}
