import { isMissing } from "../data/cells.ts";
import type { ColumnSchema } from "../data/types.ts";
import { countRaw, MEMO_LIMIT } from "./raw-texts.ts";
import type { CategoricalEncoding } from "./types.ts";

export const RARE_LEVEL = "__rare__";
export const MISSING_LEVEL = "__missing__";

/**
 * Fits a categorical feature on the train rows: a (trimmed) level is kept when its train count
 * is ≥ minLevelCount and its share of all train rows (missing included) is ≥ minLevelShare.
 * Kept levels are ordered by descending count, ties in code-unit order.
 */
export function fitCategorical(
  column: ColumnSchema,
  cells: readonly string[],
  trainRows: ArrayLike<number>,
  minLevelCount: number,
  minLevelShare: number,
): CategoricalEncoding {
  const name = column.name;
  const markers = new Set(column.missingMarkers);
  const counts = new Map<string, number>();
  let missing = 0;
  for (const [raw, count] of countRaw(cells, trainRows)) {
    const text = raw.trim();
    if (isMissing(text, markers)) missing += count;
    else counts.set(text, (counts.get(text) ?? 0) + count);
  }
  const total = trainRows.length;
  const ranked = [...counts].sort(([a, ca], [b, cb]) => cb - ca || (a < b ? -1 : a > b ? 1 : 0));
  const levels = ranked
    .filter(([, count]) => count >= minLevelCount && count / total >= minLevelShare)
    .map(([level]) => level);
  const missingLevel = missing > 0;
  return {
    feature: name,
    kind: "categorical",
    missingMarkers: [...column.missingMarkers],
    levels,
    rareLevelCount: counts.size - levels.length,
    missingLevel,
    columns: [
      ...levels.map((level) => `${name}=${level}`),
      `${name}=${RARE_LEVEL}`,
      ...(missingLevel ? [`${name}=${MISSING_LEVEL}`] : []),
    ],
  };
}

/** One-hot: kept level → its column; rare or unseen → rare column; missing → missing column (else rare). */
export function writeCategorical(
  encoding: CategoricalEncoding,
  cells: readonly string[],
  rows: ArrayLike<number>,
  data: Float32Array,
  stride: number,
  offset: number,
): void {
  const markers = new Set(encoding.missingMarkers);
  const index = new Map(encoding.levels.map((level, i) => [level, i]));
  const rareAt = encoding.levels.length;
  const missingAt = encoding.missingLevel ? rareAt + 1 : rareAt;
  // Column of each distinct raw text, so repeated cells skip trimming and the two lookups.
  const memo = new Map<string, number>();
  for (let i = 0; i < rows.length; i++) {
    const raw = cells[rows[i]!] ?? "";
    let at = memo.get(raw);
    if (at === undefined) {
      const text = raw.trim();
      at = isMissing(text, markers) ? missingAt : (index.get(text) ?? rareAt);
      if (memo.size < MEMO_LIMIT) memo.set(raw, at);
    }
    data[i * stride + offset + at] = 1;
  }
}
