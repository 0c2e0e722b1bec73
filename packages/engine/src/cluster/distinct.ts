import type { Points } from "./types.ts";

/**
 * Counts the distinct rows of `points`, stopping as soon as `limit` are found (so the usual case,
 * where the first rows already differ, costs almost nothing). Rows are hashed (FNV-1a over the
 * float bits, −0 folded onto 0) and compared exactly within a hash bucket.
 */
export function countDistinctRows(points: Points, limit: number): number {
  const { data, rows, cols } = points;
  const bits = new Uint32Array(1);
  const value = new Float32Array(bits.buffer);
  const buckets = new Map<number, number[]>();
  let distinct = 0;
  for (let r = 0; r < rows && distinct < limit; r++) {
    const offset = r * cols;
    let hash = 0x811c9dc5;
    for (let c = 0; c < cols; c++) {
      value[0] = (data[offset + c] as number) + 0;
      hash = Math.imul(hash ^ (bits[0] as number), 0x01000193);
    }
    const bucket = buckets.get(hash);
    if (bucket === undefined) {
      buckets.set(hash, [r]);
      distinct++;
    } else if (!bucket.some((other) => sameRow(data, other * cols, offset, cols))) {
      bucket.push(r);
      distinct++;
    }
  }
  return distinct;
}

function sameRow(data: Float32Array, a: number, b: number, cols: number): boolean {
  for (let c = 0; c < cols; c++) if (data[a + c] !== data[b + c]) return false;
  return true;
}
