import { KindredError } from "../errors/index.ts";
import { indexNames } from "./check-names.ts";

/** Segment sizes at one point in time. */
export interface SegmentSizes {
  /** Segment names, unique; segments of two snapshots are matched by name. */
  names: readonly string[];
  /** Customers per segment (finite, ≥ 0), aligned with `names`. */
  sizes: readonly number[];
}

export interface AlertOptions {
  /** Alert when the share changes by more than this fraction of itself (0.2 = ±20 %). */
  threshold: number;
  /** Ignore segments with fewer customers than this before and after. Default 0. */
  minCustomers?: number;
}

export type AlertDirection = "grew" | "shrank" | "appeared" | "vanished";

export interface SegmentAlert {
  segment: string;
  /** Customers before (0 if the segment was not in the before snapshot). */
  before: number;
  after: number;
  /** before / total before (0 when that total is 0). */
  shareBefore: number;
  shareAfter: number;
  /**
   * (shareAfter − shareBefore) / shareBefore: −1 for a vanished segment, +Infinity for one that
   * appeared (JSON turns it into null; `direction` tells the case).
   */
  change: number;
  direction: AlertDirection;
}

/**
 * Segments whose share of customers changed by more than `threshold` of itself, largest |change|
 * first (ties keep the order of the names: before's, then after's new ones). Shares, not raw
 * sizes, so that a growing customer base does not flag every segment. A change exactly equal to
 * the threshold does not alert; an appeared segment always does, a vanished one when
 * threshold < 1.
 *
 * Errors (INVALID_CONFIG): names and sizes of different lengths, a name twice, a negative or
 * non-finite size, a negative or non-finite threshold or minCustomers.
 */
export function segmentAlerts(
  before: SegmentSizes,
  after: SegmentSizes,
  options: AlertOptions,
): SegmentAlert[] {
  const { threshold, minCustomers = 0 } = options;
  checkOption("threshold", threshold);
  checkOption("minCustomers", minCustomers);
  const b = sizeByName(before, "before");
  const a = sizeByName(after, "after");
  const totalBefore = sum(before.sizes);
  const totalAfter = sum(after.sizes);
  const alerts: SegmentAlert[] = [];
  for (const segment of new Set([...before.names, ...after.names])) {
    const sizeBefore = b.get(segment) ?? 0;
    const sizeAfter = a.get(segment) ?? 0;
    if (sizeBefore < minCustomers && sizeAfter < minCustomers) continue;
    const shareBefore = totalBefore === 0 ? 0 : sizeBefore / totalBefore;
    const shareAfter = totalAfter === 0 ? 0 : sizeAfter / totalAfter;
    if (shareBefore === 0 && shareAfter === 0) continue;
    // Cross-multiplied so that the only rounding is the final division: a change that is exactly
    // the threshold (say 0.2) comes out as the double 0.2, and the boundary is honoured.
    const change =
      shareBefore === 0
        ? Number.POSITIVE_INFINITY
        : (sizeAfter * totalBefore - sizeBefore * totalAfter) / (sizeBefore * totalAfter);
    if (!(Math.abs(change) > threshold)) continue;
    const direction: AlertDirection =
      shareBefore === 0 ? "appeared" : shareAfter === 0 ? "vanished" : change > 0 ? "grew" : "shrank";
    alerts.push({
      segment,
      before: sizeBefore,
      after: sizeAfter,
      shareBefore,
      shareAfter,
      change,
      direction,
    });
  }
  // Explicit comparison: Infinity − Infinity would be NaN.
  return alerts.sort((x, y) => {
    const dx = Math.abs(x.change);
    const dy = Math.abs(y.change);
    return dx > dy ? -1 : dx < dy ? 1 : 0;
  });
}

function sizeByName(snapshot: SegmentSizes, side: string): Map<string, number> {
  const { names, sizes } = snapshot;
  const index = indexNames(names, `${side}.names`);
  if (sizes.length !== names.length) {
    throw new KindredError(
      "INVALID_CONFIG",
      `${side} has ${names.length} names but ${sizes.length} sizes; expected one size per name`,
      { field: `${side}.sizes` },
    );
  }
  const byName = new Map<string, number>();
  for (const [name, i] of index) {
    const size = sizes[i] as number;
    if (!Number.isFinite(size) || size < 0) {
      throw new KindredError(
        "INVALID_CONFIG",
        `${side} size of segment "${name}" is ${size}; sizes must be finite and ≥ 0`,
        { field: `${side}.sizes` },
      );
    }
    byName.set(name, size);
  }
  return byName;
}

function checkOption(field: string, value: number): void {
  if (!Number.isFinite(value) || value < 0) {
    throw new KindredError("INVALID_CONFIG", `${field} must be a finite number ≥ 0, got ${value}`, { field });
  }
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}
