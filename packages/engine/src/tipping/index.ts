/**
 * Tipping features: among customers under the decision threshold, the actionable feature holding
 * each back (by SHAP) and the smallest permitted change of it that lifts the model's probability
 * over the threshold; candidate lists and their comparison.
 */
export { DEFAULT_MAX_STEPS, DEFAULT_THRESHOLD, resolveTipping } from "./levers.ts";
export { potentialList, probabilityList } from "./lists.ts";
export { type SearchOptions, searchTipping, type TippingCandidate } from "./search.ts";
export { compareLists, summarizeTipping, type TippingSummary } from "./summary.ts";
export { type WhatIf, whatIfTable } from "./trial-table.ts";
export { trialsFor } from "./trials.ts";
export type {
  Direction,
  FeatureChange,
  Lever,
  LeverSettings,
  RawScorer,
  ResolvedTipping,
  TippingConfig,
  TippingOutcome,
  TippingStatus,
  Trial,
} from "./types.ts";
