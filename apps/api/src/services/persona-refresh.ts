import { type CentroidState, centroidStateOf, updateCentroids } from "@kindred/engine/timeline";
import type { AppContext } from "../context.ts";
import { latestAnalysis, loadLabels } from "../store/analysis-store.ts";
import type { Run, RunRowsLoaded } from "../store/run-store.ts";
import { latestSnapshotState, saveSnapshot } from "../store/segment-snapshot-store.ts";

export interface PersonaRefresh {
  /** The segment-history kind the snapshots are stored under (on the run's dataset). */
  kind: string;
  /** Customers of the batch per persona, after the update. */
  assigned: { name: string; customers: number }[];
  /** How far the persona centres moved (sum of Euclidean shifts). */
  moved: number;
}

interface StoredState {
  analysisId: string;
  k: number;
  cols: number;
  centroids: number[];
  counts: number[];
}

/** The snapshot kind of a run's refreshed personas. */
export function personaKind(runId: string): string {
  return `personas:${runId}`;
}

/**
 * Weekly refresh without a new K sweep: the run's current personas (chosen K of its latest
 * analysis) take in a scored batch by mini-batch k-means — each centre moves toward its new
 * members at a rate of 1/count, so the history keeps its weight — and every batch customer gets
 * a persona. The centres and counts carry over from batch to batch; the training customers are
 * the first snapshot. Null when the run has no analysis yet.
 */
export async function refreshPersonas(
  ctx: AppContext,
  run: Run,
  training: RunRowsLoaded,
  batch: { keys: string[]; embeddings: Float32Array },
): Promise<PersonaRefresh | null> {
  const prisma = ctx.db.prisma;
  const analysis = await latestAnalysis(prisma, run.id);
  if (!analysis) return null;
  const k = analysis.chosenK;
  const personas = await prisma.persona.findMany({
    where: { analysisId: analysis.id, source: "kmeans", k },
    orderBy: { segmentId: "asc" },
  });
  const names = Array.from(
    { length: k },
    (_, s) => personas.find((p) => p.segmentId === s)?.name ?? `Persona ${s + 1}`,
  );
  const kind = personaKind(run.id);
  const cols = training.dim;
  const stored = (await latestSnapshotState(prisma, run.datasetId, kind)) as StoredState | null;
  let state: CentroidState;
  if (stored && stored.analysisId === analysis.id && stored.k === k && stored.cols === cols) {
    state = {
      k,
      cols,
      centroids: Float64Array.from(stored.centroids),
      counts: Float64Array.from(stored.counts),
    };
  } else {
    // First refresh (or new personas): start from the training customers' persona means.
    const labels = (await loadLabels(prisma, analysis.id, `kmeans:${k}`)) as Int32Array;
    state = centroidStateOf(
      { data: training.embeddings, rows: training.customerKeys.length, cols },
      labels,
      k,
    );
    await saveSnapshot(prisma, {
      datasetId: run.datasetId,
      kind,
      cutoff: analysis.createdAt,
      names,
      customerKeys: training.customerKeys,
      labels: Array.from(labels),
      state: toStored(analysis.id, state),
    });
  }
  const update = updateCentroids(
    state,
    { data: batch.embeddings, rows: batch.keys.length, cols },
    { seed: 42 },
  );
  await saveSnapshot(prisma, {
    datasetId: run.datasetId,
    kind,
    cutoff: new Date(),
    names,
    customerKeys: batch.keys,
    labels: Array.from(update.labels),
    state: toStored(analysis.id, update),
  });
  const assigned = names.map((name) => ({ name, customers: 0 }));
  for (const label of update.labels) (assigned[label] as { customers: number }).customers++;
  return { kind, assigned, moved: update.moved };
}

function toStored(analysisId: string, state: CentroidState): StoredState {
  return {
    analysisId,
    k: state.k,
    cols: state.cols,
    centroids: Array.from(state.centroids),
    counts: Array.from(state.counts),
  };
}
