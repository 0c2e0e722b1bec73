import { KindredError } from "../errors/index.ts";
import { type Binning, quantileBinning } from "./binning.ts";
import { createPsi, type FittedPsiJson, fittedPsiFromJson } from "./psi.ts";
import { PSI_RETRAIN, PSI_WATCH, psiStatus } from "./status.ts";
import type { Points, PsiStatus } from "./types.ts";

export interface EmbeddingBaseline {
  dims: FittedPsiJson[];
  centroid: number[];
  /** Root-mean-square distance of baseline rows to their centroid (scale for the shift). */
  spread: number;
  rows: number;
}

export interface EmbeddingDriftReport {
  dims: { dim: number; psi: number; status: PsiStatus }[];
  maxPsi: number;
  meanPsi: number;
  /** Dimensions at or above 0.25 (retrain). */
  flagged: number[];
  /** Dimensions in 0.10–0.25 (watch). */
  watch: number[];
  /** Euclidean distance between the baseline and current mean vectors. */
  centroidDistance: number;
  /** centroidDistance divided by the baseline's RMS distance to its centroid. */
  centroidDistanceRelative: number;
  baselineRows: number;
  currentRows: number;
}

function column(points: Points, dim: number): Float64Array {
  const values = new Float64Array(points.rows);
  for (let r = 0; r < points.rows; r++) values[r] = points.data[r * points.cols + dim] as number;
  return values;
}

function centroidOf(points: Points): number[] {
  const sums = new Array<number>(points.cols).fill(0);
  for (let r = 0; r < points.rows; r++) {
    for (let c = 0; c < points.cols; c++)
      sums[c] = (sums[c] as number) + (points.data[r * points.cols + c] as number);
  }
  return sums.map((s) => s / points.rows);
}

/** Freezes per-dimension bins and the centroid of the baseline, so later batches need no rows. */
export function fitEmbeddingBaseline(
  baseline: Points,
  binning: Binning = quantileBinning(10),
): EmbeddingBaseline {
  if (baseline.rows === 0)
    throw new KindredError("INVALID_CONFIG", "the baseline is empty", { field: "baseline" });
  const metric = createPsi({ binning });
  const centroid = centroidOf(baseline);
  let squares = 0;
  for (let r = 0; r < baseline.rows; r++) {
    for (let c = 0; c < baseline.cols; c++) {
      squares += ((baseline.data[r * baseline.cols + c] as number) - (centroid[c] as number)) ** 2;
    }
  }
  return {
    dims: Array.from({ length: baseline.cols }, (_, d) => metric.fit(column(baseline, d)).toJSON()),
    centroid,
    spread: Math.sqrt(squares / baseline.rows),
    rows: baseline.rows,
  };
}

/** PSI per embedding dimension plus the centroid shift, against a frozen baseline. */
export function evaluateEmbeddingDrift(baseline: EmbeddingBaseline, current: Points): EmbeddingDriftReport {
  if (current.cols !== baseline.dims.length) {
    throw new KindredError(
      "ARTIFACT_MISMATCH",
      `the current embeddings have ${current.cols} dimensions, the baseline ${baseline.dims.length}`,
      { field: "embeddings" },
    );
  }
  if (current.rows === 0)
    throw new KindredError("INVALID_CONFIG", "the current set is empty", { field: "current" });
  const dims = baseline.dims.map((json, dim) => {
    const { psi } = fittedPsiFromJson(json).evaluate(column(current, dim));
    return { dim, psi, status: psiStatus(psi) };
  });
  const centroid = centroidOf(current);
  const centroidDistance = Math.sqrt(
    centroid.reduce((sum, v, c) => sum + (v - (baseline.centroid[c] as number)) ** 2, 0),
  );
  const values = dims.map((d) => d.psi);
  return {
    dims,
    maxPsi: Math.max(...values),
    meanPsi: values.reduce((a, b) => a + b, 0) / values.length,
    flagged: dims.filter((d) => d.psi >= PSI_RETRAIN).map((d) => d.dim),
    watch: dims.filter((d) => d.psi >= PSI_WATCH && d.psi < PSI_RETRAIN).map((d) => d.dim),
    centroidDistance,
    centroidDistanceRelative: baseline.spread > 0 ? centroidDistance / baseline.spread : 0,
    baselineRows: baseline.rows,
    currentRows: current.rows,
  };
}

export function embeddingDrift(baseline: Points, current: Points, binning?: Binning): EmbeddingDriftReport {
  if (current.cols !== baseline.cols) {
    throw new KindredError(
      "ARTIFACT_MISMATCH",
      `the current embeddings have ${current.cols} dimensions, the baseline ${baseline.cols}`,
      { field: "embeddings" },
    );
  }
  return evaluateEmbeddingDrift(fitEmbeddingBaseline(baseline, binning), current);
}
