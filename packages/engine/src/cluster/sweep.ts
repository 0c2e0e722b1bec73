import { KindredError } from "../errors/index.ts";
import { checkInteger, checkPoints } from "../points/index.ts";
import { checkDistinct, checkKMeansOptions } from "./k-means.ts";
import { kneedle } from "./kneedle.ts";
import { daviesBouldin } from "./metrics.ts";
import { type Recommendation, recommendK, SILHOUETTE_THRESHOLD } from "./recommend.ts";
import {
  createSilhouetteEstimator,
  type SilhouetteEstimate,
  type SilhouetteOptions,
} from "./silhouette-estimator.ts";
import { sweepKMeans } from "./sweep-k-means.ts";
import type { Points } from "./types.ts";

export interface SweepOptions {
  /** Default 2. */
  kMin?: number;
  /** Default 14; at most rows − 1. */
  kMax?: number;
  seed: number;
  /** k-means starts per K (default 3), iterations and tolerance as in `kMeans`. */
  restarts?: number;
  maxIterations?: number;
  tolerance?: number;
  /** Silhouette settings (exact up to 20,000 rows, else pooled and stratified); seed = the sweep's. */
  silhouette?: Omit<SilhouetteOptions, "seed">;
  /** Share of the work done (0–1] and the K just finished. */
  onProgress?(share: number, k: number): void;
}

export interface SweepPoint {
  k: number;
  inertia: number;
  silhouette: number;
  silhouetteExact: boolean;
  daviesBouldin: number;
  /** Rows per cluster, by label. */
  sizes: number[];
}

export interface SweepResult extends Recommendation {
  points: SweepPoint[];
  thresholds: { silhouette: number };
}

export interface ClusterSweep {
  sweep: SweepResult;
  /** k-means labels of every row for each K of the sweep. */
  labelsByK: Map<number, Int32Array>;
}

/** Share of the progress bar given to k-means (the rest is the silhouettes). */
const K_MEANS_SHARE = 0.85;

/**
 * K-means for K = kMin..kMax, judged by inertia (elbow by kneedle), silhouette (exact up to
 * 20,000 rows, else estimated on a stratified subset of a fixed pool — see
 * `createSilhouetteEstimator`) and Davies–Bouldin; recommends a K (rule in `recommendK`).
 *
 * Errors (INVALID_CONFIG): kMin < 2, kMin > kMax, kMax > rows − 1, fewer distinct rows than kMax
 * (e.g. constant embeddings), non-finite values (naming the row), bad options.
 */
export function clusterSweep(points: Points, options: SweepOptions): ClusterSweep {
  const { kMin = 2, kMax = 14, seed, onProgress } = options;
  checkPoints(points);
  checkKRange(kMin, kMax, points.rows);
  const kMeansOptions = {
    seed,
    restarts: options.restarts,
    maxIterations: options.maxIterations,
    tolerance: options.tolerance,
  };
  checkKMeansOptions(kMeansOptions);
  checkDistinct(points, kMax);
  const estimator = createSilhouetteEstimator(points, { ...options.silhouette, seed });

  const ks = Array.from({ length: kMax - kMin + 1 }, (_, i) => kMin + i);
  const work = ks.reduce((a, b) => a + b, 0);
  let done = 0;
  const runs = sweepKMeans(points, ks, kMeansOptions, (k) => {
    done += k;
    onProgress?.((K_MEANS_SHARE * done) / work, k);
  });
  const labelsByK = new Map(ks.map((k) => [k, runs.get(k)?.labels as Int32Array]));

  let silhouettes: SilhouetteEstimate[];
  if (estimator.mode === "blockwise") {
    silhouettes = estimator.scoreMany(ks.map((k) => labelsByK.get(k) as Int32Array));
    onProgress?.(1, kMax);
  } else {
    silhouettes = ks.map((k, i) => {
      const estimate = estimator.score(labelsByK.get(k) as Int32Array);
      onProgress?.(K_MEANS_SHARE + ((1 - K_MEANS_SHARE) * (i + 1)) / ks.length, k);
      return estimate;
    });
  }

  const sweepPoints: SweepPoint[] = ks.map((k, i) => {
    const labels = labelsByK.get(k) as Int32Array;
    const estimate = silhouettes[i] as SilhouetteEstimate;
    const sizes = new Array<number>(k).fill(0);
    for (let r = 0; r < labels.length; r++) {
      const label = labels[r] as number;
      sizes[label] = (sizes[label] as number) + 1;
    }
    return {
      k,
      inertia: runs.get(k)?.inertia as number,
      silhouette: estimate.silhouette,
      silhouetteExact: estimate.exact,
      daviesBouldin: daviesBouldin(points, labels),
      sizes,
    };
  });
  const elbowK = kneedle(
    ks,
    sweepPoints.map((p) => p.inertia),
  );
  const recommendation = recommendK(
    ks,
    sweepPoints.map((p) => p.silhouette),
    elbowK,
  );
  return {
    sweep: { points: sweepPoints, ...recommendation, thresholds: { silhouette: SILHOUETTE_THRESHOLD } },
    labelsByK,
  };
}

function checkKRange(kMin: number, kMax: number, rows: number): void {
  checkInteger("kMin", kMin, 2);
  checkInteger("kMax", kMax, 2);
  if (kMin > kMax) {
    throw new KindredError(
      "INVALID_CONFIG",
      `kMin (${kMin}) is above kMax (${kMax}); the K range is reversed`,
      {
        field: "kMin",
      },
    );
  }
  if (kMax > rows - 1) {
    throw new KindredError(
      "INVALID_CONFIG",
      `K = ${kMax} is above the ${rows} rows − 1 = ${rows - 1} a silhouette allows; lower kMax`,
      { field: "kMax" },
    );
  }
}
