import type { SegmentHistory } from "@kindred/engine/rfm";
import type { Prisma } from "./database.ts";

export interface StoredSnapshot {
  id: string;
  kind: string;
  cutoff: Date;
  names: string[];
  customerKeys: string[];
  labels: number[];
}

/** The segment names of a history (the same list in every snapshot; a label indexes it). */
function segmentNames(history: SegmentHistory): string[] {
  return history.snapshots[0]?.summary.map((s) => s.name) ?? [];
}

/** Stores each snapshot of a segment history (replacing one of the same kind and date), in one transaction. */
export async function saveSegmentSnapshots(
  prisma: Prisma,
  datasetId: string,
  kind: string,
  history: SegmentHistory,
): Promise<void> {
  const names = segmentNames(history);
  await prisma.$transaction(async (tx) => {
    for (const snapshot of history.snapshots) {
      const cutoff = new Date(snapshot.cutoff);
      await tx.segmentSnapshot.deleteMany({ where: { datasetId, kind, cutoff } });
      await tx.segmentSnapshot.create({
        data: {
          datasetId,
          kind,
          cutoff,
          names,
          customerKeys: snapshot.features.keys,
          labels: Array.from(snapshot.segments),
        },
      });
    }
  });
}

/** A dataset's snapshots of one kind, oldest first. */
export async function listSegmentSnapshots(
  prisma: Prisma,
  datasetId: string,
  kind: string,
): Promise<StoredSnapshot[]> {
  const rows = await prisma.segmentSnapshot.findMany({
    where: { datasetId, kind },
    orderBy: { cutoff: "asc" },
  });
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    cutoff: row.cutoff,
    names: row.names as string[],
    customerKeys: row.customerKeys as string[],
    labels: row.labels as number[],
  }));
}

/** Stores one snapshot, replacing one of the same kind and date. */
export async function saveSnapshot(
  prisma: Prisma,
  snapshot: {
    datasetId: string;
    kind: string;
    cutoff: Date;
    names: string[];
    customerKeys: string[];
    labels: number[];
    state?: object;
  },
): Promise<void> {
  const { datasetId, kind, cutoff } = snapshot;
  await prisma.$transaction([
    prisma.segmentSnapshot.deleteMany({ where: { datasetId, kind, cutoff } }),
    prisma.segmentSnapshot.create({ data: snapshot }),
  ]);
}

/** The state kept with the latest snapshot of a kind (refreshed personas), or null. */
export async function latestSnapshotState(prisma: Prisma, datasetId: string, kind: string): Promise<unknown> {
  const latest = await prisma.segmentSnapshot.findFirst({
    where: { datasetId, kind },
    orderBy: { cutoff: "desc" },
    select: { state: true },
  });
  return latest?.state ?? null;
}
