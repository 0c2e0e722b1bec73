import { KindredError } from "@kindred/engine/errors";
import type { AppContext } from "../context.ts";
import { type Analysis, getProjection } from "../store/analysis-store.ts";
import { float32sOf, int32sOf } from "../store/bytes.ts";
import { columnValues, getDataset } from "../store/dataset-store.ts";
import { getRun } from "../store/run-store.ts";
import { datasetSchema } from "./datasets.ts";
import { openRunIndex } from "./run-index.ts";

/** A stored map in columnar form, each point with its customer id, label, probability, persona. */
export interface ProjectionView {
  datasetId: string;
  /** Dataset row of each point. */
  rows: number[];
  method: string;
  params: unknown;
  quality: unknown;
  count: number;
  customerIds: string[];
  x: number[];
  y: number[];
  label: (number | null)[];
  probability: (number | null)[];
  persona: (number | null)[];
}

export async function projectionView(
  ctx: AppContext,
  analysis: Analysis,
  method: string,
): Promise<ProjectionView | null> {
  const projection = await getProjection(ctx.db.prisma, analysis.id, method);
  if (!projection) return null;
  const rows = int32sOf(projection.rowIndices);
  const coords = float32sOf(projection.coords);
  const run = await getRun(ctx.db.prisma, analysis.runId);
  const index = await openRunIndex(ctx, run);
  const payloads = new Map((await index.scroll({})).map((p) => [p.id, p.payload]));
  const view: ProjectionView = {
    datasetId: run.datasetId,
    rows: Array.from(rows),
    method: projection.method,
    params: projection.params,
    quality: projection.quality,
    count: rows.length,
    customerIds: [],
    x: [],
    y: [],
    label: [],
    probability: [],
    persona: [],
  };
  rows.forEach((row, i) => {
    const payload = payloads.get(row);
    view.customerIds.push(payload?.customerId ?? String(row + 1));
    view.x.push(coords[2 * i] as number);
    view.y.push(coords[2 * i + 1] as number);
    view.label.push(payload?.label ?? null);
    view.probability.push(payload?.probability ?? null);
    view.persona.push(payload?.persona ?? null);
  });
  return view;
}

/** One raw column of the dataset for every point of a map, in point order; null where missing. */
export async function projectionFeature(
  ctx: AppContext,
  view: ProjectionView,
  name: string,
): Promise<(string | null)[]> {
  const dataset = await getDataset(ctx.db.prisma, view.datasetId);
  if (!datasetSchema(dataset).columns.some((c) => c.name === name)) {
    throw new KindredError("UNKNOWN_COLUMN", `the dataset has no column "${name}"`, {
      field: "name",
      column: name,
    });
  }
  const values = await columnValues(ctx.db.prisma, view.datasetId, name);
  return view.rows.map((row) => values.get(row) ?? null);
}
