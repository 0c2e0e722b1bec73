import { isMissing } from "../data/cells.ts";
import type { ColumnSchema } from "../data/types.ts";
import { KindredError } from "../errors/index.ts";
import { countRaw, MEMO_LIMIT } from "./raw-texts.ts";
import { badValue } from "./table-access.ts";
import type { BinaryEncoding } from "./types.ts";

/** Where a cell goes: ZERO or ONE (value column), MISSING (indicator column), or BAD. */
const ZERO = 0;
const ONE = 1;
const MISSING = 2;
const BAD = -1;

/**
 * Fits a binary feature: its two levels are the schema's `levels` when it lists two, else the
 * distinct (trimmed) train values in code-unit order (so "no"/"yes" → yes = 1, "0"/"1" → 1 = 1).
 */
export function fitBinary(
  column: ColumnSchema,
  cells: readonly string[],
  trainRows: ArrayLike<number>,
): BinaryEncoding {
  const name = column.name;
  const markers = new Set(column.missingMarkers);
  const seen = new Set<string>();
  for (const raw of countRaw(cells, trainRows).keys()) {
    const text = raw.trim();
    if (!isMissing(text, markers)) seen.add(text);
  }
  const schemaLevels = column.levels?.map((level) => level.trim()) ?? [];
  const levels = schemaLevels.length > 0 ? schemaLevels : [...seen].sort();
  if (levels.length !== 2 || levels[0] === levels[1]) {
    const source = schemaLevels.length > 0 ? "the schema lists" : "the train rows hold";
    throw new KindredError(
      "INVALID_CONFIG",
      `binary column "${name}" needs exactly 2 levels, but ${source} ${levels.length}: ${levels.map((l) => `"${l}"`).join(", ")}`,
      { column: name },
    );
  }
  const encoding: BinaryEncoding = {
    feature: name,
    kind: "binary",
    missingMarkers: [...column.missingMarkers],
    levels: [levels[0]!, levels[1]!],
    missingIndicator: column.missingMarkers.length > 0,
    columns: [`${name}=${levels[1]}`, ...(column.missingMarkers.length > 0 ? [`${name}__missing`] : [])],
  };
  // Train values outside the schema's levels are reported now rather than at transform time.
  writeBinary(
    encoding,
    cells,
    trainRows,
    new Float32Array(encoding.columns.length * trainRows.length),
    encoding.columns.length,
    0,
  );
  return encoding;
}

export function writeBinary(
  encoding: BinaryEncoding,
  cells: readonly string[],
  rows: ArrayLike<number>,
  data: Float32Array,
  stride: number,
  offset: number,
): void {
  const markers = new Set(encoding.missingMarkers);
  const [negative, positive] = encoding.levels;
  const memo = new Map<string, number>();
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const raw = cells[r] ?? "";
    let slot = memo.get(raw);
    if (slot === undefined) {
      slot = slotOf(encoding, markers, raw.trim());
      if (memo.size < MEMO_LIMIT) memo.set(raw, slot);
    }
    const base = i * stride + offset;
    if (slot === ONE) data[base] = 1;
    else if (slot === MISSING) data[base + 1] = 1;
    else if (slot === BAD) throw badValue(encoding.feature, r, raw, `is not "${negative}" or "${positive}"`);
  }
}

function slotOf(encoding: BinaryEncoding, markers: ReadonlySet<string>, text: string): number {
  if (encoding.missingIndicator && isMissing(text, markers)) return MISSING;
  if (text === encoding.levels[1]) return ONE;
  if (text === encoding.levels[0]) return ZERO;
  return BAD;
}
