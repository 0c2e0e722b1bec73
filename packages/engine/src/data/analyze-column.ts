import { KindredError } from "../errors/index.ts";
import { parseNumber } from "./cells.ts";
import { formatCount, quoteValue } from "./format.ts";
import { histogram } from "./histogram.ts";
import {
  dateColumnOrder,
  inferKind,
  type KindGuess,
  type NumericEntry,
  numericEntries,
  orderBinaryLevels,
  orderByFrequency,
} from "./infer-kind.ts";
import { moments } from "./moments.ts";
import { type ColumnProfile, firstRejectedRow, profileColumn } from "./profile.ts";
import { detectSentinels } from "./sentinels.ts";
import type { ColumnKind, ColumnSchema, ColumnStats, SchemaOverrides } from "./types.ts";

export type ColumnOverride = NonNullable<SchemaOverrides["columns"]>[string];

/** Most frequent values listed in the stats. */
const TOP_VALUES = 20;
/** Kinds whose sentinels mean something (codes inside a number scale). */
const NUMERIC_KINDS: ReadonlySet<ColumnKind> = new Set(["numeric", "ordinal"]);
const LEVELED_KINDS: ReadonlySet<ColumnKind> = new Set(["binary", "ordinal", "categorical"]);

function invalid(column: string, field: string, message: string, row?: number): KindredError {
  const location = row === undefined ? { column, field } : { column, field, row };
  return new KindredError("INVALID_OVERRIDE", `column ${quoteValue(column)}: ${message}`, location);
}

/** "data row 12 has "abc"" — the first cell that breaks an override. */
function rowNote(found: { row: number; value: string }): string {
  return `data row ${formatCount(found.row)} has ${quoteValue(found.value)}`;
}

/** First data row holding the (trimmed) value `value`. */
function firstRowOf(values: readonly string[], value: string): { row: number; value: string } {
  const index = values.findIndex((raw) => raw.trim() === value);
  return { row: index + 1, value };
}

/**
 * First row whose present value is not among the first `limit` distinct present values seen
 * (used to show why a column cannot be constant or binary).
 */
function firstRowBeyond(values: readonly string[], profile: ColumnProfile, limit: number) {
  const seen = new Set<string>();
  return firstRejectedRow(values, profile.markers, (value) => {
    if (seen.has(value)) return true;
    seen.add(value);
    return seen.size <= limit;
  });
}

/** Applies a kind override, or explains (naming the first offending row) why it cannot apply. */
function forceKind(
  name: string,
  values: readonly string[],
  profile: ColumnProfile,
  numeric: NumericEntry[] | undefined,
  sentinels: readonly number[],
  kind: ColumnKind,
  hasLevels: boolean,
): KindGuess {
  const reason = "set by override";
  const notNumber = () => firstRejectedRow(values, profile.markers, (v) => !Number.isNaN(parseNumber(v)));
  switch (kind) {
    case "numeric": {
      const bad = notNumber();
      if (bad)
        throw invalid(name, "kind", `cannot be numeric: ${rowNote(bad)}, which is not a number`, bad.row);
      return { kind, reason };
    }
    case "ordinal": {
      if (hasLevels) return { kind, reason };
      const bad = notNumber();
      if (bad || !numeric) {
        const note = bad ? `${rowNote(bad)}, which is not a number` : "it has non-numeric values";
        throw invalid(
          name,
          "kind",
          `cannot be ordinal without levels: ${note}; give the levels in order`,
          bad?.row,
        );
      }
      const levels = numeric.filter((e) => !sentinels.includes(e.value)).map((e) => e.text);
      return { kind, levels, reason };
    }
    case "binary": {
      if (profile.counts.size > 2) {
        const bad = firstRowBeyond(values, profile, 2);
        const note = bad ? `; ${rowNote(bad)}, a third value` : "";
        throw invalid(
          name,
          "kind",
          `cannot be binary: it has ${formatCount(profile.counts.size)} distinct values${note}`,
          bad?.row,
        );
      }
      return { kind, levels: orderBinaryLevels([...profile.counts.keys()]), reason };
    }
    case "constant": {
      if (profile.counts.size > 1) {
        const bad = firstRowBeyond(values, profile, 1);
        const note = bad ? `; ${rowNote(bad)}, a second value` : "";
        throw invalid(
          name,
          "kind",
          `cannot be constant: it has ${formatCount(profile.counts.size)} distinct values${note}`,
          bad?.row,
        );
      }
      return { kind, reason };
    }
    case "date": {
      // With an explicit override, ambiguous day/month values are read day-first.
      const dates = dateColumnOrder(profile.counts.keys(), "dmy");
      if (!dates.ok) {
        const bad = firstRowOf(values, dates.value);
        throw invalid(name, "kind", `cannot be a date: ${rowNote(bad)}, which ${dates.why}`, bad.row);
      }
      return dates.order ? { kind, dateOrder: dates.order, reason } : { kind, reason };
    }
    case "categorical":
      return { kind, levels: orderByFrequency(profile.counts).map((e) => e.value), reason };
    case "identifier":
    case "text":
      return { kind, reason };
  }
}

