import type { Rng } from "../random/index.ts";
import { squaredDistanceRows, squaredDistanceToCenter } from "./distance.ts";
import type { Points } from "./types.ts";

/** A k-means++ seeding and what it learned about the rows on the way. */
export interface Seeding {
  /** k × cols centres (copies of rows), Float64. */
  centers: Float64Array;
  /**
   * rows × k: for each row and centre, the exact distance or a lower bound on it. The minimum of
   * a row's first K entries is exact and belongs to its nearest among the first K centres, so
   * Lloyd can start from any prefix without measuring a distance. Empty unless requested.
   */
  distances: Float64Array;
  k: number;
}

/**
 * Greedy k-means++ seeding (scikit-learn's variant): every new centre is the best of 2 + ⌊ln k⌋
 * candidates drawn with probability ∝ D(x)², "best" meaning the lowest
 * resulting potential Σ min D².
 *
 * Exact speed-up: a candidate c cannot become the nearest centre of a row x whose nearest centre
 * m satisfies ‖c − m‖ ≥ 2‖x − m‖ (triangle inequality), so such rows skip the distance and keep
 * ‖c − m‖ − ‖x − m‖ as a lower bound. Needs at least k distinct rows (the caller checks), so the
 * potential stays positive. `keepDistances` keeps those distances and bounds (rows × k Float64)
 * for Elkan's iterations.
 */
export function kMeansPlusPlus(points: Points, k: number, rng: Rng, keepDistances: boolean): Seeding {
  const { data, rows: n, cols: d } = points;
  const trials = 2 + Math.floor(Math.log(k));
  const centers = new Float64Array(k * d);
  const distances = new Float64Array(keepDistances ? n * k : 0);
  const closest = new Float64Array(n);
  const nearest = new Int32Array(n);
  const cumulative = new Float64Array(n);
  /** Squared distance of each row to each trial candidate, −1 where the bound skipped it. */
  const trialSquares = Array.from({ length: trials }, () => new Float64Array(n));
  const trialGaps = Array.from({ length: trials }, () => new Float64Array(k));
  const candidates = new Int32Array(trials);

  const first = Math.min(n - 1, Math.floor(rng() * n));
  copyRow(data, first * d, centers, 0, d);
  for (let i = 0; i < n; i++) {
    const square = squaredDistanceToCenter(data, i * d, centers, 0, d);
    closest[i] = square;
    if (keepDistances) distances[i * k] = Math.sqrt(square);
  }

  for (let c = 1; c < k; c++) {
    let running = 0;
    for (let i = 0; i < n; i++) {
      running += closest[i] as number;
      cumulative[i] = running;
    }
    let bestTrial = 0;
    let bestPotential = Number.POSITIVE_INFINITY;
    for (let t = 0; t < trials; t++) {
      const candidate = drawRow(cumulative, closest, rng() * running);
      candidates[t] = candidate;
      const co = candidate * d;
      const gaps = trialGaps[t] as Float64Array;
      for (let j = 0; j < c; j++) gaps[j] = squaredDistanceToCenter(data, co, centers, j * d, d);
      const squares = trialSquares[t] as Float64Array;
      let potential = 0;
      for (let i = 0; i < n; i++) {
        const current = closest[i] as number;
        // ‖c − m‖² ≥ 4‖x − m‖²  ⇒  ‖x − c‖ ≥ ‖x − m‖: the candidate cannot help this row.
        if ((gaps[nearest[i] as number] as number) >= 4 * current) {
          squares[i] = -1;
          potential += current;
        } else {
          const square = squaredDistanceRows(data, i * d, co, d);
          squares[i] = square;
          potential += square < current ? square : current;
        }
      }
      if (potential < bestPotential) {
        bestPotential = potential;
        bestTrial = t;
      }
    }
    copyRow(data, (candidates[bestTrial] as number) * d, centers, c * d, d);
    const squares = trialSquares[bestTrial] as Float64Array;
    const gaps = trialGaps[bestTrial] as Float64Array;
    for (let i = 0; i < n; i++) {
      const square = squares[i] as number;
      const current = closest[i] as number;
      if (square < 0) {
        if (keepDistances) {
          distances[i * k + c] = Math.sqrt(gaps[nearest[i] as number] as number) - Math.sqrt(current);
        }
      } else {
        if (keepDistances) distances[i * k + c] = Math.sqrt(square);
        if (square < current) {
          closest[i] = square;
          nearest[i] = c;
        }
      }
    }
  }
  return { centers, distances, k };
}

/** First row whose cumulative weight exceeds `target` (binary search), never a zero-weight row. */
function drawRow(cumulative: Float64Array, weights: Float64Array, target: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((cumulative[mid] as number) > target) hi = mid;
    else lo = mid + 1;
  }
  // Rounding can land on the last row when target ≈ total; step back to a row with weight.
  while (lo > 0 && (weights[lo] as number) === 0) lo--;
  return lo;
}

function copyRow(from: Float32Array, fo: number, to: Float64Array, too: number, d: number): void {
  for (let t = 0; t < d; t++) to[too + t] = from[fo + t] as number;
}
