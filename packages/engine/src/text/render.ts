import { type ColumnSchema, type DatasetSchema, parseNumber, type RawTable } from "../data/index.ts";
import type { DictionaryEntry } from "./dictionary.ts";

/** How one column's cell becomes words. */
function readable(raw: string, column: ColumnSchema, entry: DictionaryEntry | undefined): string {
  const value = raw.trim();
  if (value === "" || column.missingMarkers.includes(value)) return "unknown";
  const decoded = entry?.codes?.get(value);
  if (decoded !== undefined) return decoded;
  const levels = column.levels ?? [];
  if (column.kind === "binary" && levels.length === 2 && levels.every((l) => l === "0" || l === "1")) {
    return value === "1" ? "yes" : "no";
  }
  const number = parseNumber(value);
  if (Number.isFinite(number) && column.sentinels.includes(number)) return "not applicable";
  if (entry?.thousandsOfDollars && Number.isFinite(number)) {
    return `$${Math.round(number * 1000).toLocaleString("en-US")}`;
  }
  if (entry?.unit) {
    // "1 persons" reads "1 person".
    const unit = number === 1 && entry.unit.endsWith("s") ? entry.unit.slice(0, -1) : entry.unit;
    return `${value} ${unit}`;
  }
  return value;
}

/**
 * Each customer as text, "description: value" for every input feature ("Family size of the
 * customer: 2 persons; Education Level: Undergrad; …"), for a sentence encoder. Identifiers, the
 * target and ignored columns are left out: the text describes behaviour, not the outcome.
 */
export function renderRows(
  table: RawTable,
  schema: DatasetSchema,
  dictionary: Map<string, DictionaryEntry>,
  rows?: ArrayLike<number>,
): string[] {
  const features = schema.columns
    .filter((c) => c.role === "feature")
    .map((column) => ({
      column,
      entry: dictionary.get(column.name),
      cells: table.columns[table.header.indexOf(column.name)] ?? [],
    }));
  const picked = rows ?? Array.from({ length: table.rowCount }, (_, r) => r);
  return Array.from(picked, (r) =>
    features
      .map(
        ({ column, entry, cells }) =>
          `${entry?.description ?? column.name}: ${readable(cells[r] ?? "", column, entry)}`,
      )
      .join("; "),
  );
}
