import type { DatasetSchema, RawTable } from "../data/index.ts";
import { KindredError } from "../errors/index.ts";

/**
 * A batch to score must carry every feature the run was trained on (under the same names).
 * Extra columns are allowed and returned so the caller can mention them.
 */
export function checkBatchColumns(batch: RawTable, schema: DatasetSchema): { extra: string[] } {
  const have = new Set(batch.header);
  const features = schema.columns.filter((c) => c.role === "feature").map((c) => c.name);
  const missing = features.filter((name) => !have.has(name));
  if (missing.length > 0) {
    const shown = missing
      .slice(0, 8)
      .map((m) => `"${m}"`)
      .join(", ");
    throw new KindredError(
      "UNKNOWN_COLUMN",
      `the batch's columns differ from the run's: missing ${missing.length} feature column(s) ${shown}${missing.length > 8 ? ", …" : ""}`,
      { column: missing[0] },
    );
  }
  const known = new Set(schema.columns.map((c) => c.name));
  return { extra: batch.header.filter((name) => !known.has(name)) };
}
