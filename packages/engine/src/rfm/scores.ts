import { percentileRank } from "../segment/index.ts";
import type { CustomerFeatures, RfmScores } from "./types.ts";

/**
 * Quintile score 1–5 of each value among all customers, from its percentile rank (average rank
 * of its ties, so equal values always share a score; with many ties a quintile can be empty).
 * `higherIsBetter: false` (recency) gives 5 to the smallest values.
 */
export function quintileScores(values: Float64Array, higherIsBetter: boolean): Uint8Array {
  const ranks = percentileRank(values);
  return Uint8Array.from(ranks, (p) => {
    const score = Math.min(5, Math.max(1, Math.ceil(p * 5 - 1e-9)));
    return higherIsBetter ? score : 6 - score;
  });
}

/** R (recent is better), F and M quintile scores. */
export function rfmScores(features: CustomerFeatures): RfmScores {
  return {
    r: quintileScores(features.recencyDays, false),
    f: quintileScores(features.frequency, true),
    m: quintileScores(features.monetary, true),
  };
}
