import { parseNumber } from "./cells.ts";
import { parseDate } from "./dates.ts";
import type { ColumnSchema } from "./types.ts";

/**
 * The value a time column orders rows by: milliseconds since the epoch for a date column (read
 * with the column's day/month order), the number itself for a numeric or ordinal column. NaN
 * for a missing or unreadable cell, so callers can put such rows first or last explicitly.
 */
export function timeKey(
  column: Pick<ColumnSchema, "kind" | "dateOrder" | "missingMarkers">,
  raw: string,
): number {
  const text = raw.trim();
  if (text === "" || column.missingMarkers.includes(text)) return Number.NaN;
  return column.kind === "date" ? parseDate(text, column.dateOrder) : parseNumber(text);
}
