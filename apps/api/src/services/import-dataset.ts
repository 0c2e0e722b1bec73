import { basename, extname } from "node:path";
import {
  columnIndex,
  type DatasetSchema,
  inferSchema,
  mapTarget,
  type RawTable,
  type SchemaOverrides,
} from "@kindred/engine/data";
import { KindredError } from "@kindred/engine/errors";
import type { AppContext } from "../context.ts";
import {
  createDataset,
  type Dataset,
  datasetNameTaken,
  findDatasetByContent,
} from "../store/dataset-store.ts";
import { readCsvFile } from "./read-file.ts";

export interface ImportInput {
  path: string;
  name?: string;
  target?: string;
  positiveValue?: string;
  idColumn?: string;
  timeColumn?: string;
  drop?: string[];
  /** Further corrections of the inferred schema (column kinds, roles, markers…); flags above win. */
  overrides?: SchemaOverrides;
  /** The file's name as the user knows it (an upload's own name); default: the path's. */
  sourceName?: string;
  /** Reuse an earlier import of the same bytes with the same options instead of failing on the name. */
  reuseIdentical?: boolean;
  onProgress?: (share: number) => void;
}

export interface ImportResult {
  dataset: Dataset;
  schema: DatasetSchema;
  reused: boolean;
}

/**
 * CSV file → dataset with inferred schema and one row per customer, written in one transaction.
 * Every check (file, schema, target, customer ids) runs before anything is written.
 */
export async function importDataset(ctx: AppContext, input: ImportInput): Promise<ImportResult> {
  const overrides = cleanOverrides(input);
  const { table, sha256 } = await readCsvFile(input.path, {
    maxBytes: ctx.env.maxFileBytes,
    onProgress: input.onProgress,
  });
  const prisma = ctx.db.prisma;
  if (input.reuseIdentical) {
    const existing = await findDatasetByContent(prisma, sha256, overrides);
    if (existing) {
      return { dataset: existing, schema: existing.schema as unknown as DatasetSchema, reused: true };
    }
  }
  return importTable(ctx, {
    table,
    sha256,
    overrides,
    name: input.name,
    source: basename(input.sourceName ?? input.path),
  });
}

/**
 * A table already in memory (a CSV read, or customers computed from transactions) → dataset,
 * in one transaction, after every check. Without a name, the source's stem (made unique).
 */
export async function importTable(
  ctx: AppContext,
  input: {
    table: RawTable & { delimiter?: string };
    sha256: string;
    overrides: SchemaOverrides;
    source: string;
    name?: string;
  },
): Promise<ImportResult> {
  const { table, overrides } = input;
  const schema = inferSchema(table, overrides);
  const labels = targetLabels(table, schema);
  const customerKeys = customerKeysOf(table, schema.idColumn);
  const name = await chooseName(ctx, input.name, input.source);
  const dataset = await createDataset(ctx.db.prisma, {
    name,
    source: input.source,
    contentHash: input.sha256,
    delimiter: table.delimiter ?? ",",
    schema,
    overrides,
    table,
    customerKeys,
    labels,
  });
  return { dataset, schema, reused: false };
}

/** The mapped target (1 converted, 0 not) of every row, when the schema has a target. */
export function targetLabels(table: RawTable, schema: DatasetSchema): Uint8Array | undefined {
  if (!schema.target) return undefined;
  return mapTarget(table, schema.target.column, {
    positiveValue: schema.target.positive,
    missingMarkers: schema.columns.find((c) => c.name === schema.target?.column)?.missingMarkers,
  }).labels;
}

export function cleanOverrides(input: Omit<ImportInput, "path">): SchemaOverrides {
  const overrides: SchemaOverrides = { ...input.overrides };
  if (input.target) overrides.target = input.target;
  if (input.positiveValue) overrides.positiveValue = input.positiveValue;
  if (input.idColumn) overrides.idColumn = input.idColumn;
  if (input.timeColumn) overrides.timeColumn = input.timeColumn;
  const drop = [...(input.overrides?.drop ?? []), ...(input.drop ?? [])];
  if (drop.length > 0) overrides.drop = drop;
  return overrides;
}

async function chooseName(ctx: AppContext, name: string | undefined, source: string): Promise<string> {
  const prisma = ctx.db.prisma;
  if (name) {
    if (await datasetNameTaken(prisma, name)) {
      throw new KindredError("CONFLICT", `a dataset named "${name}" already exists`, { field: "name" });
    }
    return name;
  }
  const stem = basename(source, extname(source));
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? stem : `${stem}-${n}`;
    if (!(await datasetNameTaken(prisma, candidate))) return candidate;
  }
}

/** The id column's values (which must be present and unique), else 1-based row numbers. */
function customerKeysOf(table: RawTable, idColumn: string | undefined): string[] {
  if (!idColumn) return Array.from({ length: table.rowCount }, (_, r) => String(r + 1));
  const cells = table.columns[columnIndex(table, idColumn)] as string[];
  const seen = new Map<string, number>();
  return cells.map((raw, r) => {
    const key = raw.trim();
    if (key === "") {
      throw new KindredError("INVALID_CONFIG", `id column "${idColumn}", row ${r + 1}: empty customer id`, {
        row: r + 1,
        column: idColumn,
      });
    }
    const first = seen.get(key);
    if (first !== undefined) {
      throw new KindredError(
        "INVALID_CONFIG",
        `id column "${idColumn}", row ${r + 1}: customer id "${key}" repeats row ${first + 1}`,
        { row: r + 1, column: idColumn },
      );
    }
    seen.set(key, r);
    return key;
  });
}
