/**
 * Columns repeat the same raw texts many times, so encoders work per distinct raw text: count
 * them once, or remember what a text encodes to (up to MEMO_LIMIT distinct texts per column).
 */
export const MEMO_LIMIT = 65_536;

/** Count of each distinct raw text over `rows` (one map operation per cell). */
export function countRaw(cells: readonly string[], rows: ArrayLike<number>): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i < rows.length; i++) {
    const raw = cells[rows[i]!] ?? "";
    counts.set(raw, (counts.get(raw) ?? 0) + 1);
  }
  return counts;
}
