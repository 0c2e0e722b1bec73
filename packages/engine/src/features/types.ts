/** Version of the EncoderSpec format; bump when a saved spec would transform differently. */
export const ENCODER_SPEC_VERSION = 2;

export interface EncoderOptions {
  /** log1p a numeric/ordinal feature when its train skewness exceeds this (and train min ≥ 0). Default 2. */
  logSkewThreshold?: number;
  /** Categorical levels seen fewer times than this in the train rows go to `<name>=__rare__`. Default 10. */
  minLevelCount?: number;
  /** …or with a smaller share of the train rows than this. Default 0.005. */
  minLevelShare?: number;
  /**
   * Clip numeric values to the train min–max before scaling. Default true: rows from a later
   * period (out-of-time, newly scored batches) often lie outside the train range, and a ReLU
   * network extrapolates linearly — wildly — from there.
   */
  clipToTrainRange?: boolean;
  /**
   * Scale 0/1 columns (one-hot levels, binary, missing and sentinel indicators) to zero mean and
   * unit variance on the train rows, like numeric ones. Default true: a rare level then carries
   * a signal as strong as a common one's. Measured on bank-additional-full out-of-time windows,
   * this is what separated a dummies-then-StandardScaler pipeline from raw 0/1 inputs.
   */
  standardizeIndicators?: boolean;
}

/**
 * Numeric and ordinal features: x (an ordinal level becomes its position in `levels`) →
 * y = log1p(max(x, 0)) when `log1p`, else x → (y − mean) / scale, clamped to ±OUTPUT_LIMIT.
 * Missing values are replaced by `median` (on the y scale) and flagged; a sentinel is flagged and
 * placed at the train max or min when it lies beyond that end, else at the median. When
 * `indicatorScaling` is on, the flag columns are then standardized like every 0/1 column.
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
  /** x is clipped to [min, max] before the transform (see EncoderOptions.clipToTrainRange). */
  clip?: boolean;
  columns: string[];
}

/**
 * Binary features: 1 for `levels[1]`, 0 for `levels[0]`, 0 plus `<name>__missing` = 1 when
 * missing (before the spec's optional indicator standardization).
 */
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
  /** Indicator columns (by output index) rescaled after encoding: (x − mean) / scale. */
  indicatorScaling?: { columns: number[]; mean: number[]; scale: number[] };
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
