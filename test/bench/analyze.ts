/**
 * Analysis benchmark on bank-additional-full embeddings (41,188 × 32): the K = 2..14 sweep with
 * silhouette, PCA, and t-SNE on 5,000 rows, seconds per stage. Prints figures; asserts nothing.
 *   npm run bench:analyze
 * Reference on this 2-core machine: scikit-learn's sweep with a 10k-row silhouette sample ≈ 23 s.
 */

import { importDataset } from "../../apps/api/src/services/import-dataset.ts";
import { trainDatasetRun } from "../../apps/api/src/services/train-run.ts";
import { getRun, loadRunRows } from "../../apps/api/src/store/run-store.ts";
import { clusterSweep } from "../../packages/engine/src/cluster/index.ts";
import { gatherRows, pca, sampleRows, tsne, umap } from "../../packages/engine/src/project/index.ts";
import { BANK_MARKETING } from "../support/data.ts";
import { createTestStore } from "../support/stores.ts";

const SKLEARN_SWEEP_SECONDS = 23;

async function seconds<T>(work: () => Promise<T> | T): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, (performance.now() - started) / 1000];
}

const store = await createTestStore("embedded");
try {
  const { dataset } = await importDataset(store.ctx, { path: BANK_MARKETING, target: "y" });
  const { runId } = await trainDatasetRun(store.ctx, { dataset: dataset.id });
  const rows = await loadRunRows(store.ctx.db.prisma, await getRun(store.ctx.db.prisma, runId));
  const points = { data: rows.embeddings, rows: rows.customerIds.length, cols: rows.dim };
  console.log(`embeddings: ${points.rows} × ${points.cols}`);

  const [{ sweep }, sweepSeconds] = await seconds(() =>
    clusterSweep(points, { kMin: 2, kMax: 14, seed: 42 }),
  );
  console.log(
    `sweep K=2..14 with silhouette: ${sweepSeconds.toFixed(1)} s (${(SKLEARN_SWEEP_SECONDS / sweepSeconds).toFixed(1)}× faster than scikit-learn's ~${SKLEARN_SWEEP_SECONDS} s); recommended K ${sweep.recommendedK} (${sweep.agreement})`,
  );
  const [model, pcaSeconds] = await seconds(() => pca(points));
  console.log(
    `PCA: ${pcaSeconds.toFixed(2)} s; first two components ${((model.explainedVarianceRatio[0]! + model.explainedVarianceRatio[1]!) * 100).toFixed(1)} % of variance`,
  );
  const sample = gatherRows(points, sampleRows(points.rows, 5000, 42));
  const [t, tsneSeconds] = await seconds(() => tsne(sample, { perplexity: 30 }));
  console.log(
    `t-SNE on 5,000 rows: ${tsneSeconds.toFixed(1)} s, KL ${t.klDivergence.toFixed(3)}, ${t.iterations} iterations`,
  );
  const [, umapSeconds] = await seconds(() => umap(sample, { seed: 42 }));
  console.log(`UMAP on 5,000 rows: ${umapSeconds.toFixed(1)} s`);
} finally {
  await store.dispose();
}
