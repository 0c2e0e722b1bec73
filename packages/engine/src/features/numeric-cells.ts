import { isMissing, parseNumber } from "../data/cells.ts";
import { MEMO_LIMIT } from "./raw-texts.ts";

/** `read` results other than a sentinel's index (0, 1, …). */
export const CELL_VALUE = -1;
export const CELL_MISSING = -2;
export const CELL_BAD = -3;

interface Reading {
  code: number;
  value: number;
}

/**
 * Reads the cells of a numeric or ordinal feature the way the schema defines them: a missing
 * marker (after trim) is missing; an ordinal with levels maps a level to its position; otherwise
 * the text must parse as a finite number (`parseNumber`), and a number listed in the sentinels
 * is that sentinel, not a value.
 */
export class NumericCellReader {
  /** The number read by the last `read` that returned CELL_VALUE. */
  value = 0;
  private readonly markers: ReadonlySet<string>;
  private readonly sentinels: ReadonlyMap<number, number>;
  private readonly levels: ReadonlyMap<string, number> | undefined;
  private readonly memo = new Map<string, Reading>();

  constructor(markers: readonly string[], sentinels: readonly number[], levels?: readonly string[]) {
    this.markers = new Set(markers);
    this.sentinels = new Map(sentinels.map((value, i) => [value, i]));
    this.levels = levels && new Map(levels.map((level, i) => [level.trim(), i]));
  }

  /** CELL_VALUE (see `value`), CELL_MISSING, CELL_BAD, or the index of the sentinel found. */
  read(raw: string): number {
    const known = this.memo.get(raw);
    if (known !== undefined) {
      this.value = known.value;
      return known.code;
    }
    const code = this.parse(raw);
    if (this.memo.size < MEMO_LIMIT) this.memo.set(raw, { code, value: this.value });
    return code;
  }

  private parse(raw: string): number {
    const text = raw.trim();
    if (isMissing(text, this.markers)) return CELL_MISSING;
    const position = this.levels?.get(text);
    if (position !== undefined) {
      this.value = position;
      return CELL_VALUE;
    }
    const number = parseNumber(text);
    if (!Number.isFinite(number)) return CELL_BAD;
    const sentinel = this.sentinels.get(number);
    if (sentinel !== undefined) return sentinel;
    if (this.levels !== undefined) return CELL_BAD;
    this.value = number;
    return CELL_VALUE;
  }
}
