import type { FeatureProfile, LevelProfile, NumericFeatureProfile, SegmentProfile, Trait } from "./types.ts";

export interface TraitOptions {
  /** A level counts as a trait only when at least this share of the segment holds it (default 0.1). */
  minLevelShare?: number;
}

export function isNumericProfile(feature: FeatureProfile): feature is NumericFeatureProfile {
  return feature.kind === "numeric" || feature.kind === "ordinal";
}

/** A numeric trait: the mean against the population, in index points (or 100 × std units without an index). */
function numericTrait(feature: NumericFeatureProfile): Trait | undefined {
  const { mean, populationMean, index, difference } = feature;
  if (mean === null || populationMean === null || mean === populationMean) return undefined;
  const distinctiveness =
    index !== null ? Math.abs(index - 100) : difference !== null ? 100 * Math.abs(difference) : 0;
  return {
    feature: feature.feature,
    kind: feature.kind,
    index,
    segmentValue: mean,
    populationValue: populationMean,
    direction: mean > populationMean ? "high" : "low",
    distinctiveness,
  };
}

/** The most over-represented level held by at least `minShare` of the segment. */
function levelTrait(
  feature: FeatureProfile,
  levels: readonly LevelProfile[],
  minShare: number,
): Trait | undefined {
  let best: LevelProfile | undefined;
  for (const level of levels) {
    if (level.index === null || level.index <= 100 || level.share < minShare) continue;
    if (!best || level.index > best.index!) best = level;
  }
  if (!best) return undefined;
  return {
    feature: feature.feature,
    kind: feature.kind,
    index: best.index,
    segmentValue: best.share,
    populationValue: best.populationShare,
    level: best.level,
    distinctiveness: best.index! - 100,
  };
}

/**
 * The features on which a segment stands out, most distinctive first, one per feature.
 * Numeric and ordinal features score |index − 100| (100 × |difference in std units| when the
 * population mean is 0); a level scores index − 100 when it is over-represented and held by at
 * least `minLevelShare` of the segment. Ordinal features offer both and keep the stronger.
 * Ties keep the feature order, so the ranking is deterministic.
 */
export function rankTraits(profile: SegmentProfile, options: TraitOptions = {}): Trait[] {
  const minShare = options.minLevelShare ?? 0.1;
  const traits: Trait[] = [];
  for (const feature of profile.features) {
    const candidates: (Trait | undefined)[] = [];
    if (isNumericProfile(feature)) {
      candidates.push(numericTrait(feature));
      if (feature.levels) candidates.push(levelTrait(feature, feature.levels, minShare));
    } else candidates.push(levelTrait(feature, feature.levels, minShare));
    let best: Trait | undefined;
    for (const candidate of candidates) {
      if (
        candidate &&
        candidate.distinctiveness > 0 &&
        (!best || candidate.distinctiveness > best.distinctiveness)
      ) {
        best = candidate;
      }
    }
    if (best) traits.push(best);
  }
  return traits.sort((a, b) => b.distinctiveness - a.distinctiveness);
}

/** "High Income", "Low Age", "Education: 3". */
export function traitLabel(trait: Trait): string {
  if (trait.level !== undefined) return `${trait.feature}: ${trait.level}`;
  return `${trait.direction === "low" ? "Low" : "High"} ${trait.feature}`;
}
