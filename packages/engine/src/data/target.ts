import { KindredError } from "../errors/index.ts";
import { isDefaultMissing, parseNumber } from "./cells.ts";
import { availableColumns } from "./columns.ts";
import { formatCount, quoteValue } from "./format.ts";
import type { RawTable, TargetMapping } from "./types.ts";

export interface MapTargetOptions {
  /** The raw value meaning "converted"; required when the two values are not a known pair. */
  positiveValue?: string;
  /** The column's missing markers (default: DEFAULT_MISSING_MARKERS); blank is always missing. */
  missingMarkers?: string[];
}

/** Known [positive, negative] spellings, compared lower-case; numbers are compared by value. */
const KNOWN_PAIRS: readonly [string, string][] = [
  ["yes", "no"],
  ["y", "n"],
  ["true", "false"],
  ["t", "f"],
  ["1", "0"],
  ["positive", "negative"],
];

/** Lower-case form used to match KNOWN_PAIRS ("1.0" → "1", "0.00" → "0"). */
function normalize(value: string): string {
  const number = parseNumber(value);
  if (number === 1) return "1";
  if (number === 0) return "0";
  return value.toLowerCase();
}

/** The positive value of a known pair, or undefined. */
function knownPositive(a: string, b: string): string | undefined {
  const x = normalize(a);
  const y = normalize(b);
  for (const [positive, negative] of KNOWN_PAIRS) {
    if (x === positive && y === negative) return a;
    if (y === positive && x === negative) return b;
  }
  return undefined;
}

interface ValueCount {
  value: string;
  count: number;
}

function listValues(values: readonly ValueCount[], max = 5): string {
  const shown = values
    .slice(0, max)
    .map((v) => `${quoteValue(v.value)} (${formatCount(v.count)} row${v.count === 1 ? "" : "s"})`);
  const rest = values.length - shown.length;
  return rest > 0 ? `${shown.join(", ")} … and ${rest} more` : shown.join(", ");
}

/**
 * Maps a two-valued column to 0/1 labels. Values are trimmed. Checks, in order: the column
 * exists (else MISSING_TARGET), it has values, exactly two distinct ones (TARGET_ONE_CLASS /
 * TARGET_NOT_BINARY), no row lacks a value (MISSING_TARGET), and the positive class is known:
 * `positiveValue` when given (exact, else case-insensitive match), otherwise one of the pairs
 * yes/no, y/n, true/false, t/f, 1/0 (also 1.0/0.0), positive/negative in any case.
 */
export function mapTarget(
  table: RawTable,
  column: string,
  options: MapTargetOptions = {},
): { labels: Uint8Array; mapping: TargetMapping } {
  const index = table.header.indexOf(column);
  const values = table.columns[index];
  if (index < 0 || values === undefined) {
    throw new KindredError(
      "MISSING_TARGET",
      `the target column ${quoteValue(column)} is not in the file; ${availableColumns(table.header)}`,
      { column },
    );
  }
  const markers = options.missingMarkers ? new Set(options.missingMarkers.map((m) => m.trim())) : undefined;
  const isMissingValue = (value: string) =>
    value === "" || (markers ? markers.has(value) : isDefaultMissing(value));

  const counts = new Map<string, number>();
  let missing = 0;
  let firstMissingRow = 0;
  for (let r = 0; r < table.rowCount; r++) {
    const value = (values[r] ?? "").trim();
    if (isMissingValue(value)) {
      missing++;
      if (firstMissingRow === 0) firstMissingRow = r + 1;
    } else counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  const name = quoteValue(column);
  const byCount = [...counts]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
  const missingNote =
    missing > 0
      ? ` (${formatCount(missing)} more rows have no value, first at data row ${firstMissingRow})`
      : "";

  if (byCount.length === 0) {
    throw new KindredError(
      "MISSING_TARGET",
      `the target column ${name} has no values: all ${formatCount(table.rowCount)} rows are missing`,
      { column, row: 1 },
    );
  }
  const [first, second] = byCount;
  if (first && second === undefined) {
    throw new KindredError(
      "TARGET_ONE_CLASS",
      `the target column ${name} has only one value, ${quoteValue(first.value)} (${formatCount(first.count)} rows)${missingNote}; a target needs both classes`,
      { column },
    );
  }
  if (byCount.length > 2 || !first || !second) {
    throw new KindredError(
      "TARGET_NOT_BINARY",
      `the target column ${name} has ${formatCount(byCount.length)} distinct values, expected exactly two: ${listValues(byCount)}; choose a yes/no column or recode this one`,
      { column },
    );
  }
  if (missing > 0) {
    throw new KindredError(
      "MISSING_TARGET",
      `the target column ${name} has no value in ${formatCount(missing)} row${missing === 1 ? "" : "s"}; the first is data row ${firstMissingRow} (file line ${firstMissingRow + 1} when the header is line 1); remove those rows or choose another target`,
      { column, row: firstMissingRow },
    );
  }

  let positive: string;
  if (options.positiveValue !== undefined) {
    const wanted = options.positiveValue.trim();
    const match =
      [first.value, second.value].find((v) => v === wanted) ??
      [first.value, second.value].find((v) => v.toLowerCase() === wanted.toLowerCase());
    if (match === undefined) {
      throw new KindredError(
        "INVALID_OVERRIDE",
        `the positive value ${quoteValue(options.positiveValue)} does not occur in the target column ${name}, whose values are ${quoteValue(first.value)} and ${quoteValue(second.value)}`,
        { column, field: "positiveValue" },
      );
    }
    positive = match;
  } else {
    const known = knownPositive(first.value, second.value);
    if (known === undefined) {
      throw new KindredError(
        "TARGET_NOT_BINARY",
        `cannot tell which value of the target column ${name} is the positive class: ${listValues(byCount)}; set the positive value to one of them`,
        { column, field: "positiveValue" },
      );
    }
    positive = known;
  }
  const negative = positive === first.value ? second.value : first.value;
  const labels = new Uint8Array(table.rowCount);
  for (let r = 0; r < table.rowCount; r++) if ((values[r] ?? "").trim() === positive) labels[r] = 1;
  return { labels, mapping: { column, positive, negative } };
}
