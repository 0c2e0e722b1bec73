import { ExactIndex, type IndexedPoint, type VectorIndex } from "@kindred/engine/lookalike";
import type { AppContext } from "../context.ts";
import { latestAnalysis, loadLabels } from "../store/analysis-store.ts";
import { readIndexFiles, removeIndexFiles, writeIndexFiles } from "../store/embedded-index-files.ts";
import { QdrantIndex } from "../store/qdrant-index.ts";
import { loadRunRows, loadTextEmbeddings, type Run } from "../store/run-store.ts";

/** The vector space of the MLP embeddings. */
export const MLP_SPACE = "mlp";
/** The vector space of the customers rendered as text and embedded by a sentence encoder. */
export const TEXT_SPACE = "text";

/** The run's vector spaces and their widths: the MLP's, and the text space once it was embedded. */
export function runSpaces(run: Run): Record<string, number> {
  return { [MLP_SPACE]: run.embeddingDim ?? 0, ...(run.textDim ? { [TEXT_SPACE]: run.textDim } : {}) };
}

function sameSpaces(a: Record<string, number>, b: Record<string, number>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

/**
 * The run's vector index. Point id = the customer's row index in its dataset.
 * - Qdrant (QDRANT_URL set): collection `kindred_run_<run>`, created and filled on first use; the
 *   dataset alias `kindred_dataset_<dataset>` then switches to it in one step, so the alias never
 *   points at a half-indexed run.
 * - Embedded: loaded from disk, or built from the stored embeddings (and saved) when missing or
 *   older than the run's latest analysis (personas go into the payload).
 */
export async function openRunIndex(ctx: AppContext, run: Run): Promise<VectorIndex> {
  return ctx.caches.index(run.id, () => loadRunIndex(ctx, run));
}

/** The Qdrant collection that holds a run's vectors. */
function collectionOf(runId: string): string {
  return `kindred_run_${runId}`;
}

/**
 * Removes whatever vectors of a run were written (embedded files; with Qdrant, its collection):
 * for runs that never finished, so that nothing half-indexed stays behind.
 */
export async function removeRunIndex(ctx: AppContext, runId: string): Promise<void> {
  ctx.caches.invalidate(runId);
  await removeIndexFiles(ctx.env.dataDir, runId);
  if (ctx.env.qdrantUrl) {
    const existing = await QdrantIndex.open({
      url: ctx.env.qdrantUrl,
      apiKey: ctx.env.qdrantApiKey,
      collection: collectionOf(runId),
    });
    await existing?.drop();
  }
}

async function loadRunIndex(ctx: AppContext, run: Run): Promise<VectorIndex> {
  if (ctx.env.qdrantUrl) return openQdrantIndex(ctx, run, ctx.env.qdrantUrl);
  const analysis = await latestAnalysis(ctx.db.prisma, run.id);
  const analysisId = analysis?.id ?? null;
  const stored = await readIndexFiles(ctx.env.dataDir, run.id);
  if (stored && stored.meta.analysisId === analysisId && sameSpaces(stored.meta.dims, runSpaces(run))) {
    return ExactIndex.fromBinary({ vectors: stored.vectors, ids: stored.ids, payload: stored.payload });
  }
  const points = await runPoints(ctx, run);
  const index = new ExactIndex();
  await index.upsert(points);
  const binary = index.toBinary();
  await writeIndexFiles(ctx.env.dataDir, {
    ...binary,
    meta: { runId: run.id, analysisId, dims: runSpaces(run) },
  });
  return index;
}

async function openQdrantIndex(ctx: AppContext, run: Run, url: string): Promise<VectorIndex> {
  const options = { url, apiKey: ctx.env.qdrantApiKey, collection: collectionOf(run.id) };
  const existing = await QdrantIndex.open(options);
  if (existing) {
    // A collection left half-filled by a crash is rebuilt, never used.
    const expected = await ctx.db.prisma.runCustomer.count({ where: { runId: run.id } });
    const complete = (await existing.count()) === expected;
    if (complete && sameSpaces(await existing.dimensions(), runSpaces(run))) return existing;
    await existing.drop();
  }
  const index = await QdrantIndex.create({
    ...options,
    spaces: runSpaces(run),
    shards: ctx.env.qdrantShards,
    replicationFactor: ctx.env.qdrantReplicationFactor,
  });
  try {
    await index.upsert(await runPoints(ctx, run));
  } catch (error) {
    await index.drop().catch(() => {});
    throw error;
  }
  await index.setAlias(`kindred_dataset_${run.datasetId}`);
  return index;
}

/** Every customer of a run as an index point: embedding, label, split, probability, persona. */
export async function runPoints(ctx: AppContext, run: Run): Promise<IndexedPoint[]> {
  const prisma = ctx.db.prisma;
  const rows = await loadRunRows(prisma, run);
  const text = run.textDim ? await loadTextEmbeddings(prisma, run) : null;
  const textDim = run.textDim ?? 0;
  const analysis = await latestAnalysis(prisma, run.id);
  const personas = analysis ? await loadLabels(prisma, analysis.id, `kmeans:${analysis.chosenK}`) : null;
  const { dim } = rows;
  return rows.customerKeys.map((customerId, r) => ({
    id: r,
    vectors: {
      [MLP_SPACE]: rows.embeddings.slice(r * dim, (r + 1) * dim),
      ...(text ? { [TEXT_SPACE]: text.slice(r * textDim, (r + 1) * textDim) } : {}),
    },
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
