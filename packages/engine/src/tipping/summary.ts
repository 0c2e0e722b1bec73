import { median } from "../features/index.ts";
import type { TippingOutcome } from "./types.ts";

export interface TippingSummary {
  candidates: number;
  /** Candidates under the threshold: the ones a change was searched for. */
  searched: number;
  tipped: number;
  /** tipped / searched; null when nobody was searched. */
  tippedShare: number | null;
  /** Median |change| of the tipped single-feature numeric or ordinal changes, in the feature's units. */
  medianChange: number | null;
  /** Median change as a share of the permitted range (summed over the features of a pair). */
  medianNormalizedChange: number | null;
  /** Median probability before any change, over all candidates. */
  medianProbability: number | null;
  /** Per tipping feature: how many candidates it was chosen for, how many it tipped, median |change|. */
  byFeature: { feature: string; candidates: number; tipped: number; medianChange: number | null }[];
}

function medianOrNull(values: number[]): number | null {
  return values.length === 0 ? null : median(Float64Array.from(values));
}

function absChanges(outcomes: TippingOutcome[]): number[] {
  return outcomes.flatMap((o) => (o.tipped && o.change !== null ? [Math.abs(o.change)] : []));
}

/** What a list of tipping outcomes adds up to: how many tip, and how large the changes are. */
export function summarizeTipping(outcomes: TippingOutcome[]): TippingSummary {
  const searched = outcomes.filter((o) => o.status !== "above-threshold");
  const tipped = searched.filter((o) => o.tipped);
  const features = [...new Set(searched.flatMap((o) => (o.tippingFeature ? [o.tippingFeature] : [])))];
  return {
    candidates: outcomes.length,
    searched: searched.length,
    tipped: tipped.length,
    tippedShare: searched.length ? tipped.length / searched.length : null,
    medianChange: medianOrNull(absChanges(tipped)),
    medianNormalizedChange: medianOrNull(tipped.map((o) => o.normalizedChange as number)),
    medianProbability: medianOrNull(outcomes.map((o) => o.probability)),
    byFeature: features.map((feature) => {
      const mine = searched.filter((o) => o.tippingFeature === feature);
      return {
        feature,
        candidates: mine.length,
        tipped: mine.filter((o) => o.tipped).length,
        medianChange: medianOrNull(absChanges(mine)),
      };
    }),
  };
}

/** How much two candidate lists agree: shared customers, and their share of the union. */
export function compareLists(a: readonly string[], b: readonly string[]) {
  const inB = new Set(b);
  const shared = [...new Set(a)].filter((id) => inB.has(id));
  const union = new Set([...a, ...b]).size;
  return { overlap: shared.length, shared, jaccard: union ? shared.length / union : 0 };
}
