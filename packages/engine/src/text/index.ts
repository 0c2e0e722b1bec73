/**
 * Customers as text for a sentence encoder: a data dictionary (CSV or a spreadsheet sheet) gives
 * each column's description, units and codes; rows render as "description: value" pairs; the
 * encoder port turns them into embeddings (a second vector space beside the MLP's).
 */
export {
  type DataDictionary,
  type DictionaryEntry,
  dictionaryEntry,
  dictionaryFromRows,
  dictionaryFromTable,
  findDictionarySheet,
  matchDictionary,
} from "./dictionary.ts";
export { type EncodeOptions, encodeAll, type TextEncoder } from "./encoder.ts";
export { renderRows } from "./render.ts";
export { openXlsx, readXlsxSheet, type XlsxWorkbook } from "./xlsx.ts";
