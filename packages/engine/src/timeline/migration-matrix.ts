import { KindredError } from "../errors/index.ts";
import { indexNames } from "./check-names.ts";

/** The segment of every customer at one point in time. */
export interface SegmentSnapshot {
  /** Customer keys, unique within the snapshot. */
  keys: readonly string[];
  /** Segment index into `names` per key; −1 is noise / unassigned. */
  labels: ArrayLike<number>;
  /** Segment names, unique; segments of two snapshots are matched by name. */
  names: readonly string[];
}

export interface MigrationMatrix {
  /** Before names, then NOISE_NAME if any label is −1 and it is not already a name, then NEW_NAME. */
  from: string[];
  /** After names, then NOISE_NAME (as for `from`), then GONE_NAME. */
  to: string[];
  /** counts[i][j]: customers in segment from[i] before and to[j] after. */
  counts: number[][];
  /** Customers in both snapshots whose segment name did not change. */
  stayed: number;
  /** Customers in both snapshots. */
  common: number;
  /** stayed / common; 0 when no customer is in both. */
  stability: number;
  /** Customers only in the after snapshot (row NEW_NAME). */
  entered: number;
  /** Customers only in the before snapshot (column GONE_NAME). */
  left: number;
}

/** Name of label −1 (noise or unassigned). */
export const NOISE_NAME = "Noise";
/** Row of customers that are only in the after snapshot. */
export const NEW_NAME = "(new)";
/** Column of customers that are only in the before snapshot. */
export const GONE_NAME = "(gone)";

interface IndexedSnapshot {
  /** Names with NOISE_NAME appended when needed. */
  names: string[];
  /** key → index into `names`. */
  segmentOf: Map<string, number>;
}

/**
 * Where customers went between two snapshots of segment assignments: a from × to count matrix
 * with a row for newcomers and a column for leavers, plus how many kept their segment.
 * Customers are matched by key and segments by name, so both k-means personas named
 * consistently across runs and named business (RFM) segments line up, whatever their indices.
 *
 * Errors (INVALID_CONFIG): a key twice in one snapshot (row of the second occurrence), labels
 * and keys of different lengths, a label outside −1..names.length − 1, a name twice.
 */
export function migrationMatrix(before: SegmentSnapshot, after: SegmentSnapshot): MigrationMatrix {
  const b = indexSnapshot(before, "before");
  const a = indexSnapshot(after, "after");
  const from = [...b.names, NEW_NAME];
  const to = [...a.names, GONE_NAME];
  const counts = from.map(() => to.map(() => 0));
  const newRow = counts[b.names.length] as number[];
  const gone = a.names.length;
  let stayed = 0;
  let common = 0;
  let left = 0;
  for (const [key, i] of b.segmentOf) {
    const row = counts[i] as number[];
    const j = a.segmentOf.get(key);
    if (j === undefined) {
      row[gone] = (row[gone] as number) + 1;
      left++;
      continue;
    }
    row[j] = (row[j] as number) + 1;
    common++;
    if (b.names[i] === a.names[j]) stayed++;
  }
  let entered = 0;
  for (const [key, j] of a.segmentOf) {
    if (b.segmentOf.has(key)) continue;
    newRow[j] = (newRow[j] as number) + 1;
    entered++;
  }
  return {
    from,
    to,
    counts,
    stayed,
    common,
    stability: common === 0 ? 0 : stayed / common,
    entered,
    left,
  };
}

function indexSnapshot(snapshot: SegmentSnapshot, side: string): IndexedSnapshot {
  const { keys, labels } = snapshot;
  const nameIndex = indexNames(snapshot.names, `${side}.names`);
  const names = [...snapshot.names];
  if (labels.length !== keys.length) {
    throw new KindredError(
      "INVALID_CONFIG",
      `${side} has ${keys.length} keys but ${labels.length} labels; expected one label per key`,
      { field: `${side}.labels` },
    );
  }
  let noise = nameIndex.get(NOISE_NAME) ?? -1;
  const segmentOf = new Map<string, number>();
  for (let r = 0; r < keys.length; r++) {
    const key = keys[r] as string;
    const label = labels[r] as number;
    if (!Number.isInteger(label) || label < -1 || label >= snapshot.names.length) {
      throw new KindredError(
        "INVALID_CONFIG",
        `${side} label of row ${r + 1} is ${label}, expected −1 (noise) or a segment index 0..${snapshot.names.length - 1}`,
        { field: `${side}.labels`, row: r + 1 },
      );
    }
    if (segmentOf.has(key)) {
      throw new KindredError(
        "INVALID_CONFIG",
        `${side} lists customer "${key}" twice (rows ${keys.indexOf(key) + 1} and ${r + 1})`,
        { field: `${side}.keys`, row: r + 1 },
      );
    }
    if (label === -1 && noise === -1) {
      noise = names.length;
      names.push(NOISE_NAME);
    }
    segmentOf.set(key, label === -1 ? noise : label);
  }
  return { names, segmentOf };
}
