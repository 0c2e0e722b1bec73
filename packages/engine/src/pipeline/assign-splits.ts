import { columnIndex, type DatasetSchema, type RawTable, timeKey } from "../data/index.ts";
import { KindredError } from "../errors/index.ts";
import { splitOutOfTime, splitRandom, timeOrder } from "../split/index.ts";
import type { RunConfig } from "./run-config.ts";

export interface SplitAssignment {
  codes: Uint8Array;
  /** What ordered the rows for an out-of-time split: a column name, or "row order". */
  orderedBy: string;
}

export function assignSplits(
  table: RawTable,
  schema: DatasetSchema,
  labels: Uint8Array | undefined,
  config: RunConfig,
): SplitAssignment {
  const { split, seed } = config;
  const n = table.rowCount;
  if (split.method === "random") {
    return {
      codes: splitRandom(n, { valShare: split.valShare, testShare: split.testShare, labels, seed }),
      orderedBy: "random",
    };
  }
  const timeColumn = split.timeColumn ?? schema.timeColumn;
  let order: Uint32Array | undefined;
  if (timeColumn) {
    const column = schema.columns.find((c) => c.name === timeColumn);
    if (!column) {
      throw new KindredError("UNKNOWN_COLUMN", `time column "${timeColumn}" is not in the table`, {
        column: timeColumn,
      });
    }
    const cells = table.columns[columnIndex(table, timeColumn)] as string[];
    const times = new Float64Array(n);
    for (let r = 0; r < n; r++) {
      const t = timeKey(column, cells[r] as string);
      if (Number.isNaN(t)) {
        throw new KindredError(
          "INVALID_CONFIG",
          `time column "${timeColumn}", row ${r + 1}: "${cells[r]}" is not a date or number`,
          { row: r + 1, column: timeColumn },
        );
      }
      times[r] = t;
    }
    order = timeOrder(times);
  }
  const codes = splitOutOfTime(n, {
    order,
    inTimeShare: split.inTimeShare,
    valShare: split.valShare,
    oot1Share: split.oot1Share,
    oot2Share: split.oot2Share,
    labels,
    seed,
  });
  return { codes, orderedBy: timeColumn ?? "row order" };
}
