import type { RawTable, SchemaOverrides } from "../data/index.ts";
import { RFM_SEGMENTS } from "./segments.ts";
import type { CustomerFeatures, RfmScores } from "./types.ts";

/** Names of the generated columns (the customer id keeps the transactions' own column name). */
export const RFM_COLUMNS = {
  recency: "recency_days",
  frequency: "frequency",
  monetary: "monetary",
  tenure: "tenure_days",
  basket: "average_basket",
  breadth: "product_breadth",
  interval: "mean_interpurchase_days",
  channels: "channels_used",
  r: "r_score",
  f: "f_score",
  m: "m_score",
  segment: "rfm_segment",
} as const;

function text(value: number, decimals: number): string {
  return Number.isNaN(value) ? "" : String(Number(value.toFixed(decimals)));
}

/**
 * The customer table a dataset is imported from: one row per customer with the features, the
 * R/F/M scores and the named segment; plus a 0/1 target column when labels are given.
 */
export function featureTable(
  idColumn: string,
  features: CustomerFeatures,
  scores: RfmScores,
  segments: Uint8Array,
  target?: { column: string; labels: Uint8Array },
): RawTable {
  const c = RFM_COLUMNS;
  const columns: [string, string[]][] = [
    [idColumn, features.keys],
    [c.recency, Array.from(features.recencyDays, (v) => text(v, 0))],
    [c.frequency, Array.from(features.frequency, (v) => text(v, 0))],
    [c.monetary, Array.from(features.monetary, (v) => text(v, 2))],
    [c.tenure, Array.from(features.tenureDays, (v) => text(v, 0))],
    [c.basket, Array.from(features.averageBasket, (v) => text(v, 2))],
  ];
  if (features.productBreadth)
    columns.push([c.breadth, Array.from(features.productBreadth, (v) => text(v, 0))]);
  columns.push([c.interval, Array.from(features.meanInterPurchaseDays, (v) => text(v, 2))]);
  if (features.channelCount) columns.push([c.channels, Array.from(features.channelCount, (v) => text(v, 0))]);
  columns.push(
    [c.r, Array.from(scores.r, String)],
    [c.f, Array.from(scores.f, String)],
    [c.m, Array.from(scores.m, String)],
    [c.segment, Array.from(segments, (s) => RFM_SEGMENTS[s]?.name as string)],
  );
  if (target) columns.push([target.column, Array.from(target.labels, String)]);
  return {
    header: columns.map(([name]) => name),
    columns: columns.map(([, values]) => values),
    rowCount: features.keys.length,
  };
}

/**
 * How to import the customer table: the customer id as id, the 0/1 target when there is one, and
 * every measured feature as a numeric feature (inference alone could take a column of distinct
 * amounts on a small table for an identifier).
 */
export function featureTableOverrides(
  table: RawTable,
  idColumn: string,
  targetColumn?: string,
): SchemaOverrides {
  const c = RFM_COLUMNS;
  const numeric = new Set<string>([
    c.recency,
    c.frequency,
    c.monetary,
    c.tenure,
    c.basket,
    c.breadth,
    c.interval,
    c.channels,
  ]);
  const columns: NonNullable<SchemaOverrides["columns"]> = {};
  for (const name of table.header)
    if (numeric.has(name)) columns[name] = { kind: "numeric", role: "feature" };
  return {
    idColumn,
    columns,
    ...(targetColumn ? { target: targetColumn, positiveValue: "1" } : {}),
  };
}