/** Validates user-given levels: a levelled kind, no repeats, every present value listed. */
function checkLevels(
  name: string,
  kind: ColumnKind,
  levels: readonly string[],
  values: readonly string[],
  profile: ColumnProfile,
): string[] {
  if (!LEVELED_KINDS.has(kind)) {
    throw invalid(
      name,
      "levels",
      `levels apply to binary, ordinal or categorical columns, not to a ${kind} column`,
    );
  }
  const trimmed = levels.map((level) => level.trim());
  const set = new Set(trimmed);
  if (set.size !== trimmed.length) {
    const repeated = trimmed.find((level, i) => trimmed.indexOf(level) !== i) ?? "";
    throw invalid(name, "levels", `level ${quoteValue(repeated)} is listed twice`);
  }
  if (kind === "binary" && trimmed.length !== 2) {
    throw invalid(name, "levels", `a binary column needs exactly two levels, got ${trimmed.length}`);
  }
  const bad = firstRejectedRow(values, profile.markers, (value) => set.has(value));
  if (bad) throw invalid(name, "levels", `${rowNote(bad)}, which is not among the levels`, bad.row);
  return trimmed;
}

function checkSentinels(
  name: string,
  sentinels: readonly number[],
  values: readonly string[],
  profile: ColumnProfile,
): number[] {
  const bad = sentinels.find((value) => !Number.isFinite(value));
  if (bad !== undefined) throw invalid(name, "sentinels", `sentinel ${bad} is not a finite number`);
  // An empty list (no sentinels, please) fits any column.
  const text =
    sentinels.length === 0
      ? undefined
      : firstRejectedRow(values, profile.markers, (v) => !Number.isNaN(parseNumber(v)));
  if (text) {
    throw invalid(
      name,
      "sentinels",
      `sentinels need a numeric column, but ${rowNote(text)}, which is not a number`,
      text.row,
    );
  }
  return [...new Set(sentinels)].sort((a, b) => a - b);
}

function columnStats(
  profile: ColumnProfile,
  numeric: NumericEntry[] | undefined,
  rowCount: number,
  sentinels: readonly number[],
): ColumnStats {
  const { counts, present, missing } = profile;
  const stats: ColumnStats = {
    present,
    missing,
    missingShare: rowCount === 0 ? 0 : missing / rowCount,
    distinct: counts.size,
  };
  if (numeric) {
    // Sentinel codes are not measurements: keep them out of the moments.
    const regular = numeric.filter((entry) => !sentinels.includes(entry.value));
    const m = moments(
      regular.map((e) => e.value),
      regular.map((e) => e.count),
    );
    if (m) {
      stats.min = m.min;
      stats.max = m.max;
      stats.mean = m.mean;
      if (m.std !== undefined) stats.std = m.std;
      if (m.skewness !== undefined) stats.skewness = m.skewness;
      stats.histogram = histogram(
        regular.map((e) => e.value),
        regular.map((e) => e.count),
        m.min,
        m.max,
      );
    }
  }
  if (!numeric || counts.size <= TOP_VALUES) stats.topValues = orderByFrequency(counts).slice(0, TOP_VALUES);
  return stats;
}

/**
 * Infers one column's kind, stats, missing markers, sentinels and levels, then applies the
 * column's override (markers and sentinels first, since they change what the kind is
 * inferred from). The role is left as "feature"; inferSchema assigns roles.
 */
export function analyzeColumn(
  name: string,
  values: readonly string[],
  override: ColumnOverride = {},
): ColumnSchema {
  const profile = profileColumn(values, override.missingMarkers);
  const numeric = numericEntries(profile.counts);
  let sentinels =
    override.sentinels !== undefined
      ? checkSentinels(name, override.sentinels, values, profile)
      : numeric
        ? detectSentinels(numeric, profile.present)
        : [];
  let guess = inferKind(profile, numeric, sentinels);
  if (override.kind !== undefined && override.kind !== guess.kind) {
    guess = forceKind(
      name,
      values,
      profile,
      numeric,
      sentinels,
      override.kind,
      override.levels !== undefined,
    );
  }
  if (override.levels !== undefined)
    guess.levels = checkLevels(name, guess.kind, override.levels, values, profile);
  if (!NUMERIC_KINDS.has(guess.kind)) {
    if (override.sentinels !== undefined && override.sentinels.length > 0) {
      throw invalid(
        name,
        "sentinels",
        `sentinels apply to numeric or ordinal columns, not to a ${guess.kind} column`,
      );
    }
    sentinels = [];
  }
  let reason = guess.reason;
  if (sentinels.length > 0 && override.sentinels === undefined) {
    const notes = sentinels.map((s) => {
      const count = numeric?.find((e) => e.value === s)?.count ?? 0;
      return `${s} (${formatCount(count)} rows) read as a "not applicable" code`;
    });
    reason += `; ${notes.join(", ")}`;
  }
  const schema: ColumnSchema = {
    name,
    kind: guess.kind,
    role: "feature",
    stats: columnStats(profile, numeric, values.length, sentinels),
    missingMarkers: profile.markers,
    sentinels,
    reason,
  };
  if (guess.levels !== undefined) schema.levels = guess.levels;
  if (guess.dateOrder !== undefined) schema.dateOrder = guess.dateOrder;
  return schema;
}
