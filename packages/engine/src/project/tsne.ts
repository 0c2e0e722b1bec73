import { KindredError } from "../errors/index.ts";
import { createRng } from "../random/index.ts";
import { pca } from "./pca.ts";
import { QuadTree } from "./quadtree.ts";
import { type SparseP, tsneAffinities } from "./tsne-affinities.ts";
import type { Points } from "./types.ts";

export interface TsneOptions {
  perplexity?: number;
  iterations?: number;
  earlyExaggeration?: number;
  /** "auto" = max(n / earlyExaggeration / 4, 50), as scikit-learn. */
  learningRate?: number | "auto";
  /** Barnes–Hut accuracy: a cell is summarized when width / distance < theta. */
  theta?: number;
  /** "pca" (default, like scikit-learn 1.2+) or "random". */
  init?: "pca" | "random";
  seed?: number;
  onProgress?: (share: number) => void;
}

export interface TsneResult {
  /** rows × 2. */
  embedding: Float32Array;
  /** Final KL(P‖Q), computed like scikit-learn's kl_divergence_ (Barnes–Hut Q). */
  klDivergence: number;
  iterations: number;
}

const EXPLORATION_ITERATIONS = 250;
const CHECK_EVERY = 50;
const FLOAT32_TINY = 1.1754943508222875e-38;

/**
 * Barnes–Hut t-SNE following scikit-learn's TSNE(method="barnes_hut"): exaggerated P for 250
 * iterations with momentum 0.5, then momentum 0.8; delta-bar-delta gains (min 0.01); gradient
 * 4·(attraction − repulsion / ΣQ); the run stops early when the error has not improved for 300
 * iterations.
 */
export async function tsne(points: Points, options: TsneOptions = {}): Promise<TsneResult> {
  const n = points.rows;
  const perplexity = options.perplexity ?? 30;
  const iterations = options.iterations ?? 1000;
  const exaggeration = options.earlyExaggeration ?? 12;
  const theta = options.theta ?? 0.5;
  if (n < 4)
    throw new KindredError("INVALID_CONFIG", `t-SNE needs at least 4 rows, got ${n}`, { field: "rows" });
  if (!(perplexity > 0) || perplexity >= n) {
    throw new KindredError(
      "INVALID_CONFIG",
      `perplexity must be between 0 and the row count (${n}), got ${perplexity}`,
      {
        field: "perplexity",
      },
    );
  }
  if (!Number.isInteger(iterations) || iterations < EXPLORATION_ITERATIONS) {
    throw new KindredError("INVALID_CONFIG", `iterations must be an integer ≥ ${EXPLORATION_ITERATIONS}`, {
      field: "iterations",
    });
  }
  const learningRate =
    options.learningRate === undefined || options.learningRate === "auto"
      ? Math.max(n / exaggeration / 4, 50)
      : options.learningRate;

  const P = tsneAffinities(points.data, n, points.cols, perplexity);
  const y = initialLayout(points, options.init ?? "pca", options.seed ?? 42);
  const update = new Float64Array(2 * n);
  const gains = new Float64Array(2 * n).fill(1);
  const grad = new Float64Array(2 * n);
  const tree = new QuadTree();
  let error = Number.MAX_VALUE;
  let bestError = Number.MAX_VALUE;
  let bestIteration = 0;
  let done = 0;

  scale(P.values, exaggeration);
  for (let it = 0; it < iterations; it++) {
    if (it === EXPLORATION_ITERATIONS) {
      scale(P.values, 1 / exaggeration);
      bestError = Number.MAX_VALUE;
      bestIteration = it;
    }
    const momentum = it < EXPLORATION_ITERATIONS ? 0.5 : 0.8;
    const check = (it + 1) % CHECK_EVERY === 0 || it === iterations - 1;
    const value = gradient(P, y, n, theta, tree, grad, check);
    let gradNorm = 0;
    for (let i = 0; i < 2 * n; i++) {
      const g = grad[i] as number;
      const u = update[i] as number;
      let gain = (gains[i] as number) + (u * g < 0 ? 0.2 : 0);
      if (u * g >= 0) gain *= 0.8;
      gain = Math.max(gain, 0.01);
      gains[i] = gain;
      const scaled = g * gain;
      gradNorm += scaled * scaled;
      const next = momentum * u - learningRate * scaled;
      update[i] = next;
      y[i] = (y[i] as number) + next;
    }
    done = it + 1;
    if (check) {
      error = value;
      options.onProgress?.(done / iterations);
      await new Promise((resolve) => setImmediate(resolve));
      const patience = it < EXPLORATION_ITERATIONS ? EXPLORATION_ITERATIONS : 300;
      if (error < bestError) {
        bestError = error;
        bestIteration = it;
      } else if (it - bestIteration > patience) break;
      if (Math.sqrt(gradNorm) <= 1e-7) break;
    }
  }
  return { embedding: Float32Array.from(y), klDivergence: error, iterations: done };
}

