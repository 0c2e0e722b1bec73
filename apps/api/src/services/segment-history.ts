import { KindredError } from "@kindred/engine/errors";
import { compareSnapshots, type SnapshotComparison, segmentSizes } from "@kindred/engine/timeline";
import type { AppContext } from "../context.ts";
import { getDataset } from "../store/dataset-store.ts";
import { listSegmentSnapshots, type StoredSnapshot } from "../store/segment-snapshot-store.ts";

export interface StoredHistory {
  kind: string;
  snapshots: {
    cutoff: Date;
    customers: number;
    segments: { name: string; customers: number; share: number }[];
  }[];
  migrations: (SnapshotComparison & { fromDate: Date; toDate: Date })[];
}

/** A dataset's stored segment snapshots of one kind, each compared with the next. */
export async function storedSegmentHistory(
  ctx: AppContext,
  datasetId: string,
  kind: string,
  alertThreshold: number,
): Promise<StoredHistory> {
  if (!(alertThreshold >= 0)) {
    throw new KindredError("INVALID_CONFIG", `alertThreshold must be ≥ 0 (got ${alertThreshold})`, {
      field: "alertThreshold",
    });
  }
  await getDataset(ctx.db.prisma, datasetId);
  const stored = await listSegmentSnapshots(ctx.db.prisma, datasetId, kind);
  const snapshots = stored.map((s: StoredSnapshot) => ({
    keys: s.customerKeys,
    labels: s.labels,
    names: s.names,
  }));
  const comparisons = compareSnapshots(snapshots, { threshold: alertThreshold });
  return {
    kind,
    snapshots: stored.map((s, i) => {
      const { names, sizes } = segmentSizes(snapshots[i] as (typeof snapshots)[number]);
      const total = s.customerKeys.length;
      return {
        cutoff: s.cutoff,
        customers: total,
        segments: names.map((name, j) => ({
          name,
          customers: sizes[j] as number,
          share: total === 0 ? 0 : (sizes[j] as number) / total,
        })),
      };
    }),
    migrations: comparisons.map((c) => ({
      ...c,
      fromDate: stored[c.from]?.cutoff as Date,
      toDate: stored[c.to]?.cutoff as Date,
    })),
  };
}
