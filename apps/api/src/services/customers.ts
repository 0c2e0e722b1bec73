import { KindredError } from "@kindred/engine/errors";
import type { PayloadFilter, PointPayload } from "@kindred/engine/lookalike";
import type { AppContext } from "../context.ts";
import { getDataset } from "../store/dataset-store.ts";
import { getRun } from "../store/run-store.ts";
import { datasetSchema } from "./datasets.ts";
import { openRunIndex } from "./run-index.ts";

export interface CustomerView {
  runId: string;
  /** Dataset row (the vector index's point id). */
  row: number;
  customerId: string;
  label: number | null;
  probability: number | null;
  split: string;
  persona: number | null;
  attributes: Record<string, string>;
}

/** One customer of a run: raw attributes, label, probability, split and persona. */
export async function findCustomer(
  ctx: AppContext,
  runId: string,
  customerId: string,
): Promise<CustomerView | null> {
  const run = await getRun(ctx.db.prisma, runId);
  const customer = await ctx.db.prisma.customer.findUnique({
    where: { datasetId_customerKey: { datasetId: run.datasetId, customerKey: customerId } },
  });
  if (!customer) return null;
  const index = await openRunIndex(ctx, run);
  const [point] = await index.scroll({ customerId });
  if (!point) return null;
  const columns = await columnOrder(ctx, run.datasetId);
  return view(run.id, point, ordered(customer.attributes as Record<string, string>, columns));
}

/** A page of a run's customers matching a filter, in dataset row order. */
export async function listCustomers(
  ctx: AppContext,
  runId: string,
  filter: PayloadFilter,
  page: { limit: number; offset: number },
): Promise<{ items: CustomerView[]; total: number }> {
  const run = await getRun(ctx.db.prisma, runId);
  const index = await openRunIndex(ctx, run);
  const all = await index.scroll(filter);
  const slice = all.slice(page.offset, page.offset + page.limit);
  const rows = await ctx.db.prisma.customer.findMany({
    where: { datasetId: run.datasetId, rowIndex: { in: slice.map((p) => p.id) } },
    select: { rowIndex: true, attributes: true },
  });
  const columns = await columnOrder(ctx, run.datasetId);
  const attributes = new Map(
    rows.map((r) => [r.rowIndex, ordered(r.attributes as Record<string, string>, columns)]),
  );
  return { items: slice.map((p) => view(run.id, p, attributes.get(p.id) ?? {})), total: all.length };
}

/** The dataset's columns in file order (stored attributes come back in the database's key order). */
async function columnOrder(ctx: AppContext, datasetId: string): Promise<string[]> {
  return datasetSchema(await getDataset(ctx.db.prisma, datasetId)).columns.map((c) => c.name);
}

function ordered(attributes: Record<string, string>, columns: string[]): Record<string, string> {
  return Object.fromEntries(columns.map((name) => [name, attributes[name] ?? ""]));
}

function view(
  runId: string,
  point: { id: number; payload: PointPayload },
  attributes: Record<string, string>,
) {
  const { payload } = point;
  return {
    runId,
    row: point.id,
    customerId: payload.customerId,
    label: payload.label,
    probability: payload.probability,
    split: payload.split,
    persona: payload.persona,
    attributes,
  };
}

/** Unknown customer: the error a request naming one gets. */
export function unknownCustomer(customerId: string, runId: string): KindredError {
  return new KindredError("NOT_FOUND", `customer "${customerId}" is not in run ${runId}'s dataset`, {
    field: "customerId",
  });
}
