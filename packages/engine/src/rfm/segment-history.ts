import { KindredError } from "../errors/index.ts";
import { compareSnapshots, type SnapshotComparison } from "../timeline/index.ts";
import { type RfmSnapshot, rfmSnapshot } from "./rfm.ts";
import { RFM_SEGMENTS } from "./segments.ts";
import type { CleanTransactions } from "./types.ts";

const SEGMENT_NAMES = RFM_SEGMENTS.map((s) => s.name);

export interface SegmentHistory {
  /** RFM segments as of each cut-off, oldest first (only customers who had bought by then). */
  snapshots: (RfmSnapshot & { cutoff: number })[];
  /** Between consecutive snapshots: who moved where, and how many kept their segment. */
  migrations: SnapshotComparison[];
}

/**
 * Segments over time: an RFM snapshot at each cut-off (scores relative to the customers of that
 * moment), the migration between consecutive snapshots with its stability, and alerts for
 * segments whose share of customers changed by more than `alertThreshold` (relative).
 */
export function segmentHistory(
  transactions: CleanTransactions,
  cutoffs: number[],
  options: { alertThreshold?: number; alertMinCustomers?: number } = {},
): SegmentHistory {
  const { alertThreshold = 0.2, alertMinCustomers = 0 } = options;
  if (cutoffs.length < 2) {
    throw new KindredError("INVALID_CONFIG", "segments over time need at least two cut-off dates", {
      field: "snapshots",
    });
  }
  const sorted = [...cutoffs].sort((a, b) => a - b);
  sorted.forEach((cutoff, i) => {
    if (Number.isNaN(cutoff) || (i > 0 && cutoff === sorted[i - 1])) {
      throw new KindredError("INVALID_CONFIG", "the cut-off dates must be valid and distinct", {
        field: "snapshots",
      });
    }
  });
  const snapshots = sorted.map((cutoff) => ({ cutoff, ...rfmSnapshot(transactions, cutoff) }));
  const migrations = compareSnapshots(
    snapshots.map((s) => ({ keys: s.features.keys, labels: s.segments, names: SEGMENT_NAMES })),
    { threshold: alertThreshold, minCustomers: alertMinCustomers },
  );
  return { snapshots, migrations };
}
