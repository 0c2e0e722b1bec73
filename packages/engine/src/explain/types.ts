/**
 * Public types of the explain module: Shapley values of a model's output over input features
 * that may span several encoded columns (one-hot levels, missing indicators).
 */
import type { FeatureGroup } from "../features/index.ts";
import type { Matrix } from "../model/index.ts";

/** The model being explained: one output per row of an encoded matrix (e.g. a probability). */
export type Predictor = (x: Matrix) => ArrayLike<number>;

/** Rows that stand in for "feature unknown": a missing feature takes their values, weighted. */
export interface Background {
  /** Encoded rows, row-major. */
  data: Matrix;
  /** One positive weight per row; normalized to sum 1 where used. */
  weights: Float64Array;
  /** Source row index of each background row (in the matrix it was drawn from). */
  rows: Int32Array;
  method: "kmeans" | "sample" | "all";
}

export type ShapMethod = "exact" | "permutation" | "auto";

export interface ShapOptions {
  /**
   * `exact` enumerates all 2^M coalitions (M ≤ 20 features); `permutation` averages feature
   * contributions over seeded antithetic permutations (a permutation and its reverse);
   * `auto` (default) is exact up to `exactMaxFeatures` features.
   */
  method?: ShapMethod;
  /** `auto` switches to permutation sampling above this many features. Default 10. */
  exactMaxFeatures?: number;
  /** Permutations per row for `permutation` (even: pairs with their reverse). Default 32. */
  permutations?: number;
  seed?: number;
  /** Largest matrix (rows) handed to the predictor in one call. Default 32,768. */
  batchRows?: number;
  onProgress?(done: number, total: number): void;
  signal?: AbortSignal;
}

export interface ShapResult {
  /** Feature names, the column order of `values`. */
  features: string[];
  /** Weighted mean model output over the background: E[f]. */
  baseValue: number;
  /** rows × features, row-major: baseValue + Σ values of a row = prediction of that row. */
  values: Float64Array;
  /** Model output per explained row. */
  predictions: Float64Array;
  method: "exact" | "permutation";
  /** Permutations per row (permutation method only). */
  permutations?: number;
  /** Rows the predictor was asked to score in all. */
  evaluations: number;
}

export interface FeatureImportance {
  feature: string;
  /** Mean |SHAP| over the explained rows: the global importance. */
  meanAbs: number;
  /** Mean signed SHAP: which way the feature pushes on average. */
  mean: number;
}

export type { FeatureGroup };
