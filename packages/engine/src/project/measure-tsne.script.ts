/**
 * Times the projections at production sizes. Prints figures; asserts nothing.
 *
 *   npx tsx packages/engine/src/project/measure-tsne.script.ts [--umap]
 *
 * t-SNE (perplexity 30, 1,000 iterations, θ = 0.5, init "pca") on 5,000 × 32 points, PCA on
 * 41,188 × 32 (the size of bank-additional-full's embeddings), and with --umap also UMAP on
 * the 5,000 rows. The points are seeded Gaussian mixtures of 8 clusters. Single-threaded.
 * First, the final KL on the scikit-learn fixture (500 × 10, four blobs) for both inits, next to
 * scikit-learn's kl_divergence_ on the same input.
 * Reference: scikit-learn 1.2's TSNE (barnes_hut, OMP_NUM_THREADS=1) on a 5,000 × 32 mixture
 * like this one took 44.5 s on the 2-core development machine (KL 2.240).
 */
import { gatherRows, pca, sampleRows, tsne, umap } from "./index.ts";
import { gaussianMixture, neighbourAgreement, sklearnFixture, toPoints } from "./test-fixtures.ts";

const seconds = (started: number): string => ((performance.now() - started) / 1000).toFixed(2);

const fixture = sklearnFixture().tsne;
for (const init of ["pca", "random"] as const) {
  const expected = fixture.klDivergence[init];
  for (const seed of init === "pca" ? [0] : [0, 1, 2]) {
    const started = performance.now();
    const { klDivergence } = tsne(toPoints(fixture), { perplexity: 30, init, seed });
    const gap = ((klDivergence / expected - 1) * 100).toFixed(1);
    console.log(
      `fixture t-SNE init ${init}, seed ${seed}: KL ${klDivergence.toFixed(4)} vs scikit-learn ${expected.toFixed(4)} (${gap} %), ${seconds(started)} s`,
    );
  }
}

const big = gaussianMixture({ rows: 41_188, cols: 32, clusters: 8, separation: 1.5, seed: 1 });
let started = performance.now();
const model = pca(big.points, { components: 2 });
const ratio = model.explainedVarianceRatio;
console.log(
  `PCA 41,188 × 32: ${seconds(started)} s; first two components ${(((ratio[0] ?? 0) + (ratio[1] ?? 0)) * 100).toFixed(1)} % of variance`,
);

const sample = sampleRows(big.points.rows, 5000, 42);
const points = gatherRows(big.points, sample);
const labels = Int32Array.from(sample, (row) => big.labels[row] as number);
started = performance.now();
let lastShare = 0;
const result = tsne(points, {
  perplexity: 30,
  onProgress: (share) => {
    if (share - lastShare >= 0.25 || share === 1) {
      lastShare = share;
      console.log(`  t-SNE ${(share * 100).toFixed(0)} % at ${seconds(started)} s`);
    }
  },
});
console.log(
  `t-SNE 5,000 × 32: ${seconds(started)} s; KL ${result.klDivergence.toFixed(4)} after ${result.iterations} iterations; 5-NN label agreement ${neighbourAgreement(result.embedding, labels).toFixed(3)}`,
);

if (process.argv.includes("--umap")) {
  started = performance.now();
  const map = await umap(points, { seed: 42 });
  console.log(
    `UMAP 5,000 × 32: ${seconds(started)} s; 5-NN label agreement ${neighbourAgreement(map.embedding, labels).toFixed(3)}`,
  );
}
