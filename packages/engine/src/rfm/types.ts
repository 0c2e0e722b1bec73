/** Public types of the rfm module: transactions in, one row of behaviour features per customer out. */

/** Which column of a transactions table holds what. Names are the table's own headers. */
export interface TransactionColumns {
  customer: string;
  time: string;
  /** The line's value; or `quantity` × `price` when there is no such column. */
  amount?: string;
  quantity?: string;
  price?: string;
  /** Groups lines into purchases (frequency counts invoices); without it, distinct timestamps. */
  invoice?: string;
  product?: string;
  channel?: string;
}

/** Why a transaction line was left out, in the order the checks run (a line counts once). */
export type RemovalReason =
  | "unparseable date"
  | "non-numeric amount"
  | "missing customer"
  | "cancellation or return"
  | "zero or negative price"
  | "duplicate";

export const REMOVAL_REASONS: readonly RemovalReason[] = [
  "unparseable date",
  "non-numeric amount",
  "missing customer",
  "cancellation or return",
  "zero or negative price",
  "duplicate",
];

/** The kept lines, column by column; customers, invoices, products and channels as indexes. */
export interface CleanTransactions {
  columns: TransactionColumns;
  inputRows: number;
  removed: Record<RemovalReason, number>;
  /** Distinct customer ids (a float-formatted integer such as "17850.0" is read as "17850"). */
  customerKeys: string[];
  customer: Int32Array;
  /** Milliseconds since 1970-01-01 UTC. */
  time: Float64Array;
  amount: Float64Array;
  /** Purchase (invoice, or distinct timestamp) index of each line. */
  purchase: Int32Array;
  /** Product index, −1 without a product column. */
  product: Int32Array;
  /** Channel index, −1 without a channel column. */
  channel: Int32Array;
  channelNames: string[];
}

/** Behaviour features per customer as of a date; NaN where a feature is undefined. */
export interface CustomerFeatures {
  keys: string[];
  /** The date features are computed at (exclusive): the day after the last purchase by default. */
  asOf: number;
  recencyDays: Float64Array;
  frequency: Float64Array;
  monetary: Float64Array;
  tenureDays: Float64Array;
  averageBasket: Float64Array;
  /** Distinct products bought; absent without a product column. */
  productBreadth?: Float64Array;
  /** Mean days between consecutive purchases; NaN for one purchase. */
  meanInterPurchaseDays: Float64Array;
  /** Distinct channels used; absent without a channel column. */
  channelCount?: Float64Array;
}

/** Quintile scores 1–5 (5 = best: most recent, most frequent, highest spend). */
export interface RfmScores {
  r: Uint8Array;
  f: Uint8Array;
  m: Uint8Array;
}

export interface SegmentSummary {
  name: string;
  customers: number;
  share: number;
  /** Share of the customers' total spend. */
  revenueShare: number;
  /** What the segment means and what to do with it, for marketing. */
  description: string;
}
