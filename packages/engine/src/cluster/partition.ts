import { squaredDistanceCenters, squaredDistanceToCenter } from "./distance.ts";
import type { Points } from "./types.ts";

/** Lloyd state shared by the accelerated variants: centres, labels and Float64 cluster sums. */
export interface Partition {
  x: Points;
  k: number;
  centers: Float64Array;
  labels: Int32Array;
  sums: Float64Array;
  counts: Int32Array;
  /** Distance each centre moved in the last `moveCenters`. */
  moved: Float64Array;
}

export function createPartition(x: Points, initial: Float64Array, k: number): Partition {
  return {
    x,
    k,
    centers: Float64Array.from(initial),
    labels: new Int32Array(x.rows),
    sums: new Float64Array(k * x.cols),
    counts: new Int32Array(k),
    moved: new Float64Array(k),
  };
}

/** Adds row i to cluster `label`'s sum and count (the label array is the caller's). */
export function addRow(p: Partition, i: number, label: number): void {
  const { data, cols: d } = p.x;
  const { sums } = p;
  const io = i * d;
  const lo = label * d;
  for (let t = 0; t < d; t++) sums[lo + t] = (sums[lo + t] as number) + (data[io + t] as number);
  p.counts[label] = (p.counts[label] as number) + 1;
}

/** Moves row i from cluster `from` to `to`: sums, counts and label. */
export function moveRow(p: Partition, i: number, from: number, to: number): void {
  const { data, cols: d } = p.x;
  const { sums } = p;
  const io = i * d;
  const fo = from * d;
  const to_ = to * d;
  for (let t = 0; t < d; t++) {
    const value = data[io + t] as number;
    sums[fo + t] = (sums[fo + t] as number) - value;
    sums[to_ + t] = (sums[to_ + t] as number) + value;
  }
  p.counts[from] = (p.counts[from] as number) - 1;
  p.counts[to] = (p.counts[to] as number) + 1;
  p.labels[i] = to;
}

/** Centres ← cluster means; fills `moved`; returns the summed squared shift. */
export function moveCenters(p: Partition): number {
  const { centers, sums, counts, moved, k } = p;
  const d = p.x.cols;
  let shift = 0;
  for (let j = 0; j < k; j++) {
    const jo = j * d;
    const count = counts[j] as number;
    let sq = 0;
    for (let t = 0; t < d; t++) {
      const next = (sums[jo + t] as number) / count;
      const diff = next - (centers[jo + t] as number);
      sq += diff * diff;
      centers[jo + t] = next;
    }
    shift += sq;
    moved[j] = Math.sqrt(sq);
  }
  return shift;
}

/**
 * Moves the row farthest from its centre into each empty cluster (scikit-learn's rule), taking
 * rows only from clusters of two or more. Returns the rows moved so the caller can reset their
 * bounds.
 */
export function reseedEmpty(p: Partition): number[] {
  const { counts, labels, centers, k } = p;
  if (!counts.includes(0)) return [];
  const { data, rows: n, cols: d } = p.x;
  const distance = new Float64Array(n);
  for (let i = 0; i < n; i++)
    distance[i] = squaredDistanceToCenter(data, i * d, centers, (labels[i] as number) * d, d);
  const movedRows: number[] = [];
  for (let j = 0; j < k; j++) {
    if (counts[j] !== 0) continue;
    let far = -1;
    for (let i = 0; i < n; i++) {
      const donor = counts[labels[i] as number] as number;
      if (donor > 1 && (far < 0 || (distance[i] as number) > (distance[far] as number))) far = i;
    }
    if (far < 0) break; // more clusters than rows: excluded by validation
    moveRow(p, far, labels[far] as number, j);
    distance[far] = -1;
    movedRows.push(far);
  }
  return movedRows;
}

/** Σ squared distance of each row to its centre, computed exactly. */
export function partitionInertia(p: Partition): number {
  const { data, rows: n, cols: d } = p.x;
  let inertia = 0;
  for (let i = 0; i < n; i++)
    inertia += squaredDistanceToCenter(data, i * d, p.centers, (p.labels[i] as number) * d, d);
  return inertia;
}

/** centerGap[a·k + b] = distance between centres a and b. */
export function centerDistances(p: Partition, out: Float64Array): void {
  const { centers, k } = p;
  const d = p.x.cols;
  for (let a = 0; a < k; a++) {
    out[a * k + a] = 0;
    for (let b = a + 1; b < k; b++) {
      const gap = Math.sqrt(squaredDistanceCenters(centers, a * d, b * d, d));
      out[a * k + b] = gap;
      out[b * k + a] = gap;
    }
  }
}

/** halfGap[a] = ½ · distance from centre a to its nearest other centre (∞ when k = 1). */
export function halfGaps(gaps: Float64Array, k: number, out: Float64Array): void {
  for (let a = 0; a < k; a++) {
    let nearest = Number.POSITIVE_INFINITY;
    for (let b = 0; b < k; b++) {
      const gap = gaps[a * k + b] as number;
      if (b !== a && gap < nearest) nearest = gap;
    }
    out[a] = nearest / 2;
  }
}
