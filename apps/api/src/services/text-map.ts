import { pca } from "@kindred/engine/project";
import type { AppContext } from "../context.ts";
import { latestAnalysis, saveProjection } from "../store/analysis-store.ts";
import { loadTextEmbeddings, type Run } from "../store/run-store.ts";

/**
 * A PCA map of the run's text space in its latest analysis (method "text-pca"), so the map can
 * show either space. Made when the text space is embedded, and again by each new analysis.
 */
export async function saveTextMap(ctx: AppContext, run: Run, vectors?: Float32Array): Promise<void> {
  if (!run.textDim) return;
  const analysis = await latestAnalysis(ctx.db.prisma, run.id);
  const data = vectors ?? (await loadTextEmbeddings(ctx.db.prisma, run));
  if (!analysis || !data) return;
  const rows = data.length / run.textDim;
  const model = pca({ data, rows, cols: run.textDim }, { components: 2 });
  const ratio = model.explainedVarianceRatio;
  await saveProjection(ctx.db.prisma, analysis.id, {
    method: "text-pca",
    params: { space: "text", components: 2 },
    rowIndices: Int32Array.from({ length: rows }, (_, r) => r),
    coords: model.projection,
    quality: { explainedVarianceRatio: ratio.slice(0, 10), firstTwo: (ratio[0] ?? 0) + (ratio[1] ?? 0) },
  });
}
