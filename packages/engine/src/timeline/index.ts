/**
 * Segments over time: mini-batch k-means updates that refresh personas without a new K sweep,
 * migration between two snapshots of segment assignments (matrix and Sankey links), and alerts
 * on segments whose share of customers changed.
 */

export { compareSnapshots, type SnapshotComparison, segmentSizes } from "./compare-snapshots.ts";
export { migrationLinks, type SankeyData, type SankeyLink, type SankeyNode } from "./migration-links.ts";
export {
  GONE_NAME,
  type MigrationMatrix,
  migrationMatrix,
  NEW_NAME,
  NOISE_NAME,
  type SegmentSnapshot,
} from "./migration-matrix.ts";
export { assignNearest } from "./nearest-centroid.ts";
export {
  type AlertDirection,
  type AlertOptions,
  type SegmentAlert,
  type SegmentSizes,
  segmentAlerts,
} from "./segment-alerts.ts";
export {
  type CentroidState,
  type CentroidUpdate,
  centroidStateOf,
  type UpdateOptions,
  updateCentroids,
} from "./update-centroids.ts";
