/**
 * Explanations: model-agnostic SHAP values of a model's output over input features (groups of
 * encoded columns), with a summarized background, and their global importance.
 */
export { type BackgroundOptions, DEFAULT_BACKGROUND_OPTIONS, summarizeBackground } from "./background.ts";
export { EXACT_MAX_FEATURES, shapleyWeights } from "./exact-shap.ts";
export { globalImportance } from "./importance.ts";
export { DEFAULT_SHAP_OPTIONS, type ShapInput, shapValues } from "./shap-values.ts";
export type {
  Background,
  FeatureImportance,
  Predictor,
  ShapMethod,
  ShapOptions,
  ShapResult,
} from "./types.ts";
