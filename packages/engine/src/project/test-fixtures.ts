/**
 * Test and measurement helpers (not part of the public surface): the scikit-learn reference
 * fixture, seeded Gaussian mixtures and a neighbourhood-preservation score for 2-D maps.
 */
import { readFileSync } from "node:fs";
import { createRng } from "../random/index.ts";
import type { Points } from "./types.ts";

interface Matrix {
  rows: number;
  cols: number;
  data: number[];
}

export interface SklearnFixture {
  sklearn: string;
  pca: Matrix & {
    explainedVarianceRatio: number[];
    explainedVariance: number[];
    mean: number[];
    /** The first two components_, 2 × cols row-major. */
    components: number[];
  };
  tsne: Matrix & {
    labels: number[];
    perplexity: number;
    /** kl_divergence_ of TSNE(perplexity=30, random_state=0, barnes_hut) per init. */
    klDivergence: { random: number; pca: number };
    nIter: { random: number; pca: number };
    /** Row sums of the joint probabilities P. */
    pRowSums: number[];
    pNonZeros: number;
    /** A layout (rows × 2) and `_kl_divergence_bh`'s gradient and error there. */
    embedding: number[];
    gradient: { bh: number[]; exact: number[] };
    error: { bh: number; exact: number };
  };
}

let cached: SklearnFixture | undefined;

/** `__fixtures__/project-sklearn.json`, written by `__fixtures__/make-fixtures.py`. */
export function sklearnFixture(): SklearnFixture {
  cached ??= JSON.parse(
    readFileSync(new URL("./__fixtures__/project-sklearn.json", import.meta.url), "utf8"),
  ) as SklearnFixture;
  return cached;
}

export function toPoints(matrix: Matrix): Points {
  return { data: Float32Array.from(matrix.data), rows: matrix.rows, cols: matrix.cols };
}

/**
 * `rows` points in `cols` dimensions from `clusters` equally likely spherical Gaussians (unit
 * variance) whose centres are drawn with standard deviation `separation` per coordinate.
 */
export function gaussianMixture(options: {
  rows: number;
  cols: number;
  clusters: number;
  separation: number;
  seed: number;
}): { points: Points; labels: Int32Array } {
  const { rows, cols, clusters, separation, seed } = options;
  const rng = createRng(seed);
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  const centres = Float64Array.from({ length: clusters * cols }, () => separation * normal());
  const data = new Float32Array(rows * cols);
  const labels = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    const label = Math.floor(rng() * clusters);
    labels[r] = label;
    for (let c = 0; c < cols; c++) data[r * cols + c] = (centres[label * cols + c] as number) + normal();
  }
  return { points: { data, rows, cols }, labels };
}

/** Mean share of each point's k nearest neighbours in a 2-D map (n × 2) that carry its label. */
export function neighbourAgreement(coords: Float32Array, labels: ArrayLike<number>, k = 5): number {
  const n = labels.length;
  const distances = new Float64Array(n);
  const order = new Int32Array(n);
  let agree = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const dx = (coords[2 * i] as number) - (coords[2 * j] as number);
      const dy = (coords[2 * i + 1] as number) - (coords[2 * j + 1] as number);
      distances[j] = j === i ? Number.POSITIVE_INFINITY : dx * dx + dy * dy;
      order[j] = j;
    }
    order.sort((a, b) => (distances[a] as number) - (distances[b] as number));
    for (let m = 0; m < k; m++) if (labels[order[m] as number] === labels[i]) agree++;
  }
  return agree / (n * k);
}
