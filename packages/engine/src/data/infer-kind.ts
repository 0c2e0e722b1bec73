import { parseNumber } from "./cells.ts";
import { type DateOrder, dayMonthOrder, parseDate } from "./dates.ts";
import { formatCount, quoteValue } from "./format.ts";
import type { ColumnProfile } from "./profile.ts";
import type { NumericValue } from "./sentinels.ts";
import type { ColumnKind } from "./types.ts";

/** A distinct present value of a numeric column, with its spelling in the file. */
export interface NumericEntry extends NumericValue {
  text: string;
}

/** Identifiers need more rows than this (with fewer, "all distinct" says little). */
export const IDENTIFIER_MIN_ROWS = 20;
/** Ordinal columns have at most this many distinct values. */
export const ORDINAL_MAX_LEVELS = 10;
/** Text columns have more distinct values than this share of present rows … */
export const TEXT_DISTINCT_SHARE = 0.5;
/** … and more than this many distinct values … */
export const TEXT_MIN_DISTINCT = 50;
/** … and at least this share of present values made of several words. */
export const TEXT_MULTIWORD_SHARE = 0.5;

/** Values that read as the negative class / the "off" level of a flag (compared lower-case). */
const NEGATIVE_LOOKING = new Set(["0", "no", "false", "n", "f", "negative", "off"]);

/**
 * The present values as numbers sorted ascending, or undefined when one of them is not a
 * number (parseNumber). Two spellings of one number ("1", "1.0") are merged, keeping the
 * more frequent spelling.
 */
export function numericEntries(counts: ReadonlyMap<string, number>): NumericEntry[] | undefined {
  const byValue = new Map<number, NumericEntry>();
  for (const [text, count] of counts) {
    const value = parseNumber(text);
    if (Number.isNaN(value)) return undefined;
    const entry = byValue.get(value);
    if (entry === undefined) byValue.set(value, { value, count, text });
    else {
      if (count > entry.count) entry.text = text;
      entry.count += count;
    }
  }
  return [...byValue.values()].sort((a, b) => a.value - b.value);
}

/** Binary levels: a negative-looking value (0/no/false/n/f) first, otherwise sorted. */
export function orderBinaryLevels(values: readonly string[]): string[] {
  const [a, b] = values;
  if (a === undefined || b === undefined) return [...values];
  const negative = (v: string) => NEGATIVE_LOOKING.has(v.toLowerCase()) || parseNumber(v) === 0;
  if (negative(a) !== negative(b)) return negative(a) ? [a, b] : [b, a];
  const x = parseNumber(a);
  const y = parseNumber(b);
  if (!Number.isNaN(x) && !Number.isNaN(y)) return x <= y ? [a, b] : [b, a];
  return a < b ? [a, b] : [b, a];
}

/** Categorical levels: most frequent first, ties in code-unit order (deterministic). */
export function orderByFrequency(counts: ReadonlyMap<string, number>): { value: string; count: number }[] {
  return [...counts]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
}

/**
 * Whether every distinct value is a date, and which day/month order the column uses.
 * Year-first values need no order; day-first/month-first values must agree on one order,
 * decided by any value with a part above 12. When no value decides, `fallback` is used (an
 * explicit kind override) or the column is not a date.
 */
export function dateColumnOrder(
  values: Iterable<string>,
  fallback?: DateOrder,
): { ok: true; order?: DateOrder } | { ok: false; value: string; why: string } {
  let order: DateOrder | undefined;
  let undecided: string | undefined;
  const checked: string[] = [];
  for (const value of values) {
    const forced = dayMonthOrder(value);
    if (forced === "invalid") {
      if (Number.isNaN(parseDate(value))) return { ok: false, value, why: "is not a date" };
      continue;
    }
    checked.push(value);
    if (forced === undefined) undecided ??= value;
    else if (order === undefined) order = forced;
    else if (order !== forced) return { ok: false, value, why: "mixes day-first and month-first dates" };
  }
  if (checked.length === 0) return { ok: true };
  order ??= fallback;
  if (order === undefined) {
    return {
      ok: false,
      value: undecided ?? "",
      why: "could be day-first or month-first (no day above 12); set the kind to date to read it day-first",
    };
  }
  for (const value of checked) {
    if (Number.isNaN(parseDate(value, order))) return { ok: false, value, why: "is not a date" };
  }
  return { ok: true, order };
}

