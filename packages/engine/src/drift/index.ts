/**
 * Drift: Population Stability Index per embedding dimension and per input feature, modelled on
 * Arize Phoenix's drift metrics — small objects with pluggable binning and smoothing, fitted once
 * on a baseline (the run's training rows) whose frozen bins are stored as plain JSON, so later
 * batches are scored without the baseline rows.
 *
 * Conventions: bins are right-closed with open ends, (−∞, c₀], (c₀, c₁], …, (c_{k−1}, +∞)
 * (numpy `np.digitize(v, cuts, right=True)`); quantile cuts are `np.quantile` (linear) at
 * 1/b … (b−1)/b, deduplicated, below the baseline maximum; shares are smoothed additively and
 * renormalised, sᵢ = (nᵢ/N + ε)/(1 + k·ε); PSI = Σ (c − b)·ln(c / b); status bands 0.10 / 0.25.
 */
export { type BinEdges, type Binning, binOf, fixedWidthBinning, quantileBinning } from "./binning.ts";
export {
  type CategoricalPsiMetric,
  type CategoricalPsiOptions,
  type CategoricalPsiResult,
  createCategoricalPsi,
  DEFAULT_MAX_LEVELS,
  type FittedCategoricalPsi,
  type FittedCategoricalPsiJSON,
  fittedCategoricalPsiFromJSON,
  type LevelBinShare,
} from "./categorical-psi.ts";
export {
  type DimensionDrift,
  type EmbeddingBaselineJSON,
  type EmbeddingDrift,
  type EmbeddingDriftOptions,
  embeddingBaselineFromJSON,
  embeddingDrift,
  type FittedEmbeddingBaseline,
  fitEmbeddingBaseline,
} from "./embedding-drift.ts";
export {
  type FeatureBaselineJSON,
  type FeatureColumn,
  type FeatureDrift,
  type FeatureDriftOptions,
  type FittedFeature,
  type FittedFeatureBaseline,
  featureBaselineFromJSON,
  featureDrift,
  fitFeatureBaseline,
} from "./feature-drift.ts";
export {
  createPsi,
  type FittedPsi,
  type FittedPsiJSON,
  fittedPsiFromJSON,
  type NumericPsiResult,
  type PsiMetric,
  type PsiOptions,
  type RangeBinShare,
} from "./numeric-psi.ts";
export { psi } from "./psi.ts";
export { quantileSorted } from "./quantile.ts";
export {
  additiveSmoothing,
  noSmoothing,
  type Smoothing,
  type SmoothingSpec,
  smoothingFromJSON,
} from "./smoothing.ts";
export { PSI_RETRAIN, PSI_WATCH, psiStatus } from "./status.ts";
export type { BinShare, Points, PsiStatus } from "./types.ts";
