/** The training pipeline composed from the data, features, split, model and metrics modules. */

export {
  DENSITY_MAX_ROWS,
  type DensityCluster,
  type DensityOutput,
  type DensitySpace,
  defaultMinClusterSize,
} from "./analyze-density.ts";
export {
  type AnalyzeConfig,
  type AnalyzeInput,
  type AnalyzeOutput,
  type AnalyzeStage,
  analyzeRun,
  DEFAULT_ANALYZE_CONFIG,
  type DriftOutput,
  type ProjectionOutput,
} from "./analyze-run.ts";
export { assignSplits, type SplitAssignment } from "./assign-splits.ts";
export { checkBatchColumns } from "./check-batch.ts";
export { type FeatureValues, featureValues } from "./feature-values.ts";
export {
  DEFAULT_SPLIT,
  type RunConfig,
  type RunConfigInput,
  resolveRunConfig,
  type SplitConfig,
  type SplitMethod,
} from "./run-config.ts";
export {
  type RunHooks,
  type RunOutput,
  type RunProgress,
  type RunStage,
  type SplitMetrics,
  trainRun,
} from "./train-run.ts";
