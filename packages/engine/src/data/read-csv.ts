import { KindredError } from "../errors/index.ts";
import { type CsvReadOptions, parseCsvBatches, UNFINISHED } from "./csv-records.ts";
import { formatCount, quoteValue } from "./format.ts";
import type { RawTable } from "./types.ts";

/** Offending lines listed in a RAGGED_ROW message; the total is always given. */
const MAX_LISTED_LINES = 5;

/** Trims header names and names blank ones `column_<n>` (1-based position). */
function headerNames(fields: string[], line: number): string[] {
  const names = fields.map((field, i) => {
    const name = field.trim();
    return name === "" ? `column_${i + 1}` : name;
  });
  const seen = new Map<string, number>();
  for (const [i, name] of names.entries()) {
    const first = seen.get(name);
    if (first !== undefined) {
      throw new KindredError(
        "DUPLICATE_COLUMN",
        `column name ${quoteValue(name)} appears twice in the header (line ${line}): columns ${first + 1} and ${i + 1}; rename one of them`,
        { line, column: name },
      );
    }
    seen.set(name, i);
  }
  return names;
}

/**
 * Reads a whole CSV into a RawTable (cells kept raw, untrimmed). The first record is the
 * header; every data record must have as many fields as the header. Rows of the wrong width
 * are all counted before failing, so the message can give the total.
 */
export async function readCsv(
  source: AsyncIterable<Uint8Array | string>,
  options: CsvReadOptions = {},
): Promise<RawTable & { delimiter: string }> {
  const batches = parseCsvBatches(source, options);
  let header: string[] | undefined;
  let headerLine = 1;
  let columns: string[][] = [];
  let rowCount = 0;
  const ragged: { line: number; count: number }[] = [];
  let raggedTotal = 0;
  let finished = false;

  try {
    for (;;) {
      const next = await batches.next();
      if (next.done) {
        finished = true;
        const { delimiter } = next.value;
        if (header === undefined) {
          throw new KindredError("EMPTY_FILE", "the file is empty (no header line and no data)");
        }
        if (raggedTotal > 0) throw raggedError(header.length, ragged, raggedTotal);
        if (rowCount === 0) {
          throw new KindredError(
            "HEADER_ONLY",
            `the file has a header (line ${headerLine}, ${header.length} columns) but no data rows`,
            { line: headerLine },
          );
        }
        return { header, columns, rowCount, delimiter };
      }
      for (const { fields, line } of next.value) {
        if (header === undefined) {
          header = headerNames(fields, line);
          headerLine = line;
          columns = header.map(() => []);
          continue;
        }
        if (fields.length !== header.length) {
          raggedTotal++;
          if (ragged.length < MAX_LISTED_LINES) ragged.push({ line, count: fields.length });
          continue;
        }
        // Once a row is known bad the table is never returned, so stop storing cells.
        if (raggedTotal > 0) continue;
        for (let c = 0; c < fields.length; c++) (columns[c] as string[]).push(fields[c] as string);
        rowCount++;
      }
    }
  } finally {
    // On an early error (e.g. a duplicate column) release the source.
    if (!finished) await batches.return(UNFINISHED);
  }
}

function raggedError(
  expected: number,
  ragged: { line: number; count: number }[],
  total: number,
): KindredError {
  const listed = ragged.map((r) => `line ${r.line} has ${r.count}`).join(", ");
  const more = total > ragged.length ? ` (showing the first ${ragged.length})` : "";
  const first = ragged[0] as { line: number };
  return new KindredError(
    "RAGGED_ROW",
    `${formatCount(total)} row${total === 1 ? "" : "s"} ${total === 1 ? "does" : "do"} not have ${expected} fields like the header: ${listed}${more}; check the delimiter and quoting`,
    { line: first.line },
  );
}
