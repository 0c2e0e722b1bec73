import type { Resolvers } from "../schema/generated/resolvers-types.ts";
import { storedSegmentHistory } from "../services/segment-history.ts";
import { summarizeTransactions } from "../services/transactions.ts";
import { findDataset } from "../store/dataset-store.ts";
import { payload } from "./payload.ts";

export const segmentResolvers: Resolvers = {
  Query: {
    segmentHistory: async (_, { datasetId, kind, alertThreshold }, { app }) => {
      const history = await storedSegmentHistory(app, datasetId, kind ?? "rfm", alertThreshold ?? 0.2);
      return {
        kind: history.kind,
        snapshots: history.snapshots,
        migrations: history.migrations.map((m) => ({
          from: m.fromDate,
          to: m.toDate,
          stability: m.matrix.stability,
          stayed: m.matrix.stayed,
          common: m.matrix.common,
          entered: m.matrix.entered,
          left: m.matrix.left,
          rows: m.matrix.from,
          columns: m.matrix.to,
          counts: m.matrix.counts,
          nodes: m.links.nodes,
          links: m.links.links,
          alerts: m.alerts.map((a) => ({ ...a, change: Number.isFinite(a.change) ? a.change : null })),
        })),
      };
    },
  },
  Mutation: {
    importTransactions: (_, { file, input }, { app, caches }) =>
      payload(async () => {
        const { name, dropInvalid, cutoff, horizonDays, snapshots, ...columns } = input ?? {};
        const summary = await summarizeTransactions(app, {
          path: file.path,
          sourceName: file.filename,
          columns: Object.fromEntries(
            Object.entries(columns).filter(([, v]) => v !== null && v !== undefined),
          ),
          dropInvalid: dropInvalid ?? false,
          cutoff: cutoff ?? undefined,
          horizonDays: horizonDays ?? undefined,
          snapshots: snapshots ?? undefined,
          importAs: name ?? "",
        });
        caches.clear();
        return {
          summary: {
            ...summary,
            columns: summary.columns,
            removed: Object.entries(summary.removed).map(([reason, rows]) => ({ reason, rows })),
            dataset: summary.dataset ? await findDataset(app.db.prisma, summary.dataset.id) : null,
            readMs: summary.timings.readMs,
            rfmMs: summary.timings.rfmMs,
          },
        };
      }),
  },
};
