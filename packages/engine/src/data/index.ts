/** Public surface of the data stage: CSV reading, schema inference and target mapping. */

export * from "./cells.ts";
export { columnIndex, featureColumns } from "./columns.ts";
export { CANDIDATE_DELIMITERS } from "./csv-delimiter.ts";
export { type CsvReadOptions, type CsvSummary, parseCsvBatches, parseCsvRecords } from "./csv-records.ts";
export type { CsvRecord } from "./csv-tokenizer.ts";
export { type DateOrder, dayMonthOrder, parseDate } from "./dates.ts";
export { formatCount, listNames, quoteValue } from "./format.ts";
export { inferSchema } from "./infer-schema.ts";
export { type Moments, moments } from "./moments.ts";
export { readCsv } from "./read-csv.ts";
export { type MapTargetOptions, mapTarget } from "./target.ts";
export { timeKey } from "./time-key.ts";
export * from "./types.ts";
