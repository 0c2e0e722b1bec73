/**
 * Drift: Population Stability Index per embedding dimension and per input feature, with pluggable
 * binning and smoothing, bins frozen from a baseline (the run's training rows).
 */
export {
  type BinEdges,
  type Binning,
  binOf,
  fixedWidthBinning,
  quantileBinning,
  quantileOf,
} from "./binning.ts";
export { categoricalPsi } from "./categorical-psi.ts";
export {
  type EmbeddingBaseline,
  type EmbeddingDriftReport,
  embeddingDrift,
  evaluateEmbeddingDrift,
  fitEmbeddingBaseline,
} from "./embedding-drift.ts";
export { type FeatureColumn, type FeatureDrift, featureDrift } from "./feature-drift.ts";
export {
  createPsi,
  type FittedPsi,
  type FittedPsiJson,
  fittedPsiFromJson,
  type PsiMetric,
  psi,
} from "./psi.ts";
export { epsilonSmoothing, type Smoothing } from "./smoothing.ts";
export { PSI_RETRAIN, PSI_WATCH, psiStatus } from "./status.ts";
export type { Points, PsiBin, PsiResult, PsiStatus } from "./types.ts";
