import { squaredDistanceToCenter } from "./distance.ts";
import type { Seeding } from "./kmeans-plus-plus.ts";
import {
  addRow,
  centerDistances,
  createPartition,
  halfGaps,
  moveCenters,
  moveRow,
  type Partition,
  partitionInertia,
  reseedEmpty,
} from "./partition.ts";
import type { KMeansResult, Points } from "./types.ts";

/**
 * Bounds on row–centre distances, all stored in "drift form" so that moving the centres costs
 * O(k), not O(rows × k): drift[j] is the total distance centre j has travelled, farSum the sum
 * over iterations of the largest move of any centre.
 */
interface Bounds {
  /** Upper bound on the distance to the own centre, minus drift[own]. */
  upper: Float64Array;
  /** Lower bound on the distance to every other centre (Hamerly's), plus farSum. */
  other: Float64Array;
  /** rows × k: lower bound on the distance to centre j (Elkan's), plus drift[j]. */
  lower: Float64Array;
  drift: Float64Array;
  farSum: number;
  gaps: Float64Array;
  halfGap: Float64Array;
  /** k scratch values (per-row lower bounds). */
  scratch: Float64Array;
}

/**
 * Lloyd's k-means from a k-means++ seeding (its first k centres), accelerated with bounds so that
 * a row–centre distance is only computed when the triangle inequality cannot rule the centre
 * out. Same assignments as plain Lloyd (up to exact ties).
 *
 * Per row: an upper bound u on the distance to its centre, Hamerly's lower bound on the distance
 * to any other centre, and Elkan's lower bound per centre (rows × k). A row is skipped when
 * u ≤ max(Hamerly bound, half the gap from its centre to the nearest other centre). Otherwise u
 * is tightened; if that does not settle it, the row gets its exact nearest and second-nearest
 * centre, measuring only the centres whose Elkan bound (or gap − u) is below the second-nearest
 * distance found so far, so its bounds are exact again. The starting bounds come from the
 * seeding, so the first assignment measures nothing.
 *
 * Iteration = update the centres (empty clusters re-seeded first), loosen the bounds, assign.
 * Stops when no row moves or when the summed squared centre shift is ≤ `toleranceAbs`; the
 * final assignment pass always follows the last centre update, so labels match the centres.
 */
export function lloydElkan(
  x: Points,
  seeding: Seeding,
  k: number,
  maxIterations: number,
  toleranceAbs: number,
): KMeansResult {
  const p = createPartition(x, seeding.centers.subarray(0, k * x.cols), k);
  const bounds: Bounds = {
    upper: new Float64Array(x.rows),
    other: new Float64Array(x.rows),
    lower: new Float64Array(x.rows * k),
    drift: new Float64Array(k),
    farSum: 0,
    gaps: new Float64Array(k * k),
    halfGap: new Float64Array(k),
    scratch: new Float64Array(k),
  };
  assignFromSeeding(p, bounds, seeding);
  let iterations = 0;
  while (iterations < maxIterations) {
    iterations++;
    for (const row of reseedEmpty(p)) {
      // Its new centre will be the row itself: distance 0 before the move, nothing known else.
      bounds.upper[row] = -(bounds.drift[p.labels[row] as number] as number);
      bounds.other[row] = bounds.farSum;
    }
    const shift = moveCenters(p);
    shiftBounds(p, bounds);
    const changed = assignBounded(p, bounds);
    if (changed === 0 || shift <= toleranceAbs) break;
  }
  // The last pass may have emptied a cluster: re-seed it and take the means once more.
  if (reseedEmpty(p).length > 0) moveCenters(p);
  return { labels: p.labels, centroids: p.centers, inertia: partitionInertia(p), iterations };
}

/** First assignment from the seeding's distances and bounds: the nearest is exact, no distance computed. */
function assignFromSeeding(p: Partition, b: Bounds, seeding: Seeding): void {
  const { rows: n } = p.x;
  const { labels, k } = p;
  const { lower, upper, other } = b;
  const { distances, k: stride } = seeding;
  for (let i = 0; i < n; i++) {
    const so = i * stride;
    const lo = i * k;
    let best = 0;
    let bestDistance = Number.POSITIVE_INFINITY;
    let secondDistance = Number.POSITIVE_INFINITY;
    for (let j = 0; j < k; j++) {
      const distance = distances[so + j] as number;
      lower[lo + j] = distance;
      if (distance < bestDistance) {
        secondDistance = bestDistance;
        bestDistance = distance;
        best = j;
      } else if (distance < secondDistance) {
        secondDistance = distance;
      }
    }
    labels[i] = best;
    upper[i] = bestDistance;
    other[i] = secondDistance;
    addRow(p, i, best);
  }
}

/** After the centres moved: loosen the bounds by the distances moved (triangle inequality). */
function shiftBounds(p: Partition, b: Bounds): void {
  const { moved, k } = p;
  let far = 0;
  for (let j = 0; j < k; j++) {
    const move = moved[j] as number;
    b.drift[j] = (b.drift[j] as number) + move;
    if (move > far) far = move;
  }
  b.farSum += far;
  centerDistances(p, b.gaps);
  halfGaps(b.gaps, k, b.halfGap);
}

/**
 * One bounded assignment pass; returns how many rows changed cluster. A row that fails the
 * Hamerly test gets its exact nearest and second-nearest centre, measuring only the centres whose
 * lower bound is below the second-nearest distance found so far (the smallest bound first), so
 * its bounds are exact again and it usually passes the next iterations for free.
 */
function assignBounded(p: Partition, b: Bounds): number {
  const { data, rows: n, cols: d } = p.x;
  const { centers, labels, k } = p;
  const { lower, upper, other, drift, gaps, halfGap, scratch } = b;
  const farSum = b.farSum;
  let changed = 0;
  for (let i = 0; i < n; i++) {
    const own = labels[i] as number;
    const ownDrift = drift[own] as number;
    const gap = halfGap[own] as number;
    const otherBound = (other[i] as number) - farSum;
    const bound = gap > otherBound ? gap : otherBound;
    if ((upper[i] as number) + ownDrift <= bound) continue; // no other centre can be closer
    const io = i * d;
    const lo = i * k;
    const u = Math.sqrt(squaredDistanceToCenter(data, io, centers, own * d, d));
    lower[lo + own] = u + ownDrift;
    if (u <= bound) {
      upper[i] = u - ownDrift;
      continue;
    }
    // Lower bound per other centre: Elkan's, or ‖c_own − c_j‖ − u (triangle inequality).
    let first = -1;
    for (let j = 0; j < k; j++) {
      if (j === own) continue;
      let low = (lower[lo + j] as number) - (drift[j] as number);
      const viaGap = (gaps[own * k + j] as number) - u;
      if (viaGap > low) low = viaGap;
      scratch[j] = low;
      if (first < 0 || low < (scratch[first] as number)) first = j;
    }
    let label = own;
    let best = u;
    let second = Number.POSITIVE_INFINITY;
    for (let step = first < 0 ? 0 : -1; step < k; step++) {
      const j = step < 0 ? first : step;
      if (j === own || (step >= 0 && j === first) || (scratch[j] as number) >= second) continue;
      const distance = Math.sqrt(squaredDistanceToCenter(data, io, centers, j * d, d));
      lower[lo + j] = distance + (drift[j] as number);
      if (distance < best) {
        second = best;
        best = distance;
        label = j;
      } else if (distance < second) {
        second = distance;
      }
    }
    upper[i] = best - (drift[label] as number);
    other[i] = second + farSum;
    if (label !== own) {
      moveRow(p, i, own, label);
      changed++;
    }
  }
  return changed;
}
