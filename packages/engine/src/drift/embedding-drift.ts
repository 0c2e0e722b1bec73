import { KindredError } from "../errors/index.ts";
import { ARTIFACT_VERSION, mismatch, readArray, readNumbers, readRecord } from "./artifact.ts";
import type { Binning } from "./binning.ts";
import { createPsi, type FittedPsi, type FittedPsiJSON, fittedPsiFromJSON } from "./numeric-psi.ts";
import { centroidOf, checkPoints, columnOf, euclidean, rmsRadius } from "./points.ts";
import type { Smoothing } from "./smoothing.ts";
import { PSI_RETRAIN, PSI_WATCH, psiStatus } from "./status.ts";
import type { Points, PsiStatus } from "./types.ts";

export interface EmbeddingDriftOptions {
  /** Default `quantileBinning(10)` per dimension. */
  binning?: Binning;
  /** Default `additiveSmoothing(1e-4)`. */
  smoothing?: Smoothing;
}

export interface DimensionDrift {
  /** 0-based embedding dimension. */
  dim: number;
  psi: number;
  status: PsiStatus;
}

export interface EmbeddingDrift {
  dims: DimensionDrift[];
  maxPsi: number;
  meanPsi: number;
  /** Status of the worst dimension (psiStatus(maxPsi)). */
  status: PsiStatus;
  /** Dimensions with PSI ≥ 0.25 (retrain). */
  flagged: number[];
  /** Dimensions with 0.10 ≤ PSI < 0.25. */
  watch: number[];
  /** Euclidean distance between the baseline and current mean vectors. */
  centroidDistance: number;
  /**
   * centroidDistance divided by the baseline's RMS distance to its centroid: the shift in units of
   * the baseline's spread (a constant baseline: 0 when nothing moved, else +∞).
   */
  centroidDistanceRelative: number;
  baselineRows: number;
  currentRows: number;
}

/** What is stored: frozen bins per dimension plus the baseline centroid and spread, no rows. */
export interface EmbeddingBaselineJSON {
  kind: "embedding-baseline";
  version: 1;
  rows: number;
  cols: number;
  centroid: number[];
  rmsRadius: number;
  dims: FittedPsiJSON[];
}

export interface FittedEmbeddingBaseline {
  readonly rows: number;
  readonly cols: number;
  readonly centroid: readonly number[];
  readonly rmsRadius: number;
  readonly dims: readonly FittedPsi[];
  evaluate(current: Points): EmbeddingDrift;
  toJSON(): EmbeddingBaselineJSON;
}

/** Freezes per-dimension bins, centroid and spread of the baseline embeddings. */
export function fitEmbeddingBaseline(
  baseline: Points,
  options: EmbeddingDriftOptions = {},
): FittedEmbeddingBaseline {
  checkPoints(baseline, "baseline");
  const metric = createPsi({ ...options, missingBin: false });
  const centroid = centroidOf(baseline);
  return fitted(
    baseline.rows,
    Array.from({ length: baseline.cols }, (_, d) => metric.fit(columnOf(baseline, d))),
    centroid,
    rmsRadius(baseline, centroid),
  );
}

/** Rebuilds a stored embedding baseline. */
export function embeddingBaselineFromJSON(
  json: unknown,
  field = "embeddingBaseline",
): FittedEmbeddingBaseline {
  const record = readRecord(json, field, "embedding-baseline");
  const cols = record.cols;
  const rows = record.rows;
  if (typeof cols !== "number" || !Number.isInteger(cols) || cols < 1)
    throw mismatch(`${field}.cols`, "must be ≥ 1");
  if (typeof rows !== "number" || !Number.isInteger(rows) || rows < 1)
    throw mismatch(`${field}.rows`, "must be ≥ 1");
  const centroid = readNumbers(record.centroid, `${field}.centroid`, cols);
  const radius = record.rmsRadius;
  if (typeof radius !== "number" || !(radius >= 0) || radius === Number.POSITIVE_INFINITY) {
    throw mismatch(`${field}.rmsRadius`, "must be a finite number ≥ 0");
  }
  const dimsJson = readArray(record.dims, `${field}.dims`);
  if (dimsJson.length !== cols)
    throw mismatch(`${field}.dims`, `must have ${cols} entries, got ${dimsJson.length}`);
  const dims = dimsJson.map((d, i) => fittedPsiFromJSON(d, `${field}.dims[${i}]`));
  dims.forEach((d, i) => {
    if (d.missingBin || d.baselineRows !== rows) {
      throw mismatch(`${field}.dims[${i}]`, `must count the ${rows} baseline rows without a missing bin`);
    }
  });
  return fitted(rows, dims, [...centroid], radius);
}

/** PSI per embedding dimension and the centroid shift of `current` against `baseline`. */
export function embeddingDrift(
  baseline: Points,
  current: Points,
  options: EmbeddingDriftOptions = {},
): EmbeddingDrift {
  checkPoints(baseline, "baseline");
  checkPoints(current, "current");
  checkCols(baseline.cols, current.cols);
  return fitEmbeddingBaseline(baseline, options).evaluate(current);
}

function fitted(
  rows: number,
  dims: FittedPsi[],
  centroid: number[],
  radius: number,
): FittedEmbeddingBaseline {
  const cols = dims.length;
  return {
    rows,
    cols,
    centroid,
    rmsRadius: radius,
    dims,
    evaluate(current) {
      checkPoints(current, "current");
      checkCols(cols, current.cols);
      const perDim = dims.map((metric, dim): DimensionDrift => {
        const { psi } = metric.evaluate(columnOf(current, dim));
        return { dim, psi, status: psiStatus(psi) };
      });
      const values = perDim.map((d) => d.psi);
      const maxPsi = Math.max(...values);
      const centroidDistance = euclidean(centroid, centroidOf(current));
      return {
        dims: perDim,
        maxPsi,
        meanPsi: values.reduce((a, b) => a + b, 0) / values.length,
        status: psiStatus(maxPsi),
        flagged: perDim.filter((d) => d.psi >= PSI_RETRAIN).map((d) => d.dim),
        watch: perDim.filter((d) => d.psi >= PSI_WATCH && d.psi < PSI_RETRAIN).map((d) => d.dim),
        centroidDistance,
        centroidDistanceRelative:
          radius > 0 ? centroidDistance / radius : centroidDistance === 0 ? 0 : Number.POSITIVE_INFINITY,
        baselineRows: rows,
        currentRows: current.rows,
      };
    },
    toJSON: () => ({
      kind: "embedding-baseline",
      version: ARTIFACT_VERSION,
      rows,
      cols,
      centroid: [...centroid],
      rmsRadius: radius,
      dims: dims.map((d) => d.toJSON()),
    }),
  };
}

function checkCols(baselineCols: number, currentCols: number): void {
  if (baselineCols !== currentCols) {
    throw new KindredError(
      "ARTIFACT_MISMATCH",
      `the baseline embeddings have ${baselineCols} dimensions, the current ones ${currentCols}`,
      { field: "cols" },
    );
  }
}
