/** Public shapes of the persona stage: segment profiles, distinguishing rules and personas. */

/** Share of one level of a binary / categorical / ordinal feature, in a segment and overall. */
export interface LevelProfile {
  level: string;
  /** Rows of the segment holding this level. */
  count: number;
  /** count / segment size (missing rows count in the denominator). */
  share: number;
  populationShare: number;
  /** 100 × share / populationShare; null when the level never occurs in the population. */
  index: number | null;
}

/** A numeric or ordinal feature in a segment, against the whole table. */
export interface NumericFeatureProfile {
  feature: string;
  kind: "numeric" | "ordinal";
  /** Rows of the segment with a value (not missing, not a sentinel). */
  present: number;
  /** Share of the segment's rows without a value (missing or sentinel). */
  missingShare: number;
  /** Mean of the present values; null when none is present. */
  mean: number | null;
  populationMean: number | null;
  /**
   * 100 × mean / populationMean: 100 = like everyone, 200 = twice the average. Null when the
   * population mean is 0 (or either mean is null); `difference` is then the measure to read.
   * With a negative population mean the ratio reads backwards, so the direction of a trait is
   * always taken from `difference`.
   */
  index: number | null;
  /**
   * (mean − populationMean) / population standard deviation (divisor n): how many standard
   * deviations the segment sits above (+) or below (−) everyone. Null when the deviation is 0.
   */
  difference: number | null;
  /** Ordinal features also report the share of each level. */
  levels?: LevelProfile[];
}

export interface CategoricalFeatureProfile {
  feature: string;
  kind: "binary" | "categorical";
  /** Share of the segment's rows with a missing value. */
  missingShare: number;
  populationMissingShare: number;
  /** Levels in schema order, then any level found only in the data. */
  levels: LevelProfile[];
}

export type FeatureProfile = NumericFeatureProfile | CategoricalFeatureProfile;

export interface SegmentProfile {
  id: number;
  size: number;
  /** size / rows of the table. */
  share: number;
  /** Share of the segment's rows with label 1; null without labels or for an empty segment. */
  conversionRate: number | null;
  /** Mean predicted probability, when probabilities were given (null for an empty segment). */
  meanProbability?: number | null;
  features: FeatureProfile[];
}

export interface PopulationNumeric {
  feature: string;
  kind: "numeric" | "ordinal";
  present: number;
  missingShare: number;
  mean: number | null;
  /** Population standard deviation (divisor n) of the present values. */
  std: number | null;
  /** Ordinal features: share of each level. */
  levels?: { level: string; count: number; share: number }[];
}

export interface PopulationCategorical {
  feature: string;
  kind: "binary" | "categorical";
  missingShare: number;
  levels: { level: string; count: number; share: number }[];
}

/** The baseline every segment is compared with: the whole table. */
export interface PopulationProfile {
  size: number;
  conversionRate: number | null;
  meanProbability?: number | null;
  features: (PopulationNumeric | PopulationCategorical)[];
}

/** One condition of a rule; several conditions are joined by "and". */
export interface RuleCondition {
  feature: string;
  /**
   * ">" / "<=" for numeric features (value: a short threshold between two adjacent values of
   * the data), ">=" / "<=" / "=" for ordinal features (value: a value of the column, or the
   * level label of an ordinal with word levels), "=" / "!=" for binary and categorical levels.
   */
  op: ">" | ">=" | "<=" | "=" | "!=";
  /** The threshold or level exactly as shown in the rule text. */
  value: number | string;
  /** Rows without a value also satisfy the condition (numeric splits send them to one side). */
  includesMissing: boolean;
}

/** A leaf of the one-vs-rest tree, read as a rule that picks out (most of) a segment. */
export interface DistinguishingRule {
  /** e.g. "Income > 98.5 and Education = 1". */
  rule: string;
  conditions: RuleCondition[];
  /** Share of the rows matching the rule that belong to the segment. */
  precision: number;
  /** Share of the segment's rows that match the rule. */
  recall: number;
  /** Rows matching the rule. */
  support: number;
}

/** A feature on which a segment stands out, for names, descriptions and the profile view. */
export interface Trait {
  feature: string;
  kind: "numeric" | "ordinal" | "binary" | "categorical";
  /** Numeric trait: 100 × mean / population mean. Level trait: 100 × share / population share. */
  index: number | null;
  /** Numeric trait: segment mean. Level trait: share of the segment holding `level`. */
  segmentValue: number;
  populationValue: number;
  /** Set for a level trait ("Education: 3"). */
  level?: string;
  /** Numeric trait: above or below the population. */
  direction?: "high" | "low";
  /** |index − 100| (or 100 × |difference| when the index is null); larger = more distinctive. */
  distinctiveness: number;
}

export interface Persona {
  segmentId: number;
  name: string;
  description: string;
  strategy: string;
  size: number;
  share: number;
  conversionRate: number | null;
  /** Up to 8 traits, most distinctive first, at most one per feature. */
  traits: Trait[];
  rules: DistinguishingRule[];
}
