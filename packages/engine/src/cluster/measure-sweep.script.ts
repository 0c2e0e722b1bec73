/**
 * Measures the K = 2..14 cluster sweep on 41,188 × 32 points (the size of bank-additional-full's
 * embeddings). Prints figures; asserts nothing.
 *
 *   npx tsx packages/engine/src/cluster/measure-sweep.script.ts                 # synthetic
 *   npx tsx packages/engine/src/cluster/measure-sweep.script.ts emb.f32         # real embeddings
 *   npx tsx packages/engine/src/cluster/measure-sweep.script.ts --dump pts.f32  # write the synthetic points
 *
 * Synthetic points: a seeded Gaussian mixture of 6 clusters holding 30, 25, 20, 13, 10 and 2 %
 * of the rows (centres N(0, 1.2²) per column, unit spread). A file is raw little-endian Float32,
 * rows × 32, row-major (e.g. a run's embeddings). The scikit-learn baseline on the same points:
 *   /usr/bin/python3 packages/engine/src/cluster/measure-sweep-sklearn.py pts.f32
 * The sweep runs first as the pipeline calls it (wall and CPU time), then stage by stage for the
 * breakdown. On a shared machine the load average is printed: wall time grows with it.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { clusterSweep } from "./index.ts";
import { daviesBouldin } from "./metrics.ts";
import { createSilhouetteEstimator } from "./silhouette-estimator.ts";
import { sweepKMeans } from "./sweep-k-means.ts";
import { gaussianMixture } from "./test-fixtures.ts";
import type { Points } from "./types.ts";

const COLS = 32;
const SEED = 42;
const KS = Array.from({ length: 13 }, (_, i) => i + 2);

function synthetic(): Points {
  return gaussianMixture({
    rows: 41_188,
    cols: COLS,
    shares: [30, 25, 20, 13, 10, 2],
    separation: 1.2,
    seed: 1,
  }).points;
}

function timed<T>(work: () => T): { result: T; wall: number; cpu: number } {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = work();
  const used = process.cpuUsage(cpu);
  return { result, wall: (performance.now() - started) / 1000, cpu: (used.user + used.system) / 1e6 };
}

const [first, second] = process.argv.slice(2);
if (first === "--dump") {
  const { data } = synthetic();
  writeFileSync(second ?? "points.f32", new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  console.log(`wrote ${second ?? "points.f32"}`);
  process.exit(0);
}
let points: Points;
if (first === undefined) points = synthetic();
else {
  const bytes = readFileSync(first);
  const data = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  points = { data, rows: data.length / COLS, cols: COLS };
}
const s = (x: number) => `${x.toFixed(2)} s`;
console.log(
  `points: ${points.rows.toLocaleString("en")} × ${points.cols} — ${first ?? "Gaussian mixture, 6 clusters (30/25/20/13/10/2 %)"}`,
);
console.log(
  `load average before: ${loadavg()
    .map((v) => v.toFixed(2))
    .join(" ")} (2 cores)`,
);

const sweep = timed(() => clusterSweep(points, { seed: SEED }));
console.log(`sweep K = 2..14 (3 restarts per K, silhouette): ${s(sweep.wall)} wall, ${s(sweep.cpu)} CPU`);

const kMeans = timed(() => sweepKMeans(points, KS, { seed: SEED }));
const labels = (k: number) => kMeans.result.get(k)?.labels as Int32Array;
const estimator = createSilhouetteEstimator(points, { seed: SEED });
const firstScore = timed(() => estimator.score(labels(2)));
const otherScores = timed(() => KS.slice(1).map((k) => estimator.score(labels(k))));
const db = timed(() => KS.map((k) => daviesBouldin(points, labels(k))));
console.log("breakdown (run again stage by stage):");
console.log(`  k-means, 13 K × 3 restarts:      ${s(kMeans.wall)}`);
console.log(
  `  silhouette (${estimator.mode}, ${firstScore.result.sampled} rows scored per K): first K ${s(firstScore.wall)} ` +
    `(includes the pool's distances), 12 more ${s(otherScores.wall)}`,
);
console.log(`  Davies–Bouldin, 13 K:            ${s(db.wall)}`);

console.log("\n K  inertia      silhouette  exact  DB     iterations  sizes");
for (const p of sweep.result.sweep.points) {
  console.log(
    `${String(p.k).padStart(2)}  ${p.inertia.toExponential(4)}  ${p.silhouette.toFixed(4).padStart(8)}    ${p.silhouetteExact ? "yes" : "no "}    ` +
      `${p.daviesBouldin.toFixed(3)}  ${String(kMeans.result.get(p.k)?.iterations).padStart(5)}       ${p.sizes.join("/")}`,
  );
}
const r = sweep.result.sweep;
console.log(
  `elbow K = ${r.elbowK}, silhouette K = ${r.silhouetteK}, recommended K = ${r.recommendedK} (${r.agreement})`,
);
console.log(r.note);
