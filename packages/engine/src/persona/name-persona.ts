import { formatCount, formatNumber, formatShare } from "./format-number.ts";
import { type StrategyOptions, suggestStrategy } from "./strategy.ts";
import { rankTraits, type TraitOptions, traitLabel } from "./traits.ts";
import type { PopulationProfile, SegmentProfile, Trait } from "./types.ts";

export interface NameOptions extends TraitOptions, StrategyOptions {
  /** Traits in a name (default 3). */
  maxTraits?: number;
  /** Traits weaker than this (index points from 100) stay out of names and descriptions (default 10). */
  minDistinctiveness?: number;
  /** Traits kept on the persona (default 8). */
  traitCount?: number;
}

export interface PersonaText {
  name: string;
  description: string;
  strategy: string;
  /** The strongest traits (up to `traitCount`), most distinctive first. */
  traits: Trait[];
}

/** The name given to a segment that stands out on nothing. */
export const AVERAGE_NAME = "Average profile";

/** "Income averages 145 vs 73.77 overall" / "Education: 3 for 61.0% vs 29.9% overall". */
function traitPhrase(trait: Trait): string {
  if (trait.level !== undefined) {
    return `${trait.feature}: ${trait.level} for ${formatShare(trait.segmentValue)} vs ${formatShare(trait.populationValue)} overall`;
  }
  return `${trait.feature} averages ${formatNumber(trait.segmentValue)} vs ${formatNumber(trait.populationValue)} overall`;
}

/** "1,234 customers (12.3%). Income averages …; … . Conversion 28.4% vs 9.6% overall." */
function describe(profile: SegmentProfile, population: PopulationProfile, shown: readonly Trait[]): string {
  const parts = [`${formatCount(profile.size)} customers (${formatShare(profile.share)} of all).`];
  parts.push(
    shown.length > 0
      ? `${shown.map(traitPhrase).join("; ")}.`
      : "Close to the overall average on every feature.",
  );
  if (profile.conversionRate !== null && population.conversionRate !== null) {
    parts.push(
      `Conversion ${formatShare(profile.conversionRate)} vs ${formatShare(population.conversionRate)} overall.`,
    );
  } else if (typeof profile.meanProbability === "number" && typeof population.meanProbability === "number") {
    parts.push(
      `Predicted conversion ${formatShare(profile.meanProbability)} vs ${formatShare(population.meanProbability)} overall.`,
    );
  }
  return parts.join(" ");
}

/**
 * An automatic name, description and strategy for a segment, from its most distinctive traits
 * (see `rankTraits`): "High Income · Education: 3 · High CCAvg". The same profile always gives
 * the same text; use `uniqueNames` to tell apart segments of one run that come out alike. The
 * strategy compares the conversion rate (or, without labels, the mean predicted probability)
 * with the population's.
 */
export function namePersona(
  profile: SegmentProfile,
  population: PopulationProfile,
  options: NameOptions = {},
): PersonaText {
  const ranked = rankTraits(profile, options);
  const minDistinctiveness = options.minDistinctiveness ?? 10;
  const shown = ranked
    .filter((t) => t.distinctiveness >= minDistinctiveness)
    .slice(0, options.maxTraits ?? 3);
  const name = shown.length > 0 ? shown.map(traitLabel).join(" · ") : AVERAGE_NAME;
  const usesLabels = profile.conversionRate !== null && population.conversionRate !== null;
  const strategy = usesLabels
    ? suggestStrategy(profile.conversionRate, population.conversionRate, options)
    : suggestStrategy(profile.meanProbability, population.meanProbability, {
        ...options,
        measure: "predicted conversion",
      });
  return {
    name,
    description: describe(profile, population, shown),
    strategy,
    traits: ranked.slice(0, options.traitCount ?? 8),
  };
}

/** Names made unique in order: a repeated name gets " (2)", " (3)" … (never clashing with another name). */
export function uniqueNames(names: readonly string[]): string[] {
  const taken = new Set(names);
  const used = new Set<string>();
  return names.map((name) => {
    if (!used.has(name)) {
      used.add(name);
      return name;
    }
    let n = 2;
    while (taken.has(`${name} (${n})`) || used.has(`${name} (${n})`)) n++;
    const unique = `${name} (${n})`;
    used.add(unique);
    return unique;
  });
}
