import { KindredError } from "../errors/index.ts";
import { adjustedRandFromCounts } from "./adjusted-rand-index.ts";

export interface CrossTabRow {
  /** Name of the segment in the first segmentation (e.g. a k-means persona). */
  a: string;
  /** Name of the segment in the second (e.g. a business persona). */
  b: string;
  /** Rows in both. */
  count: number;
  /** count / size of a: where the rows of a went. */
  shareOfA: number;
  /** count / size of b: where the rows of b came from. */
  shareOfB: number;
}

export interface SegmentationComparison {
  /** Every (a, b) pair, a-major in name order, zero counts included (a full grid). */
  table: CrossTabRow[];
  /** Agreement of the two partitions: 1 identical, ~0 unrelated (see `adjustedRandIndex`). */
  adjustedRandIndex: number;
}

function checkLabels(labels: Int32Array, names: readonly string[], field: string): void {
  for (let r = 0; r < labels.length; r++) {
    const v = labels[r]!;
    if (v < 0 || v >= names.length) {
      throw new KindredError(
        "INVALID_CONFIG",
        `${field}[${r}] is ${v}, but ${field} has ${names.length} segment names (ids 0..${names.length - 1})`,
        { field, row: r + 1 },
      );
    }
  }
}

/**
 * Cross-tabulates two segmentations of the same rows — the share table shown beside the k-means
 * personas (how each k-means persona splits over the business personas, and back) — with the
 * adjusted Rand index of their agreement.
 */
export function compareSegmentations(
  a: Int32Array,
  aNames: readonly string[],
  b: Int32Array,
  bNames: readonly string[],
): SegmentationComparison {
  if (a.length !== b.length) {
    throw new KindredError(
      "INVALID_CONFIG",
      `the segmentations cover different rows: ${a.length} and ${b.length}`,
      { field: "b" },
    );
  }
  checkLabels(a, aNames, "a");
  checkLabels(b, bNames, "b");
  const ka = aNames.length;
  const kb = bNames.length;
  const counts = new Float64Array(ka * kb);
  for (let r = 0; r < a.length; r++) counts[a[r]! * kb + b[r]!]! += 1;
  const sizeA = new Float64Array(ka);
  const sizeB = new Float64Array(kb);
  for (let i = 0; i < ka; i++) {
    for (let j = 0; j < kb; j++) {
      sizeA[i]! += counts[i * kb + j]!;
      sizeB[j]! += counts[i * kb + j]!;
    }
  }
  const table: CrossTabRow[] = [];
  for (let i = 0; i < ka; i++) {
    for (let j = 0; j < kb; j++) {
      const count = counts[i * kb + j]!;
      table.push({
        a: aNames[i]!,
        b: bNames[j]!,
        count,
        shareOfA: sizeA[i] === 0 ? 0 : count / sizeA[i]!,
        shareOfB: sizeB[j] === 0 ? 0 : count / sizeB[j]!,
      });
    }
  }
  return { table, adjustedRandIndex: adjustedRandFromCounts(counts, ka, kb) };
}
