import type { ColumnSchema } from "@kindred/engine/data";
import type { Resolvers } from "../schema/generated/resolvers-types.ts";
import {
  datasetSchema,
  deleteDataset,
  listDatasets,
  previewFile,
  updateSchema,
} from "../services/datasets.ts";
import { importDataset } from "../services/import-dataset.ts";
import { listRunsPage } from "../services/runs.ts";
import { findDataset } from "../store/dataset-store.ts";
import { findRun } from "../store/run-store.ts";
import { schemaInput } from "./inputs.ts";
import { pageOf, pageResult } from "./pagination.ts";
import { payload } from "./payload.ts";

/** A column as GraphQL shows it (optional stats become null). */
export function columnView(column: ColumnSchema) {
  const { stats } = column;
  return {
    ...column,
    levels: column.levels ?? null,
    stats: {
      ...stats,
      min: stats.min ?? null,
      max: stats.max ?? null,
      mean: stats.mean ?? null,
      std: stats.std ?? null,
      skewness: stats.skewness ?? null,
      topValues: stats.topValues ?? null,
      histogram: stats.histogram ?? null,
    },
  };
}

export const datasetResolvers: Resolvers = {
  Query: {
    datasets: async (_, { page }, { app }) => {
      const p = pageOf(page);
      const { items, total } = await listDatasets(app, p);
      return pageResult(items, total, p);
    },
    dataset: (_, { id }, { app }) => findDataset(app.db.prisma, id),
  },
  Mutation: {
    previewDataset: (_, { file, input }, { app }) =>
      payload(async () => {
        const { rowCount, delimiter, schema, rows } = await previewFile(app, file.path, schemaInput(input));
        return {
          preview: {
            rowCount,
            delimiter,
            rows,
            columns: schema.columns.map(columnView),
            target: schema.target ?? null,
            idColumn: schema.idColumn ?? null,
          },
        };
      }),
    importDataset: (_, { file, input }, { app }) =>
      payload(async () => {
        const { dataset } = await importDataset(app, {
          ...schemaInput(input),
          path: file.path,
          sourceName: file.filename,
        });
        return { dataset };
      }),
    updateDatasetSchema: (_, { id, input }, { app, caches }) =>
      payload(async () => {
        const dataset = await updateSchema(app, id, schemaInput(input));
        caches.clear();
        return { dataset };
      }),
    deleteDataset: (_, { id }, { app, caches }) =>
      payload(async () => {
        await deleteDataset(app, id);
        caches.clear();
        return {};
      }),
  },
  Dataset: {
    target: (dataset) => datasetSchema(dataset).target ?? null,
    idColumn: (dataset) => datasetSchema(dataset).idColumn ?? null,
    timeColumn: (dataset) => datasetSchema(dataset).timeColumn ?? null,
    columns: (dataset) => datasetSchema(dataset).columns.map(columnView),
    overrides: (dataset) => dataset.overrides,
    runs: async (dataset, { page }, { app }) => {
      const p = pageOf(page);
      const { items, total } = await listRunsPage(app, { datasetId: dataset.id }, p);
      return pageResult(items, total, p);
    },
    activeRun: (dataset, _, { app }) =>
      dataset.activeRunId ? findRun(app.db.prisma, dataset.activeRunId) : null,
  },
};
