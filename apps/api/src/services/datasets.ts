import { type DatasetSchema, inferSchema, type SchemaOverrides } from "@kindred/engine/data";
import { KindredError } from "@kindred/engine/errors";
import type { AppContext } from "../context.ts";
import { removeRunArtifacts } from "../store/artifact-store.ts";
import {
  type Dataset,
  getDataset,
  listDatasetsPage,
  loadTable,
  updateDatasetSchema as storeSchema,
} from "../store/dataset-store.ts";
import { removeIndexFiles } from "../store/embedded-index-files.ts";
import { cleanOverrides, type ImportInput, targetLabels } from "./import-dataset.ts";
import { readCsvFile } from "./read-file.ts";

export type SchemaInput = Omit<ImportInput, "path" | "reuseIdentical" | "onProgress" | "sourceName">;

const PREVIEW_ROWS = 20;

export function datasetSchema(dataset: Dataset): DatasetSchema {
  return dataset.schema as unknown as DatasetSchema;
}

export function listDatasets(ctx: AppContext, page: { limit: number; offset: number }) {
  return listDatasetsPage(ctx.db.prisma, page);
}

/**
 * What importing a file would give: the inferred schema (with the given corrections) and its
 * first rows. Reads the whole file (the counts need it) and stores nothing.
 */
export async function previewFile(ctx: AppContext, path: string, input: SchemaInput = {}) {
  const { table } = await readCsvFile(path, { maxBytes: ctx.env.maxFileBytes });
  const schema = inferSchema(table, cleanOverrides(input));
  targetLabels(table, schema); // a target that cannot be mapped fails the preview too
  const rows: string[][] = [];
  for (let r = 0; r < Math.min(PREVIEW_ROWS, table.rowCount); r++) {
    rows.push(table.columns.map((cells) => cells[r] ?? ""));
  }
  return { rowCount: table.rowCount, delimiter: table.delimiter, schema, rows };
}

/**
 * Corrects an imported dataset's schema (kinds, roles, markers, target). Runs already trained
 * keep the schema they were trained with. The id column cannot change after import: customer ids
 * are what lists, lookalikes and exports refer to.
 */
export async function updateSchema(ctx: AppContext, id: string, input: SchemaInput): Promise<Dataset> {
  const prisma = ctx.db.prisma;
  const dataset = await getDataset(prisma, id);
  const previous = datasetSchema(dataset);
  const overrides: SchemaOverrides = { ...cleanOverrides(input) };
  const { table } = await loadTable(prisma, dataset);
  const schema = inferSchema(table, overrides);
  if ((schema.idColumn ?? null) !== (previous.idColumn ?? null)) {
    throw new KindredError(
      "CONFLICT",
      `the id column is fixed at import ("${previous.idColumn ?? "row number"}"): import the file again to change it`,
      { field: "idColumn" },
    );
  }
  const labels = targetLabels(table, schema);
  return storeSchema(prisma, dataset.id, { schema, overrides, labels });
}

/** Removes a dataset with its runs, their saved models and vector indexes. */
export async function deleteDataset(ctx: AppContext, id: string): Promise<void> {
  const prisma = ctx.db.prisma;
  const dataset = await getDataset(prisma, id);
  const busy = await prisma.run.count({
    where: { datasetId: dataset.id, status: { in: ["queued", "running"] } },
  });
  if (busy > 0) {
    throw new KindredError("CONFLICT", `dataset "${dataset.name}" has a run in progress: cancel it first`, {
      field: "id",
    });
  }
  const runs = await prisma.run.findMany({ where: { datasetId: dataset.id }, select: { id: true } });
  await prisma.dataset.delete({ where: { id: dataset.id } });
  for (const run of runs) {
    await removeRunArtifacts(ctx.env.dataDir, run.id);
    await removeIndexFiles(ctx.env.dataDir, run.id);
  }
}
