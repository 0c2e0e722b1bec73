import type { ColumnValues } from "./column-values.ts";
import type {
  FeatureProfile,
  LevelProfile,
  NumericFeatureProfile,
  PopulationCategorical,
  PopulationNumeric,
} from "./types.ts";

/** One column described for every segment and for the population. */
export interface ColumnProfile {
  population: PopulationNumeric | PopulationCategorical;
  /** segments[s] describes segment s. */
  segments: FeatureProfile[];
}

const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);

/** Counts of each level per segment: counts[s * L + code]; missing rows per segment. */
function countLevels(codes: Int32Array, levelCount: number, assignment: Int32Array, k: number) {
  const counts = new Float64Array(k * levelCount);
  const missing = new Float64Array(k);
  for (let r = 0; r < codes.length; r++) {
    const code = codes[r]!;
    const s = assignment[r]!;
    if (code < 0) missing[s]! += 1;
    else counts[s * levelCount + code]! += 1;
  }
  return { counts, missing };
}

function levelProfiles(
  levels: readonly string[],
  counts: Float64Array,
  s: number,
  size: number,
  populationCounts: Float64Array,
  rowCount: number,
): LevelProfile[] {
  const L = levels.length;
  return levels.map((level, code) => {
    const count = counts[s * L + code]!;
    const share = ratio(count, size);
    const populationShare = ratio(populationCounts[code]!, rowCount);
    const index = populationShare === 0 || size === 0 ? null : (100 * share) / populationShare;
    return { level, count, share, populationShare, index };
  });
}

function sumLevels(counts: Float64Array, levelCount: number, k: number): Float64Array {
  const total = new Float64Array(levelCount);
  for (let s = 0; s < k; s++) for (let c = 0; c < levelCount; c++) total[c]! += counts[s * levelCount + c]!;
  return total;
}

/**
 * Means per segment and overall (present values only), the index against the population mean
 * and the difference in population standard deviations; ordinal columns add level shares.
 */
function profileNumeric(
  column: Extract<ColumnValues, { type: "numeric" }>,
  assignment: Int32Array,
  sizes: Float64Array,
): ColumnProfile {
  const { values } = column;
  const k = sizes.length;
  const rowCount = values.length;
  const sums = new Float64Array(k);
  const present = new Float64Array(k);
  let total = 0;
  let totalPresent = 0;
  for (let r = 0; r < rowCount; r++) {
    const v = values[r]!;
    if (Number.isNaN(v)) continue;
    const s = assignment[r]!;
    sums[s]! += v;
    present[s]! += 1;
    total += v;
    totalPresent += 1;
  }
  const populationMean = totalPresent === 0 ? null : total / totalPresent;
  let squares = 0;
  if (populationMean !== null) {
    for (let r = 0; r < rowCount; r++) {
      const v = values[r]!;
      if (!Number.isNaN(v)) squares += (v - populationMean) ** 2;
    }
  }
  const std = populationMean === null ? null : Math.sqrt(squares / totalPresent);
  const kind = column.column.kind === "ordinal" ? "ordinal" : "numeric";
  const levels = column.levels;
  const levelCounts =
    levels && column.codes ? countLevels(column.codes, levels.length, assignment, k) : undefined;
  const populationLevels =
    levels && levelCounts ? sumLevels(levelCounts.counts, levels.length, k) : undefined;
  const population: PopulationNumeric = {
    feature: column.column.name,
    kind,
    present: totalPresent,
    missingShare: ratio(rowCount - totalPresent, rowCount),
    mean: populationMean,
    std,
  };
  if (levels && populationLevels) {
    population.levels = levels.map((level, code) => ({
      level,
      count: populationLevels[code]!,
      share: ratio(populationLevels[code]!, rowCount),
    }));
  }
  const segments = Array.from({ length: k }, (_, s): NumericFeatureProfile => {
    const mean = present[s]! === 0 ? null : sums[s]! / present[s]!;
    const index =
      mean === null || populationMean === null || populationMean === 0 ? null : (100 * mean) / populationMean;
    const difference =
      mean === null || populationMean === null || !std ? null : (mean - populationMean) / std;
    const profile: NumericFeatureProfile = {
      feature: column.column.name,
      kind,
      present: present[s]!,
      missingShare: ratio(sizes[s]! - present[s]!, sizes[s]!),
      mean,
      populationMean,
      index,
      difference,
    };
    if (levels && levelCounts && populationLevels) {
      profile.levels = levelProfiles(levels, levelCounts.counts, s, sizes[s]!, populationLevels, rowCount);
    }
    return profile;
  });
  return { population, segments };
}

/** Share of each level per segment and overall (missing rows stay in the denominator). */
function profileLevels(
  column: Extract<ColumnValues, { type: "levels" }>,
  assignment: Int32Array,
  sizes: Float64Array,
): ColumnProfile {
  const { codes, levels } = column;
  const k = sizes.length;
  const rowCount = codes.length;
  const kind = column.column.kind === "binary" ? "binary" : "categorical";
  const { counts, missing } = countLevels(codes, levels.length, assignment, k);
  const populationCounts = sumLevels(counts, levels.length, k);
  let totalMissing = 0;
  for (let s = 0; s < k; s++) totalMissing += missing[s]!;
  const populationMissingShare = ratio(totalMissing, rowCount);
  return {
    population: {
      feature: column.column.name,
      kind,
      missingShare: populationMissingShare,
      levels: levels.map((level, code) => ({
        level,
        count: populationCounts[code]!,
        share: ratio(populationCounts[code]!, rowCount),
      })),
    },
    segments: Array.from({ length: k }, (_, s) => ({
      feature: column.column.name,
      kind,
      missingShare: ratio(missing[s]!, sizes[s]!),
      populationMissingShare,
      levels: levelProfiles(levels, counts, s, sizes[s]!, populationCounts, rowCount),
    })),
  };
}

/** Describes one column for every segment (sizes[s] rows each) and for the whole table. */
export function profileColumn(
  column: ColumnValues,
  assignment: Int32Array,
  sizes: Float64Array,
): ColumnProfile {
  return column.type === "numeric"
    ? profileNumeric(column, assignment, sizes)
    : profileLevels(column, assignment, sizes);
}
