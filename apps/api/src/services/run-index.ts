import { ExactIndex, type IndexedPoint, type VectorIndex } from "@kindred/engine/lookalike";
import type { AppContext } from "../context.ts";
import { latestAnalysis, loadLabels } from "../store/analysis-store.ts";
import { readIndexFiles, writeIndexFiles } from "../store/embedded-index-files.ts";
import { loadRunRows, type Run } from "../store/run-store.ts";

/** The vector space of the MLP embeddings (a text space joins it later). */
export const MLP_SPACE = "mlp";

/**
 * The run's vector index. Embedded: loaded from disk, or built from the stored embeddings (and
 * saved) when missing or older than the run's latest analysis (personas go into the payload).
 * Point id = the customer's row index in its dataset.
 */
export async function openRunIndex(ctx: AppContext, run: Run): Promise<VectorIndex> {
  const analysis = await latestAnalysis(ctx.db.prisma, run.id);
  const analysisId = analysis?.id ?? null;
  const stored = await readIndexFiles(ctx.env.dataDir, run.id);
  if (stored && stored.meta.analysisId === analysisId) {
    return ExactIndex.fromBinary({ vectors: stored.vectors, ids: stored.ids, payload: stored.payload });
  }
  const points = await runPoints(ctx, run);
  const index = new ExactIndex();
  await index.upsert(points);
  const binary = index.toBinary();
  await writeIndexFiles(ctx.env.dataDir, {
    ...binary,
    meta: { runId: run.id, analysisId, dims: { [MLP_SPACE]: run.embeddingDim ?? 0 } },
  });
  return index;
}

/** Every customer of a run as an index point: embedding, label, split, probability, persona. */
export async function runPoints(ctx: AppContext, run: Run): Promise<IndexedPoint[]> {
  const prisma = ctx.db.prisma;
  const rows = await loadRunRows(prisma, run);
  const analysis = await latestAnalysis(prisma, run.id);
  const personas = analysis ? await loadLabels(prisma, analysis.id, `kmeans:${analysis.chosenK}`) : null;
  const { dim } = rows;
  return rows.customerKeys.map((customerId, r) => ({
    id: r,
    vectors: { [MLP_SPACE]: rows.embeddings.slice(r * dim, (r + 1) * dim) },
    payload: {
      customerId,
      datasetId: run.datasetId,
      runId: run.id,
      label: rows.labels ? (rows.labels[r] as number) : null,
      split: rows.splits[r] as string,
      probability: rows.probabilities ? (rows.probabilities[r] as number) : null,
      persona: personas ? (personas[r] as number) : null,
    },
  }));
}
