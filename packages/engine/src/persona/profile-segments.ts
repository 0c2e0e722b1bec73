import type { DatasetSchema, RawTable } from "../data/types.ts";
import { checkAssignment, checkRowInputs, type RowInputs } from "./check-inputs.ts";
import { type ColumnValues, describedColumns, readColumnValues } from "./column-values.ts";
import { profileColumn } from "./profile-column.ts";
import type { PopulationProfile, SegmentProfile } from "./types.ts";

export interface ProfileOptions extends RowInputs {
  /** Columns to describe (default: every role-"feature" column that is numeric, ordinal, binary or categorical). */
  features?: string[];
}

export interface Profiles {
  population: PopulationProfile;
  segments: SegmentProfile[];
  /** The columns as read, for reuse by rules (no second parse of the table). */
  columns: ColumnValues[];
}

/** Segment sizes, conversion rates and mean probabilities, with the population's. */
function rowSummaries(assignment: Int32Array, k: number, inputs: RowInputs) {
  const sizes = new Float64Array(k);
  const positives = new Float64Array(k);
  const probabilitySums = new Float64Array(k);
  const { labels, probabilities } = inputs;
  for (let r = 0; r < assignment.length; r++) {
    const s = assignment[r]!;
    sizes[s]! += 1;
    if (labels) positives[s]! += labels[r]!;
    if (probabilities) probabilitySums[s]! += probabilities[r]!;
  }
  const n = assignment.length;
  const sum = (a: Float64Array) => a.reduce((x, y) => x + y, 0);
  const rate = (part: number, size: number) => (size === 0 ? null : part / size);
  return {
    sizes,
    segment: (s: number) => ({
      conversionRate: labels ? rate(positives[s]!, sizes[s]!) : null,
      meanProbability: probabilities ? rate(probabilitySums[s]!, sizes[s]!) : undefined,
    }),
    population: {
      conversionRate: labels ? rate(sum(positives), n) : null,
      meanProbability: probabilities ? rate(sum(probabilitySums), n) : undefined,
    },
  };
}

/** Profiles of all segments and of the population in one pass over each column. */
export function profileAll(
  table: RawTable,
  schema: DatasetSchema,
  assignment: Int32Array,
  k: number,
  options: ProfileOptions = {},
): Profiles {
  checkAssignment(assignment, table.rowCount, k);
  checkRowInputs(options, table.rowCount);
  const columns = describedColumns(table, schema, options.features).map((c) => readColumnValues(table, c));
  const summaries = rowSummaries(assignment, k, options);
  const profiles = columns.map((column) => profileColumn(column, assignment, summaries.sizes));
  const n = table.rowCount;
  const population: PopulationProfile = {
    size: n,
    conversionRate: summaries.population.conversionRate,
    features: profiles.map((p) => p.population),
  };
  if (options.probabilities) population.meanProbability = summaries.population.meanProbability ?? null;
  const segments = Array.from({ length: k }, (_, s): SegmentProfile => {
    const size = summaries.sizes[s]!;
    const { conversionRate, meanProbability } = summaries.segment(s);
    const segment: SegmentProfile = {
      id: s,
      size,
      share: n === 0 ? 0 : size / n,
      conversionRate,
      features: profiles.map((p) => p.segments[s]!),
    };
    if (meanProbability !== undefined) segment.meanProbability = meanProbability;
    return segment;
  });
  return { population, segments, columns };
}

/**
 * Describes each of the k segments against the whole table: size and share, conversion rate
 * (with labels), mean probability (with probabilities) and, per feature, the segment mean vs
 * the population mean with an index (numeric / ordinal) or the share of each level vs the
 * population with an index per level (binary / categorical; ordinal too). Cells are read as
 * the schema says: missing markers and blanks are missing, sentinels are no value (kept out
 * of means), ordinal word levels count as their 1-based rank.
 */
export function profileSegments(
  table: RawTable,
  schema: DatasetSchema,
  assignment: Int32Array,
  k: number,
  options: ProfileOptions = {},
): SegmentProfile[] {
  return profileAll(table, schema, assignment, k, options).segments;
}

/** The baseline every segment is compared with: the same description for the whole table. */
export function profilePopulation(
  table: RawTable,
  schema: DatasetSchema,
  options: ProfileOptions = {},
): PopulationProfile {
  return profileAll(table, schema, new Int32Array(table.rowCount), 1, options).population;
}
