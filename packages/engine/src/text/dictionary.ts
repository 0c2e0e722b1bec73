import type { DatasetSchema, RawTable } from "../data/index.ts";
import { KindredError } from "../errors/index.ts";

/** What a data dictionary says about one column. */
export interface DictionaryEntry {
  /** The column's name as the dictionary writes it. */
  name: string;
  /** Human words for the column, without embedded codes or units. */
  description: string;
  /** Unit of the values, e.g. "persons" or "years" (from a unit column or the description). */
  unit?: string;
  /** Values are thousands of dollars ("($000)" in the description). */
  thousandsOfDollars?: boolean;
  /** Coded values and their meaning, e.g. 1 → "Undergrad". */
  codes?: Map<string, string>;
}

export type DataDictionary = DictionaryEntry[];

/** "Education Level. 1: Undergrad; 2: Graduate" → base text and codes (needs two codes or more). */
function splitCodes(text: string): { base: string; codes?: Map<string, string> } {
  const start = /(^|[\s.;,(])-?\d+\s*[:=]\s*\S/.exec(text);
  if (!start) return { base: text };
  const from = start.index + (start[1]?.length ?? 0);
  const parts = text
    .slice(from)
    .split(/\s*[;,]\s*/)
    .map((part) => /^(-?\d+)\s*[:=]\s*(.+?)[.)\s]*$/.exec(part.trim()))
    .filter((m): m is RegExpExecArray => m !== null);
  if (parts.length < 2) return { base: text };
  return {
    base: text.slice(0, from),
    codes: new Map(parts.map((m) => [m[1] as string, (m[2] as string).trim()])),
  };
}

function tidy(text: string): string {
  return text
    .replace(/\s+/g, " ")
    .replace(/[\s.:;,]+$/, "")
    .trim();
}

/** One entry from a column name, its description and optional unit and codes ("1=A;2=B"). */
export function dictionaryEntry(name: string, description: string, unit = "", codes = ""): DictionaryEntry {
  let text = description.trim();
  const entry: DictionaryEntry = { name: name.trim(), description: "" };
  if (/\(\s*(in\s+)?\$\s*0{3}\s*\)/i.test(text)) {
    entry.thousandsOfDollars = true;
    text = text.replace(/\(\s*(in\s+)?\$\s*0{3}\s*\)/i, " ");
  }
  // "#years of professional experience": the unit is the counted word.
  const counted = /^#\s*([A-Za-z]+)/.exec(text);
  if (counted) {
    entry.unit = (counted[1] as string).toLowerCase();
    text = `Number of ${text.replace(/^#\s*/, "")}`;
  }
  const split = splitCodes(text);
  entry.description = tidy(split.base) || entry.name;
  if (split.codes) entry.codes = split.codes;
  if (unit.trim()) entry.unit = unit.trim();
  if (codes.trim()) {
    entry.codes = new Map(
      codes
        .split(/[;|]/)
        .map((pair) => pair.split(/[=:]/).map((s) => s.trim()))
        .filter((pair): pair is [string, string] => pair.length >= 2 && pair[0] !== "" && pair[1] !== "")
        .map(([code, meaning]) => [code, meaning]),
    );
  }
  return entry;
}

/**
 * A dictionary from rows of cells (a spreadsheet sheet): in each row the first two non-empty
 * cells are the column name and its description, a third and fourth the unit and codes. Rows
 * with fewer than two cells (titles, blank lines) are skipped.
 */
export function dictionaryFromRows(rows: string[][]): DataDictionary {
  const entries = entriesOfRows(rows);
  if (entries.length === 0) {
    throw new KindredError(
      "INVALID_CONFIG",
      "the dictionary has no rows with a column name and a description",
      {
        field: "dictionary",
      },
    );
  }
  return entries;
}

function entriesOfRows(rows: string[][]): DataDictionary {
  const entries: DataDictionary = [];
  for (const row of rows) {
    // A sheet's table may start in any column: cells count from the first non-empty one.
    const first = row.findIndex((c) => c.trim() !== "");
    const cells = first < 0 ? [] : row.slice(first).map((c) => c.trim());
    const [name = "", description = "", unit = "", codes = ""] = cells;
    if (name === "" || description === "") continue;
    if (/^(column|name|field|variable)$/i.test(name) && /^description$/i.test(description)) continue;
    entries.push(dictionaryEntry(name, description, unit, codes));
  }
  return entries;
}

/**
 * Which sheet of a workbook is its data dictionary: the one whose rows name the most columns of
 * the dataset (a data sheet names them once, in its header row). None naming two or more is an
 * error listing the sheets, so the user can name one.
 */
export function findDictionarySheet(
  sheets: string[],
  read: (sheet: string) => string[][],
  schema: DatasetSchema,
): string {
  const columns = new Set(schema.columns.map((c) => key(c.name)));
  let best: { sheet: string; named: number } | null = null;
  for (const sheet of sheets) {
    const named = new Set(
      entriesOfRows(read(sheet))
        .map((e) => key(e.name))
        .filter((k) => columns.has(k)),
    ).size;
    if (named >= 2 && (!best || named > best.named)) best = { sheet, named };
  }
  if (!best) {
    throw new KindredError(
      "INVALID_CONFIG",
      `no sheet of the workbook lists the dataset's columns with descriptions; name the sheet (its sheets are ${sheets.map((s) => `"${s}"`).join(", ")})`,
      { field: "sheet" },
    );
  }
  return best.sheet;
}

/** A dictionary CSV: columns "column" and "description", optionally "unit" and "codes" (1=A;2=B). */
export function dictionaryFromTable(table: RawTable): DataDictionary {
  const at = (name: string) => table.header.findIndex((h) => h.trim().toLowerCase() === name);
  const [name, description, unit, codes] = ["column", "description", "unit", "codes"].map(at) as number[];
  if ((name as number) < 0 || (description as number) < 0) {
    throw new KindredError(
      "INVALID_CONFIG",
      `a dictionary CSV needs the columns "column" and "description" (and optionally "unit" and "codes"); it has ${table.header.map((h) => `"${h}"`).join(", ")}`,
      { field: "dictionary" },
    );
  }
  const cell = (c: number, r: number) => (c >= 0 ? (table.columns[c]?.[r] ?? "") : "");
  return dictionaryFromRows(
    Array.from({ length: table.rowCount }, (_, r) => [
      cell(name as number, r),
      cell(description as number, r),
      cell(unit as number, r),
      cell(codes as number, r),
    ]),
  );
}

/** Names compare without case, spaces or punctuation ("PostCode" is the column "Post code"). */
function key(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, "");
}

/**
 * The dictionary's entry of every dataset column it describes. A name that matches no column of
 * the dataset is an error naming it (a dictionary of another table, or a typo).
 */
export function matchDictionary(
  dictionary: DataDictionary,
  schema: DatasetSchema,
): Map<string, DictionaryEntry> {
  const columns = new Map(schema.columns.map((c) => [key(c.name), c.name]));
  const matched = new Map<string, DictionaryEntry>();
  const unknown: string[] = [];
  for (const entry of dictionary) {
    const column = columns.get(key(entry.name));
    if (column === undefined) unknown.push(entry.name);
    else matched.set(column, entry);
  }
  if (unknown.length > 0) {
    throw new KindredError(
      "UNKNOWN_COLUMN",
      `the dictionary describes ${unknown.map((n) => `"${n}"`).join(", ")}, not a column of the dataset (its columns: ${schema.columns.map((c) => `"${c.name}"`).join(", ")})`,
      { field: "dictionary", column: unknown[0] },
    );
  }
  return matched;
}
