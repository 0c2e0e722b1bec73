import { squaredDistanceToCenter } from "./distance.ts";
import type { Seeding } from "./kmeans-plus-plus.ts";
import {
  addRow,
  centerDistances,
  createPartition,
  halfGaps,
  moveCenters,
  moveRow,
  partitionInertia,
  reseedEmpty,
} from "./partition.ts";
import type { KMeansResult, Points } from "./types.ts";

/**
 * Lloyd's k-means with Hamerly's bounds (2010): per row one upper bound (own centre) and one
 * lower bound (any other centre), so memory stays O(rows) for large k, where Elkan's rows × k
 * bounds would not fit. Same iteration and stopping rule as `lloydElkan`.
 */
export function lloydHamerly(
  x: Points,
  seeding: Seeding,
  k: number,
  maxIterations: number,
  toleranceAbs: number,
): KMeansResult {
  const { data, rows: n, cols: d } = x;
  const p = createPartition(x, seeding.centers.subarray(0, k * x.cols), k);
  const { centers, labels, moved } = p;
  const upper = new Float64Array(n);
  const lower = new Float64Array(n);
  const gaps = new Float64Array(k * k);
  const halfGap = new Float64Array(k);

  /** Nearest and second-nearest centre of row i: sets upper/lower, returns the nearest. */
  const nearestTwo = (i: number): number => {
    const io = i * d;
    let best = Number.POSITIVE_INFINITY;
    let second = Number.POSITIVE_INFINITY;
    let label = 0;
    for (let j = 0; j < k; j++) {
      const dist = squaredDistanceToCenter(data, io, centers, j * d, d);
      if (dist < best) {
        second = best;
        best = dist;
        label = j;
      } else if (dist < second) {
        second = dist;
      }
    }
    upper[i] = Math.sqrt(best);
    lower[i] = Math.sqrt(second);
    return label;
  };

  for (let i = 0; i < n; i++) {
    const label = nearestTwo(i);
    labels[i] = label;
    addRow(p, i, label);
  }

  let iterations = 0;
  while (iterations < maxIterations) {
    iterations++;
    for (const row of reseedEmpty(p)) {
      upper[row] = 0;
      lower[row] = 0;
    }
    const shift = moveCenters(p);
    let first = 0;
    let firstMove = -1;
    let secondMove = 0;
    for (let j = 0; j < k; j++) {
      const distance = moved[j] as number;
      if (distance > firstMove) {
        secondMove = Math.max(firstMove, 0);
        firstMove = distance;
        first = j;
      } else if (distance > secondMove) {
        secondMove = distance;
      }
    }
    for (let i = 0; i < n; i++) {
      const label = labels[i] as number;
      upper[i] = (upper[i] as number) + (moved[label] as number);
      lower[i] = (lower[i] as number) - (label === first ? secondMove : firstMove);
    }

    centerDistances(p, gaps);
    halfGaps(gaps, k, halfGap);
    let changed = 0;
    for (let i = 0; i < n; i++) {
      const own = labels[i] as number;
      const gap = halfGap[own] as number;
      const low = lower[i] as number;
      const bound = gap > low ? gap : low;
      if ((upper[i] as number) <= bound) continue;
      const exact = Math.sqrt(squaredDistanceToCenter(data, i * d, centers, own * d, d));
      upper[i] = exact;
      if (exact <= bound) continue;
      const label = nearestTwo(i);
      if (label !== own) {
        moveRow(p, i, own, label);
        changed++;
      }
    }
    if (changed === 0 || shift <= toleranceAbs) break;
  }
  if (reseedEmpty(p).length > 0) moveCenters(p);
  return { labels, centroids: centers, inertia: partitionInertia(p), iterations };
}
