import type { RawTable } from "../data/index.ts";
import { KindredError } from "../errors/index.ts";
import { type CleanOptions, cleanTransactions } from "./clean.ts";
import { resolveTransactionColumns } from "./columns.ts";
import { customerFeatures, DAY_MS } from "./customer-features.ts";
import { featureTable } from "./feature-table.ts";
import { rfmScores } from "./scores.ts";
import { RFM_SEGMENTS, rfmSegments, summarizeSegments } from "./segments.ts";
import type {
  CleanTransactions,
  CustomerFeatures,
  RemovalReason,
  RfmScores,
  SegmentSummary,
  TransactionColumns,
} from "./types.ts";

export interface RfmOptions extends CleanOptions {
  /** Columns by name; the others are recognised from the header and the values. */
  columns?: Partial<TransactionColumns>;
  /**
   * Features from purchases before this moment, and a target "bought in the `horizonDays`
   * after it" (1/0) for a supervised run.
   */
  cutoff?: number;
  /** Days after the cut-off that count for the target. Default 90. */
  horizonDays?: number;
}

/** RFM of every customer at one moment. */
export interface RfmSnapshot {
  features: CustomerFeatures;
  scores: RfmScores;
  /** Index into RFM_SEGMENTS per customer. */
  segments: Uint8Array;
  summary: SegmentSummary[];
}

export interface RfmResult extends RfmSnapshot {
  transactions: CleanTransactions;
  columns: TransactionColumns;
  removed: Record<RemovalReason, number>;
  /** With a cut-off: 1 when the customer bought within the horizon after it. */
  target?: { column: string; labels: Uint8Array; horizonDays: number };
  /** The customer table to import as a dataset. */
  table: RawTable;
}

/** Features, scores and segments of the customers who bought before `cutoff` (or ever). */
export function rfmSnapshot(transactions: CleanTransactions, cutoff?: number): RfmSnapshot {
  const features = customerFeatures(transactions, { cutoff });
  if (features.keys.length === 0) {
    throw new KindredError("INVALID_CONFIG", "no customer bought before the cut-off", { field: "cutoff" });
  }
  const scores = rfmScores(features);
  const segments = rfmSegments(scores);
  return { features, scores, segments, summary: summarizeSegments(segments, features) };
}

/** Whether each customer bought in [cutoff, cutoff + horizon). */
function boughtWithin(
  tx: CleanTransactions,
  keys: string[],
  cutoff: number,
  horizonDays: number,
): Uint8Array {
  const end = cutoff + horizonDays * DAY_MS;
  const bought = new Uint8Array(tx.customerKeys.length);
  for (let i = 0; i < tx.time.length; i++) {
    const t = tx.time[i] as number;
    if (t >= cutoff && t < end) bought[tx.customer[i] as number] = 1;
  }
  const index = new Map(tx.customerKeys.map((key, c) => [key, c]));
  return Uint8Array.from(keys, (key) => bought[index.get(key) as number] as number);
}

/**
 * Transactions → one row of behaviour features per customer: cleaning (every removed line
 * counted by reason), recency, frequency, monetary value and more, quintile R/F/M scores, the
 * named RFM segments, and the customer table to import as a dataset.
 */
export function rfm(table: RawTable, options: RfmOptions = {}): RfmResult {
  const { cutoff, horizonDays = 90 } = options;
  if (!Number.isInteger(horizonDays) || horizonDays < 1) {
    throw new KindredError(
      "INVALID_CONFIG",
      `the horizon must be a whole number of days ≥ 1 (got ${horizonDays})`,
      {
        field: "horizonDays",
      },
    );
  }
  const columns = resolveTransactionColumns(table, options.columns);
  const transactions = cleanTransactions(table, columns, options);
  const snapshot = rfmSnapshot(transactions, cutoff);
  let target: RfmResult["target"];
  if (cutoff !== undefined) {
    const labels = boughtWithin(transactions, snapshot.features.keys, cutoff, horizonDays);
    target = { column: `purchased_next_${horizonDays}d`, labels, horizonDays };
  }
  return {
    ...snapshot,
    transactions,
    columns,
    removed: transactions.removed,
    target,
    table: featureTable(columns.customer, snapshot.features, snapshot.scores, snapshot.segments, target),
  };
}

export { RFM_SEGMENTS };
