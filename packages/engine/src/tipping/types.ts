import type { RawTable } from "../data/index.ts";

/**
 * Public types of the tipping module: for a customer under the decision threshold, the
 * actionable feature and the smallest change of it that lifts the model's probability over.
 */

export type Direction = "increase" | "decrease" | "any";

/** A user's settings for one actionable feature; everything is optional. */
export interface LeverSettings {
  /** Permitted range of a numeric feature. Default: the observed min–max. */
  min?: number;
  max?: number;
  /** Search step of a numeric feature. Default: the data's resolution (whole numbers: 1). */
  step?: number;
  /** Which way the value may move (ordered features). Default "any". */
  direction?: Direction;
  /** Permitted levels of a categorical, binary or ordinal feature. Default: every trained level. */
  levels?: string[];
}

export interface TippingConfig {
  /** Features the campaign can act on (e.g. ones that change over time). */
  features: string[];
  /** Immutable features: naming one of them as actionable is an error. */
  locked?: string[];
  /** Per actionable feature. */
  levers?: Record<string, LeverSettings>;
  /** Decision threshold on the probability, strictly between 0 and 1. Default 0.5. */
  threshold?: number;
  /** Also try two features together for customers no single feature tips. Default false. */
  pairs?: boolean;
  /** Most steps a numeric search takes in each direction (the step is coarsened to fit). Default 1000. */
  maxSteps?: number;
}

interface LeverBase {
  feature: string;
  direction: Direction;
}

/** A numeric feature searched on a grid: current value ± k · step, within [min, max]. */
export interface NumericLever extends LeverBase {
  kind: "numeric";
  min: number;
  max: number;
  step: number;
  /** Decimals the trial values are written with. */
  decimals: number;
  missingMarkers: string[];
}

/** Ordered levels: a move of k positions is a change of k. */
export interface OrdinalLever extends LeverBase {
  kind: "ordinal";
  /** Every level in order (positions); `permitted` is the subset that may be chosen. */
  levels: string[];
  permitted: string[];
}

/** Unordered levels (categorical or binary): any permitted level, each a change of one switch. */
export interface LevelLever extends LeverBase {
  kind: "categorical";
  permitted: string[];
}

export type Lever = NumericLever | OrdinalLever | LevelLever;

export interface ResolvedTipping {
  levers: Lever[];
  threshold: number;
  pairs: boolean;
}

/** One value a lever can be set to, and how far it is from the current one. */
export interface Trial {
  value: string;
  /** Signed change in the feature's units (levels for ordinal); null for unordered levels. */
  change: number | null;
  /** |change| as a share of the permitted range (1 for a switch of unordered level). */
  normalized: number;
}

export interface FeatureChange {
  feature: string;
  originalValue: string;
  tippingValue: string;
  change: number | null;
  normalizedChange: number;
}

export type TippingStatus = "tipped" | "bound-reached" | "above-threshold";

export interface TippingOutcome {
  /** The candidate's row in the table searched. */
  row: number;
  probability: number;
  status: TippingStatus;
  tipped: boolean;
  /** The actionable feature holding the customer back (null when already over the threshold). */
  tippingFeature: string | null;
  /** That feature's SHAP value for the customer. */
  shap: number | null;
  originalValue: string | null;
  /** The smallest permitted value that crosses the threshold; null when none does. */
  tippingValue: string | null;
  change: number | null;
  normalizedChange: number | null;
  /** Probability at the tipping value, or the best reachable when the bound was reached. */
  newProbability: number | null;
  /** When the bound was reached: the permitted value giving the highest probability. */
  bestValue: string | null;
  /** What to change: one feature, or two when only a pair tips the customer. */
  changes: FeatureChange[];
}

/** The model on raw rows: encode the table as in training and return a probability per row. */
export type RawScorer = (table: RawTable) => ArrayLike<number>;
