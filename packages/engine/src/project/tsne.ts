import { KindredError } from "../errors/index.ts";
import { checkInteger, checkPoints, checkSeed } from "../points/index.ts";
import { jointProbabilities, type SparseMatrix } from "./tsne-affinities.ts";
import { TsneGradient } from "./tsne-gradient.ts";
import { pcaLayout, randomLayout } from "./tsne-init.ts";
import type { OnProgress, Points } from "./types.ts";
import { checkNotConstant, checkNumber } from "./validate.ts";

export interface TsneOptions {
  /** Effective number of neighbours; at least 1 and below (rows − 1) / 3. Default 30. */
  perplexity?: number;
  /** Total iterations, the first 250 with early exaggeration; at least 250. Default 1000. */
  iterations?: number;
  /** Factor on P during the first 250 iterations; at least 1. Default 12. */
  earlyExaggeration?: number;
  /** "auto" (default) = max(rows / earlyExaggeration / 4, 50), as scikit-learn. */
  learningRate?: number | "auto";
  /** Barnes–Hut accuracy in [0, 1]: 0 is exact (slow), 0.5 is scikit-learn's default. */
  theta?: number;
  /**
   * Initial layout: "pca" (default, scikit-learn ≥ 1.2's default: the first two principal
   * components scaled to standard deviation 1e-4, deterministic) or "random" (iid normal with
   * standard deviation 1e-4 drawn from `seed`).
   */
  init?: "pca" | "random";
  /** Seed of the random initial layout (unused with init "pca"). Default 0. */
  seed?: number;
  /** Share of the iterations done, every 10 iterations, and 1 at the end. */
  onProgress?: OnProgress;
}

export interface TsneResult {
  /** rows × 2, row-major. */
  embedding: Float32Array;
  /**
   * KL(P‖Q) at the last iteration, computed like scikit-learn's `kl_divergence_` (Q from the
   * Barnes–Hut normalisation, before the last update).
   */
  klDivergence: number;
  /** Iterations run: `iterations` unless the progress checks stopped the run earlier
   * (scikit-learn's `n_iter_` is this minus one). */
  iterations: number;
}

const EXPLORATION_ITERATIONS = 250;
const EXPLORATION_MOMENTUM = 0.5;
const FINAL_MOMENTUM = 0.8;
const CHECK_EVERY = 50;
const EXPLORATION_PATIENCE = 250;
const FINAL_PATIENCE = 300;
const MIN_GAIN = 0.01;
const MIN_GRAD_NORM = 1e-7;
const PROGRESS_EVERY = 10;

/**
 * Barnes–Hut t-SNE to 2-D following scikit-learn 1.2's TSNE(method="barnes_hut") step for step:
 * P from exact kNN (k = min(n − 1, ⌊3·perplexity + 1⌋)) with a per-point perplexity search,
 * symmetrised; 250 iterations with P × earlyExaggeration and momentum 0.5, then momentum 0.8;
 * delta-bar-delta gains (+0.2 / ×0.8, at least 0.01), reset between the two phases; every 50
 * iterations the error is checked and the run stops after 250 (exploration) or 300 (final)
 * iterations without improvement, or when the gradient norm falls to 1e-7.
 * Cost: O(n² d) for the neighbours plus O(n log n) per iteration.
 * Errors (INVALID_CONFIG, naming the field): fewer than 2 rows, non-finite or constant
 * embeddings, options out of range — notably a perplexity too large for the row count.
 */