export interface KindGuess {
  kind: ColumnKind;
  levels?: string[];
  dateOrder?: DateOrder;
  reason: string;
}

const MULTI_WORD = /\S\s+\S/;

function looksLikeIdNumbers(numeric: NumericEntry[]): boolean {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const { value } of numeric) {
    if (value < min) min = value;
    if (value > max) max = value;
  }
  if (max - min + 1 <= 1.5 * numeric.length) return true;
  const digits = (value: number) => String(Math.abs(value)).length;
  const width = digits(min);
  return min >= 0 && width >= 5 && digits(max) === width;
}

function percent(part: number, whole: number): string {
  return `${Number(((100 * part) / whole).toFixed(1))} %`;
}

/**
 * The inference rules, first match wins:
 *   1. constant     at most one distinct present value
 *   2. binary       exactly two distinct present values
 *   3. numbers (every present value parses with parseNumber; sentinels set aside):
 *      identifier   integers, all distinct, more than 20 rows, and either a dense run
 *                   (max − min + 1 ≤ 1.5 × rows, like row numbers) or all with the same number
 *                   of digits, at least 5 (account numbers); sparse distinct integers such as
 *                   amounts in cents stay numeric
 *      ordinal      integers, 2..10 distinct values spanning a consecutive range with at
 *                   most one gap (1..3, 1..4, 0,1,2,4)
 *      numeric      otherwise
 *   4. date         every present value is a date (see dates.ts)
 *   5. text         distinct > 50 % of present rows, > 50 distinct, ≥ 50 % multi-word values
 *   6. identifier   all present values distinct, more than 20 rows
 *   7. categorical  otherwise
 */
export function inferKind(
  profile: ColumnProfile,
  numeric: NumericEntry[] | undefined,
  sentinels: readonly number[],
): KindGuess {
  const { counts, present } = profile;
  const distinct = counts.size;
  if (distinct === 0) return { kind: "constant", reason: "no values: every row is missing" };
  if (distinct === 1) {
    const [value] = counts.keys();
    return { kind: "constant", reason: `one value, ${quoteValue(value ?? "")}, in every row that has one` };
  }
  if (distinct === 2) {
    const levels = orderBinaryLevels([...counts.keys()]);
    return {
      kind: "binary",
      levels,
      reason: `two values: ${levels.map((v) => quoteValue(v)).join(" and ")}`,
    };
  }
  const unique = distinct === present && present > IDENTIFIER_MIN_ROWS;
  if (numeric) {
    const integers = numeric.every((entry) => Number.isInteger(entry.value));
    if (integers && unique && looksLikeIdNumbers(numeric)) {
      return {
        kind: "identifier",
        reason: `whole numbers, all ${formatCount(present)} distinct (one per row)`,
      };
    }
    const regular = numeric.filter((entry) => !sentinels.includes(entry.value));
    const first = regular[0];
    const last = regular[regular.length - 1];
    if (
      integers &&
      first &&
      last &&
      regular.length >= 2 &&
      regular.length <= ORDINAL_MAX_LEVELS &&
      last.value - first.value + 1 <= regular.length + 1
    ) {
      return {
        kind: "ordinal",
        levels: regular.map((entry) => entry.text),
        reason: `${regular.length} whole-number levels from ${first.text} to ${last.text}`,
      };
    }
    return { kind: "numeric", reason: `all ${formatCount(present)} present values are numbers` };
  }
  const dates = dateColumnOrder(counts.keys());
  if (dates.ok) {
    const guess: KindGuess = { kind: "date", reason: `all ${formatCount(present)} present values are dates` };
    if (dates.order) guess.dateOrder = dates.order;
    return guess;
  }
  if (distinct > TEXT_DISTINCT_SHARE * present && distinct > TEXT_MIN_DISTINCT) {
    let multiWord = 0;
    for (const [value, count] of counts) if (MULTI_WORD.test(value)) multiWord += count;
    if (multiWord >= TEXT_MULTIWORD_SHARE * present) {
      return {
        kind: "text",
        reason: `free text: ${formatCount(distinct)} distinct values in ${formatCount(present)} rows, ${percent(multiWord, present)} with several words`,
      };
    }
  }
  if (unique)
    return { kind: "identifier", reason: `all ${formatCount(present)} values distinct (one per row)` };
  return {
    kind: "categorical",
    levels: orderByFrequency(counts).map((entry) => entry.value),
    reason: `${formatCount(distinct)} distinct values that are not numbers`,
  };
}
