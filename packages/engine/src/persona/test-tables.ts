/** Small hand-made tables for the persona tests. */

import type { DatasetSchema, RawTable } from "../data/types.ts";
import { column, tableOf } from "../test-support/schema.ts";

// Ten customers in two segments (rows 0–4 → 0, rows 5–9 → 1). x has a missing marker "NA"
// (row 4) and a sentinel 999 (row 9), both kept out of the means.
export const handRows = [
  ["1", "1", "web", "0"],
  ["2", "1", "web", "0"],
  ["3", "2", "branch", "1"],
  ["4", "2", "web", "0"],
  ["NA", "3", "branch", "1"],
  ["10", "3", "phone", "1"],
  ["20", "3", "phone", "1"],
  ["30", "2", "branch", "0"],
  ["40", "1", "phone", "1"],
  ["999", "3", "phone", "1"],
];
export const handTable: RawTable = tableOf(["x", "edu", "channel", "flag"], handRows);
export const handSchema: DatasetSchema = {
  rowCount: 10,
  columns: [
    column("x", "numeric", { missingMarkers: ["NA"], sentinels: [999] }),
    column("edu", "ordinal", { levels: ["1", "2", "3"] }),
    column("channel", "categorical", { levels: ["phone", "web", "branch"] }),
    column("flag", "binary", { levels: ["0", "1"] }),
  ],
};
export const handAssignment = Int32Array.from([0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
export const handLabels = Uint8Array.from([0, 0, 1, 0, 1, 1, 0, 1, 1, 0]);
