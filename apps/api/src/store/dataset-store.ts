import type { DatasetSchema, RawTable, SchemaOverrides } from "@kindred/engine/data";
import { KindredError } from "@kindred/engine/errors";
import type { Prisma } from "./database.ts";
import type { Dataset } from "./generated/client.ts";

export type { Dataset };

export interface NewDataset {
  name: string;
  source: string;
  contentHash: string;
  delimiter: string;
  schema: DatasetSchema;
  overrides: SchemaOverrides;
  table: RawTable;
  customerKeys: string[];
  labels?: Uint8Array;
}

// Rows per INSERT: large enough to amortize round trips, small enough to keep each statement's
// JSON parameter a few MB.
const CHUNK = 5000;

/** Writes a dataset and all its customers in one transaction: all or nothing. */
export async function createDataset(prisma: Prisma, input: NewDataset): Promise<Dataset> {
  const { table } = input;
  return prisma.$transaction(
    async (tx) => {
      const dataset = await tx.dataset.create({
        data: {
          name: input.name,
          source: input.source,
          contentHash: input.contentHash,
          delimiter: input.delimiter,
          schema: input.schema as object,
          overrides: input.overrides as object,
          rowCount: table.rowCount,
          columnCount: table.header.length,
        },
      });
      // Prisma's createMany costs ~4 s for 41k rows; one jsonb array per chunk costs ~0.5 s.
      for (let start = 0; start < table.rowCount; start += CHUNK) {
        const end = Math.min(table.rowCount, start + CHUNK);
        const rows = [];
        for (let r = start; r < end; r++) {
          const attributes: Record<string, string> = {};
          table.header.forEach((name, c) => {
            attributes[name] = table.columns[c]?.[r] ?? "";
          });
          rows.push({ i: r, k: input.customerKeys[r], a: attributes, l: input.labels?.[r] ?? null });
        }
        await tx.$executeRaw`
          INSERT INTO "Customer" ("datasetId", "rowIndex", "customerKey", "attributes", "label")
          SELECT ${dataset.id}, (x->>'i')::int, x->>'k', x->'a', (x->>'l')::int
          FROM jsonb_array_elements(${JSON.stringify(rows)}::jsonb) AS x`;
      }
      return dataset;
    },
    { timeout: 10 * 60_000, maxWait: 60_000 },
  );
}

/** By id or by name. */
export async function findDataset(prisma: Prisma, ref: string): Promise<Dataset | null> {
  return prisma.dataset.findFirst({ where: { OR: [{ id: ref }, { name: ref }] } });
}

export async function getDataset(prisma: Prisma, ref: string): Promise<Dataset> {
  const dataset = await findDataset(prisma, ref);
  if (!dataset) throw new KindredError("NOT_FOUND", `no dataset "${ref}"`, { field: "dataset" });
  return dataset;
}

export async function findDatasetByContent(
  prisma: Prisma,
  contentHash: string,
  overrides: SchemaOverrides,
): Promise<Dataset | null> {
  const candidates = await prisma.dataset.findMany({
    where: { contentHash },
    orderBy: { createdAt: "desc" },
  });
  const wanted = stableJson(overrides);
  return candidates.find((d) => stableJson(d.overrides) === wanted) ?? null;
}

export async function datasetNameTaken(prisma: Prisma, name: string): Promise<boolean> {
  return (await prisma.dataset.count({ where: { name } })) > 0;
}

export async function listDatasetsPage(
  prisma: Prisma,
  page: { limit: number; offset: number },
): Promise<{ items: Dataset[]; total: number }> {
  const [items, total] = await Promise.all([
    prisma.dataset.findMany({ orderBy: { createdAt: "desc" }, take: page.limit, skip: page.offset }),
    prisma.dataset.count(),
  ]);
  return { items, total };
}

/** A new schema (and the labels it maps, when it has a target) for a dataset, in one transaction. */
export async function updateDatasetSchema(
  prisma: Prisma,
  id: string,
  input: { schema: DatasetSchema; overrides: SchemaOverrides; labels?: Uint8Array },
): Promise<Dataset> {
  return prisma.$transaction(
    async (tx) => {
      const labels = input.labels ? Array.from(input.labels) : null;
      await tx.$executeRaw`
        UPDATE "Customer" AS c SET "label" = (${JSON.stringify(labels)}::jsonb ->> c."rowIndex")::int
        WHERE c."datasetId" = ${id}`;
      return tx.dataset.update({
        where: { id },
        data: { schema: input.schema as object, overrides: input.overrides as object },
      });
    },
    { timeout: 10 * 60_000, maxWait: 60_000 },
  );
}

export async function listDatasets(prisma: Prisma): Promise<Dataset[]> {
  return prisma.dataset.findMany({ orderBy: { createdAt: "desc" } });
}

/** The dataset's rows back as a table (columns in the dataset's header order), with customer keys. */
export async function loadTable(
  prisma: Prisma,
  dataset: Dataset,
): Promise<{ table: RawTable; customerKeys: string[]; customerIds: Int32Array }> {
  const header = (dataset.schema as unknown as DatasetSchema).columns.map((c) => c.name);
  const rows = await prisma.customer.findMany({
    where: { datasetId: dataset.id },
    orderBy: { rowIndex: "asc" },
    select: { id: true, customerKey: true, attributes: true },
  });
  const columns = header.map(() => new Array<string>(rows.length));
  const customerKeys = new Array<string>(rows.length);
  const customerIds = new Int32Array(rows.length);
  rows.forEach((row, r) => {
    const attributes = row.attributes as Record<string, string>;
    header.forEach((name, c) => {
      (columns[c] as string[])[r] = attributes[name] ?? "";
    });
    customerKeys[r] = row.customerKey;
    customerIds[r] = row.id;
  });
  return { table: { header, columns, rowCount: rows.length }, customerKeys, customerIds };
}

/** JSON with sorted keys, so equal objects compare equal. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

/** One column's raw cell for every customer of a dataset, by row index (read in the database). */
export async function columnValues(
  prisma: Prisma,
  datasetId: string,
  column: string,
): Promise<Map<number, string | null>> {
  const rows = await prisma.$queryRaw<{ rowIndex: number; value: string | null }[]>`
    SELECT "rowIndex", "attributes" ->> ${column} AS "value" FROM "Customer" WHERE "datasetId" = ${datasetId}`;
  return new Map(rows.map((r) => [r.rowIndex, r.value]));
}
