import { parseDate } from "@kindred/engine/data";
import { KindredError } from "@kindred/engine/errors";
import {
  featureTableOverrides,
  type RemovalReason,
  type SegmentHistory,
  type TransactionColumns,
} from "@kindred/engine/rfm";
import type { AppContext } from "../context.ts";
import { saveSegmentSnapshots } from "../store/segment-snapshot-store.ts";
import type { TransactionsComputation } from "./compute.ts";
import { deleteDataset } from "./datasets.ts";
import { importTable } from "./import-dataset.ts";

export interface TransactionsInput {
  path: string;
  /** The file's name as the user knows it (an upload's own name); default: the path's. */
  sourceName?: string;
  columns?: Partial<TransactionColumns>;
  dropInvalid?: boolean;
  /** Features as of this date, with a "bought in the next `horizonDays`" target. */
  cutoff?: string;
  horizonDays?: number;
  /** Snapshot dates (two or more) for segments over time. */
  snapshots?: string[];
  /** Relative change of a segment's share that raises an alert. Default 0.2. */
  alertThreshold?: number;
  /** Import the customers as a dataset under this name (with the snapshots). */
  importAs?: string;
  onProgress?: (share: number) => void;
}

export interface TransactionsSummary {
  inputRows: number;
  customers: number;
  removed: Record<RemovalReason, number>;
  columns: TransactionColumns;
  asOf: string;
  segments: { name: string; customers: number; share: number; revenueShare: number; description: string }[];
  target: { column: string; horizonDays: number; positives: number } | null;
  history: HistorySummary | null;
  dataset: { id: string; name: string; rows: number } | null;
  timings: { readMs: number; rfmMs: number };
}

export interface HistorySummary {
  snapshots: {
    cutoff: string;
    customers: number;
    segments: { name: string; customers: number; share: number }[];
  }[];
  migrations: {
    from: string;
    to: string;
    stability: number;
    stayed: number;
    common: number;
    entered: number;
    left: number;
    matrix: { from: string[]; to: string[]; counts: number[][] };
    alerts: { segment: string; direction: string; shareBefore: number; shareAfter: number; change: number }[];
  }[];
}

/** A date flag or field (YYYY-MM-DD, optionally with a time), read as UTC. */
export function dateOption(raw: string, field: string): number {
  const time = parseDate(raw);
  if (Number.isNaN(time)) {
    throw new KindredError("INVALID_CONFIG", `${field}: "${raw}" is not a date (YYYY-MM-DD)`, { field });
  }
  return time;
}

const isoDay = (time: number) => new Date(time).toISOString().slice(0, 10);

/**
 * A transactions file → customers with RFM features and named segments (every removed line
 * counted by reason), optionally segments over time at snapshot dates, and optionally imported
 * as a dataset that every other feature (runs, personas, lookalike) can use.
 */
export async function summarizeTransactions(
  ctx: AppContext,
  input: TransactionsInput,
): Promise<TransactionsSummary> {
  const cutoff = input.cutoff === undefined ? undefined : dateOption(input.cutoff, "cutoff");
  const snapshotDates = input.snapshots?.map((raw) => dateOption(raw, "snapshots"));
  // Reading and cleaning hundreds of thousands of lines is CPU work: off the API's event loop.
  const { sha256, result, history, readMs, rfmMs } = await ctx.compute.transactions(
    {
      path: input.path,
      maxBytes: ctx.env.maxFileBytes,
      options: {
        columns: input.columns,
        dropInvalid: input.dropInvalid,
        cutoff,
        horizonDays: input.horizonDays,
      },
      snapshots: snapshotDates,
      alertThreshold: input.alertThreshold,
    },
    { onProgress: input.onProgress },
  );
  let dataset: TransactionsSummary["dataset"] = null;
  if (input.importAs !== undefined) {
    const imported = await importTable(ctx, {
      table: result.table,
      sha256,
      source: input.sourceName ?? input.path,
      name: input.importAs || undefined,
      overrides: featureTableOverrides(result.table, result.columns.customer, result.target?.column),
    });
    dataset = { id: imported.dataset.id, name: imported.dataset.name, rows: imported.dataset.rowCount };
    if (history) {
      try {
        await saveSegmentSnapshots(ctx.db.prisma, imported.dataset.id, "rfm", history);
      } catch (error) {
        // The dataset and its snapshots are one import: never leave the dataset without them.
        await deleteDataset(ctx, imported.dataset.id).catch(() => {});
        throw error;
      }
    }
  }
  return {
    ...summarize(result),
    history: history ? summarizeHistory(history) : null,
    dataset,
    timings: { readMs, rfmMs },
  };
}

function summarize(
  result: TransactionsComputation["result"],
): Omit<TransactionsSummary, "history" | "dataset" | "timings"> {
  return {
    inputRows: result.inputRows,
    customers: result.features.keys.length,
    removed: result.removed,
    columns: result.columns,
    asOf: isoDay(result.features.asOf),
    segments: result.summary,
    target: result.target
      ? {
          column: result.target.column,
          horizonDays: result.target.horizonDays,
          positives: result.target.labels.reduce((sum, v) => sum + v, 0),
        }
      : null,
  };
}

export function summarizeHistory(history: SegmentHistory): HistorySummary {
  return {
    snapshots: history.snapshots.map((s) => ({
      cutoff: isoDay(s.cutoff),
      customers: s.features.keys.length,
      segments: s.summary.map(({ name, customers, share }) => ({ name, customers, share })),
    })),
    migrations: history.migrations.map((m) => ({
      from: isoDay(history.snapshots[m.from]?.cutoff as number),
      to: isoDay(history.snapshots[m.to]?.cutoff as number),
      stability: m.matrix.stability,
      stayed: m.matrix.stayed,
      common: m.matrix.common,
      entered: m.matrix.entered,
      left: m.matrix.left,
      matrix: { from: m.matrix.from, to: m.matrix.to, counts: m.matrix.counts },
      alerts: m.alerts.map(({ segment, direction, shareBefore, shareAfter, change }) => ({
        segment,
        direction,
        shareBefore,
        shareAfter,
        change,
      })),
    })),
  };
}
