import { migrationLinks, type SankeyData } from "./migration-links.ts";
import {
  type MigrationMatrix,
  migrationMatrix,
  NOISE_NAME,
  type SegmentSnapshot,
} from "./migration-matrix.ts";
import { type AlertOptions, type SegmentAlert, type SegmentSizes, segmentAlerts } from "./segment-alerts.ts";

export interface SnapshotComparison {
  /** Indexes of the two snapshots compared (consecutive). */
  from: number;
  to: number;
  matrix: MigrationMatrix;
  links: SankeyData;
  alerts: SegmentAlert[];
}

/** Customers per segment name of a snapshot (label −1 counted as NOISE_NAME when present). */
export function segmentSizes(snapshot: SegmentSnapshot): SegmentSizes {
  const sizes = new Array<number>(snapshot.names.length).fill(0);
  let noise = 0;
  for (let i = 0; i < snapshot.labels.length; i++) {
    const label = snapshot.labels[i] as number;
    if (label < 0) noise++;
    else sizes[label] = (sizes[label] as number) + 1;
  }
  if (noise === 0 || snapshot.names.includes(NOISE_NAME)) return { names: snapshot.names, sizes };
  return { names: [...snapshot.names, NOISE_NAME], sizes: [...sizes, noise] };
}

/**
 * Each snapshot against the next (in the order given, oldest first): migration matrix with
 * stability, Sankey links, and alerts for segments whose share changed beyond the threshold.
 */
export function compareSnapshots(
  snapshots: readonly SegmentSnapshot[],
  alerts: AlertOptions,
): SnapshotComparison[] {
  return snapshots.slice(1).map((after, i) => {
    const before = snapshots[i] as SegmentSnapshot;
    const matrix = migrationMatrix(before, after);
    return {
      from: i,
      to: i + 1,
      matrix,
      links: migrationLinks(matrix),
      alerts: segmentAlerts(segmentSizes(before), segmentSizes(after), alerts),
    };
  });
}