function scale(values: Float64Array, factor: number): void {
  for (let i = 0; i < values.length; i++) values[i] = (values[i] as number) * factor;
}

function initialLayout(points: Points, init: "pca" | "random", seed: number): Float64Array {
  const n = points.rows;
  const y = new Float64Array(2 * n);
  if (init === "pca") {
    const projection = pca(points, { components: 2 }).projection;
    let mean = 0;
    for (let i = 0; i < n; i++) mean += projection[2 * i] as number;
    mean /= n;
    let variance = 0;
    for (let i = 0; i < n; i++) variance += ((projection[2 * i] as number) - mean) ** 2;
    const std = Math.sqrt(variance / n) || 1;
    for (let i = 0; i < 2 * n; i++) y[i] = ((projection[i] as number) / std) * 1e-4;
    return y;
  }
  const rng = createRng(seed);
  for (let i = 0; i < 2 * n; i += 2) {
    // Box–Muller: two standard normals per draw.
    const r = Math.sqrt(-2 * Math.log(1 - rng()));
    const t = 2 * Math.PI * rng();
    y[i] = 1e-4 * r * Math.cos(t);
    y[i + 1] = 1e-4 * r * Math.sin(t);
  }
  return y;
}

/** Fills `grad` with the Barnes–Hut gradient; returns KL(P‖Q) when `withError`, else NaN. */
function gradient(
  P: SparseP,
  y: Float64Array,
  n: number,
  theta: number,
  tree: QuadTree,
  grad: Float64Array,
  withError: boolean,
): number {
  tree.build(y, n);
  const negative = new Float64Array(2 * n);
  const theta2 = theta * theta;
  const stack = new Int32Array(Math.max(64, tree.size));
  let sumQ = 0;
  for (let i = 0; i < n; i++) {
    const px = y[2 * i] as number;
    const py = y[2 * i + 1] as number;
    let fx = 0;
    let fy = 0;
    let top = 0;
    stack[top++] = 0;
    while (top > 0) {
      const node = stack[--top] as number;
      let count = tree.count[node] as number;
      if (count === 0) continue;
      const isLeaf = (tree.child[node] as number) < 0;
      const comX = (tree.sumX[node] as number) / count;
      const comY = (tree.sumY[node] as number) / count;
      const dx = px - comX;
      const dy = py - comY;
      const dist2 = dx * dx + dy * dy;
      const width = 2 * (tree.half[node] as number);
      if (isLeaf || width * width < theta2 * dist2) {
        if (isLeaf && dist2 === 0) {
          // The point's own leaf (or exact duplicates): no self-interaction.
          count -= 1;
          if (count <= 0) continue;
        }
        const q = 1 / (1 + dist2);
        sumQ += count * q;
        const mult = count * q * q;
        fx += mult * dx;
        fy += mult * dy;
      } else {
        const first = tree.child[node] as number;
        stack[top++] = first;
        stack[top++] = first + 1;
        stack[top++] = first + 2;
        stack[top++] = first + 3;
      }
    }
    negative[2 * i] = fx;
    negative[2 * i + 1] = fy;
  }
  let error = 0;
  for (let i = 0; i < n; i++) {
    const px = y[2 * i] as number;
    const py = y[2 * i + 1] as number;
    let fx = 0;
    let fy = 0;
    for (let at = P.rowStart[i] as number; at < (P.rowStart[i + 1] as number); at++) {
      const j = P.cols[at] as number;
      const pij = P.values[at] as number;
      const dx = px - (y[2 * j] as number);
      const dy = py - (y[2 * j + 1] as number);
      const q = 1 / (1 + dx * dx + dy * dy);
      const pq = pij * q;
      fx += pq * dx;
      fy += pq * dy;
      if (withError) {
        error += pij * Math.log(Math.max(pij, FLOAT32_TINY) / Math.max(q / sumQ, FLOAT32_TINY));
      }
    }
    grad[2 * i] = 4 * (fx - (negative[2 * i] as number) / sumQ);
    grad[2 * i + 1] = 4 * (fy - (negative[2 * i + 1] as number) / sumQ);
  }
  return withError ? error : Number.NaN;
}