export function tsne(points: Points, options: TsneOptions = {}): TsneResult {
  const {
    perplexity = 30,
    iterations = 1000,
    earlyExaggeration = 12,
    learningRate = "auto",
    theta = 0.5,
    init = "pca",
    seed = 0,
    onProgress,
  } = options;
  checkPoints(points, 2);
  const n = points.rows;
  checkPerplexity(perplexity, n);
  checkInteger("iterations", iterations, EXPLORATION_ITERATIONS);
  checkNumber("earlyExaggeration", earlyExaggeration, 1);
  if (learningRate !== "auto" && !(Number.isFinite(learningRate) && learningRate > 0)) {
    throw new KindredError(
      "INVALID_CONFIG",
      `learningRate must be "auto" or a finite number > 0, got ${String(learningRate)}`,
      { field: "learningRate" },
    );
  }
  checkNumber("theta", theta, 0, 1);
  if (init !== "pca" && init !== "random") {
    throw new KindredError("INVALID_CONFIG", `init must be "pca" or "random", got ${String(init)}`, {
      field: "init",
    });
  }
  checkSeed(seed);
  checkNotConstant(points);

  const P = jointProbabilities(points, perplexity);
  const y = init === "pca" ? pcaLayout(points) : randomLayout(n, seed);
  const run: Descent = {
    P,
    y,
    theta,
    learningRate: learningRate === "auto" ? Math.max(n / earlyExaggeration / 4, 50) : learningRate,
    total: iterations,
    gradient: new TsneGradient(n),
    grad: new Float64Array(2 * n),
    update: new Float64Array(2 * n),
    gains: new Float64Array(2 * n),
    onProgress,
  };
  const exploration = descend(run, {
    start: 0,
    end: EXPLORATION_ITERATIONS,
    momentum: EXPLORATION_MOMENTUM,
    patience: EXPLORATION_PATIENCE,
    pScale: earlyExaggeration,
  });
  let last = exploration;
  if (exploration.last + 1 < iterations) {
    last = descend(run, {
      start: exploration.last + 1,
      end: iterations,
      momentum: FINAL_MOMENTUM,
      patience: FINAL_PATIENCE,
      pScale: 1,
    });
  }
  onProgress?.(1);
  return { embedding: Float32Array.from(y), klDivergence: last.error, iterations: last.last + 1 };
}

function checkPerplexity(perplexity: number, n: number): void {
  const max = (n - 1) / 3;
  if (!Number.isFinite(perplexity) || perplexity < 1 || perplexity >= max) {
    const range =
      max > 1
        ? `at least 1 and below (rows − 1) / 3 = ${Number(max.toFixed(2))}`
        : `below (rows − 1) / 3, so ${n} rows are too few for t-SNE`;
    throw new KindredError(
      "INVALID_CONFIG",
      `perplexity must be ${range} (each point needs 3·perplexity + 1 neighbours among the other ${n - 1} rows), got ${perplexity}`,
      { field: "perplexity" },
    );
  }
}

interface Descent {
  P: SparseMatrix;
  /** The layout, n × 2, updated in place. */
  y: Float64Array;
  theta: number;
  learningRate: number;
  /** All iterations of the run, for progress. */
  total: number;
  gradient: TsneGradient;
  grad: Float64Array;
  update: Float64Array;
  gains: Float64Array;
  onProgress: OnProgress | undefined;
}

interface Phase {
  start: number;
  end: number;
  momentum: number;
  patience: number;
  pScale: number;
}

/**
 * scikit-learn's `_gradient_descent` over iterations [start, end): returns the last iteration
 * run and the error last computed (at every 50th iteration and at the last).
 */
function descend(run: Descent, phase: Phase): { last: number; error: number } {
  const { P, y, theta, learningRate, gradient, grad, update, gains, onProgress } = run;
  const { start, end, momentum, patience, pScale } = phase;
  update.fill(0);
  gains.fill(1);
  let error = Number.MAX_VALUE;
  let bestError = Number.MAX_VALUE;
  let bestIteration = start;
  let last = start;
  for (let it = start; it < end; it++) {
    last = it;
    const check = (it + 1) % CHECK_EVERY === 0;
    const withError = check || it === end - 1;
    const value = gradient.evaluate(P, y, theta, pScale, grad, withError);
    if (withError) error = value;
    let norm2 = 0;
    for (let i = 0; i < y.length; i++) {
      const g = grad[i] as number;
      const u = update[i] as number;
      // Delta-bar-delta: grow the gain while the step keeps its direction, shrink it otherwise.
      const gain = Math.max(u * g < 0 ? (gains[i] as number) + 0.2 : (gains[i] as number) * 0.8, MIN_GAIN);
      gains[i] = gain;
      const step = g * gain;
      norm2 += step * step;
      const next = momentum * u - learningRate * step;
      update[i] = next;
      y[i] = (y[i] as number) + next;
    }
    if ((it + 1) % PROGRESS_EVERY === 0 && it + 1 < run.total) onProgress?.((it + 1) / run.total);
    if (check) {
      if (value < bestError) {
        bestError = value;
        bestIteration = it;
      } else if (it - bestIteration > patience) break;
      if (Math.sqrt(norm2) <= MIN_GRAD_NORM) break;
    }
  }
  return { last, error };
}
