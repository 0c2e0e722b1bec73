/** Version of the EncoderSpec format; bump when a saved spec would transform differently. */
export const ENCODER_SPEC_VERSION = 1;

export interface EncoderOptions {
  /** log1p a numeric/ordinal feature when its train skewness exceeds this (and train min ≥ 0). Default 2. */
  logSkewThreshold?: number;
  /** Categorical levels seen fewer times than this in the train rows go to `<name>=__rare__`. Default 10. */
  minLevelCount?: number;
  /** …or with a smaller share of the train rows than this. Default 0.005. */
  minLevelShare?: number;
}

/**
 * Numeric and ordinal features: x (an ordinal level becomes its position in `levels`) →
 * y = log1p(max(x, 0)) when `log1p`, else x → (y − mean) / scale, clamped to ±OUTPUT_LIMIT.
 * Missing values and sentinels are replaced by `median` (on the y scale) and flagged.
 * Output columns: `<name>`, then `<name>__missing` when `missingIndicator`, then one
 * `<name>__is_<value>` per sentinel.
 */
export interface NumericEncoding {
  feature: string;
  kind: "numeric" | "ordinal";
  missingMarkers: string[];
  sentinels: number[];
  /** Ordinal levels in order (value → position); absent when the ordinal values are numbers. */
  levels?: string[];
  /** Train rows with a usable value (not missing, not a sentinel). */
  trainCount: number;
  /** Train statistics of x (raw scale); 0 when trainCount is 0. */
  min: number;
  max: number;
  /** Population (Fisher–Pearson, biased) skewness of x over the train rows. */
  skewness: number;
  log1p: boolean;
  /** Train statistics of y (after log1p when applied): mean, population std, median. */
  mean: number;
  std: number;
  /** std, or 1 when std is 0. */
  scale: number;
  median: number;
  missingIndicator: boolean;
  columns: string[];
}

/** Binary features: 1 for `levels[1]`, 0 for `levels[0]`, 0 plus `<name>__missing` = 1 when missing. */
export interface BinaryEncoding {
  feature: string;
  kind: "binary";
  missingMarkers: string[];
  levels: [string, string];
  missingIndicator: boolean;
  columns: string[];
}

/**
 * Categorical features: one-hot `<name>=<level>` over the kept train levels (most frequent
 * first), then `<name>=__rare__` (rare and unseen levels; missing too when no missing value was
 * seen in training), then `<name>=__missing__` when `missingLevel`.
 */
export interface CategoricalEncoding {
  feature: string;
  kind: "categorical";
  missingMarkers: string[];
  levels: string[];
  /** How many distinct train levels went to the rare column. */
  rareLevelCount: number;
  missingLevel: boolean;
  columns: string[];
}

export type FeatureEncoding = NumericEncoding | BinaryEncoding | CategoricalEncoding;

/** Plain JSON: saved with a trained run and used later to encode new files identically. */
export interface EncoderSpec {
  version: typeof ENCODER_SPEC_VERSION;
  options: Required<EncoderOptions>;
  trainRowCount: number;
  features: FeatureEncoding[];
  /** All output column names, feature by feature (the concatenation of every `columns`). */
  columnNames: string[];
}

export interface FeatureGroup {
  feature: string;
  /** Output columns [start, end) of this feature. */
  start: number;
  end: number;
}

export interface FeatureMatrix {
  /** Row-major: value of output column c for row i at data[i * cols + c]. */
  data: Float32Array;
  rows: number;
  cols: number;
  columnNames: string[];
  groups: FeatureGroup[];
}
