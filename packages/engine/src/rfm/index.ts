/**
 * Transactions to customers: cleaning with every removed line counted by reason, RFM and other
 * behaviour features per customer, quintile R/F/M scores and the named RFM segments, snapshots
 * at cut-off dates, and the customer table a dataset is imported from.
 */
export { type CleanOptions, cleanTransactions } from "./clean.ts";
export { resolveTransactionColumns } from "./columns.ts";
export { customerFeatures, DAY_MS, type FeatureOptions } from "./customer-features.ts";
export { featureTable, featureTableOverrides, RFM_COLUMNS } from "./feature-table.ts";
export { type RfmOptions, type RfmResult, type RfmSnapshot, rfm, rfmSnapshot } from "./rfm.ts";
export { quintileScores, rfmScores } from "./scores.ts";
export { type SegmentHistory, segmentHistory } from "./segment-history.ts";
export { RFM_SEGMENTS, rfmSegments, summarizeSegments } from "./segments.ts";
export * from "./types.ts";
