import type { AppContext } from "../context.ts";
import { type Analysis, getProjection } from "../store/analysis-store.ts";
import { float32sOf, int32sOf } from "../store/bytes.ts";
import { getRun } from "../store/run-store.ts";
import { openRunIndex } from "./run-index.ts";

/** A stored map in columnar form, each point with its customer id, label, probability, persona. */
export interface ProjectionView {
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
  const index = await openRunIndex(ctx, await getRun(ctx.db.prisma, analysis.runId));
  const payloads = new Map((await index.scroll({})).map((p) => [p.id, p.payload]));
  const view: ProjectionView = {
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
