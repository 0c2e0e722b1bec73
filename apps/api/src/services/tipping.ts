import { KindredError } from "@kindred/engine/errors";
import {
  compareLists,
  type Lever,
  potentialList,
  probabilityList,
  type ResolvedTipping,
  resolveTipping,
  searchTipping,
  summarizeTipping,
  type TippingConfig,
  type TippingOutcome,
  type TippingSummary,
  trialsFor,
  whatIfTable,
} from "@kindred/engine/tipping";
import type { AppContext } from "../context.ts";
import { writeCsvAtomically } from "./csv-file.ts";
import { rowsOfCustomers } from "./explain-run.ts";
import { nearestNonBuyers } from "./lookalike.ts";
import { type ExplainSettings, type RunExplainer, withRunExplainer } from "./run-explainer.ts";
import { MLP_SPACE } from "./run-index.ts";

/**
 * similarity (List A): each buyer's nearest non-buyer in embedding space, deduplicated, most
 * similar first; probability (List B): non-buyers by model probability, highest first;
 * potential: non-buyers the model already puts at or over the threshold.
 */
export type TippingList = "similarity" | "probability" | "potential";
export const TIPPING_LISTS: readonly TippingList[] = ["similarity", "probability", "potential"];

export interface TippingInput {
  runId: string;
  config: TippingConfig;
  list?: TippingList;
  /** Candidates taken from the top of the list. Default 10. */
  limit?: number;
  /**
   * Keep only customers whose feature holding them back most (most negative SHAP over all
   * features) is actionable, scanning down the list until `limit` are found (the seed method).
   */
  primaryOnly?: boolean;
  /** Vector space of the similarity list: mlp (default) or text. */
  space?: string;
  settings?: ExplainSettings;
  onProgress?: (share: number, stage: string) => void;
}

export interface TippingCandidateReport extends Omit<TippingOutcome, "row"> {
  rank: number;
  customerId: string;
  /** Cosine similarity to the nearest buyer (similarity list only). */
  similarity: number | null;
}

export interface TippingReport {
  runId: string;
  list: TippingList;
  threshold: number;
  features: string[];
  locked: string[];
  pairs: boolean;
  /** Customers on the whole list before `limit`. */
  listSize: number;
  /** Customers whose SHAP values were computed to fill the list. */
  scanned: number;
  candidates: TippingCandidateReport[];
  summary: TippingSummary;
  shap: { method: string; permutations: number | null; background: { method: string; size: number } };
}

export interface TippingComparison {
  similarity: TippingReport;
  probability: TippingReport;
  comparison: {
    overlap: number;
    shared: string[];
    jaccard: number;
    tippedShare: { similarity: number | null; probability: number | null };
    medianChange: { similarity: number | null; probability: number | null };
    medianProbability: { similarity: number | null; probability: number | null };
  };
}

const DEFAULT_LIMIT = 10;
/** primaryOnly scans at most this many customers down a list. */
const MAX_SCAN = 5000;
const SCAN_CHUNK = 50;

/** Candidates of one list, each with its tipping feature and value. */
export async function runTipping(ctx: AppContext, input: TippingInput): Promise<TippingReport> {
  const limit = checkLimit(input.limit);
  const list = checkList(input.list ?? "similarity");
  return withRunExplainer(ctx, input.runId, input.settings, (explainer) => {
    const tipping = resolveTipping(input.config, explainer.schema, explainer.encoder, explainer.table);
    return tippingReport(ctx, explainer, tipping, input, list, limit);
  });
}

/** List A (similarity) against List B (probability): how each tips, and how much they share. */
export async function compareTipping(
  ctx: AppContext,
  input: Omit<TippingInput, "list">,
): Promise<TippingComparison> {
  const limit = checkLimit(input.limit);
  return withRunExplainer(ctx, input.runId, input.settings, async (explainer) => {
    const tipping = resolveTipping(input.config, explainer.schema, explainer.encoder, explainer.table);
    const half = (offset: number) => (share: number, stage: string) =>
      input.onProgress?.(offset + share / 2, stage);
    const a = await tippingReport(
      ctx,
      explainer,
      tipping,
      { ...input, onProgress: half(0) },
      "similarity",
      limit,
    );
    const b = await tippingReport(
      ctx,
      explainer,
      tipping,
      { ...input, onProgress: half(0.5) },
      "probability",
      limit,
    );
    const ids = (report: TippingReport) => report.candidates.map((c) => c.customerId);
    const both = <K extends keyof TippingSummary>(key: K) => ({
      similarity: a.summary[key],
      probability: b.summary[key],
    });
    return {
      similarity: a,
      probability: b,
      comparison: {
        ...compareLists(ids(a), ids(b)),
        tippedShare: both("tippedShare"),
        medianChange: both("medianChange"),
        medianProbability: both("medianProbability"),
      },
    };
  });
}

async function tippingReport(
  ctx: AppContext,
  explainer: RunExplainer,
  tipping: ResolvedTipping,
  input: TippingInput,
  list: TippingList,
  limit: number,
): Promise<TippingReport> {
  const { labels, probabilities } = explainer.rows;
  if (!labels || !probabilities) {
    throw new KindredError("CONFLICT", `run ${explainer.run.id} has no labels: tipping needs a target`, {
      field: "run",
    });
  }
  input.onProgress?.(0.05, `building the ${list} list`);
  const { rows: ordered, similarity } = await listRows(
    ctx,
    explainer,
    list,
    tipping.threshold,
    input.space ?? MLP_SPACE,
  );

  // SHAP values of the candidates; with primaryOnly, scanned in chunks until `limit` qualify.
  const features = explainer.encoder.features.map((f) => f.feature);
  const leverColumns = tipping.levers.map((lever) => features.indexOf(lever.feature));
  const actionable = new Set(leverColumns);
  const picked: { row: number; shap: Float64Array }[] = [];
  let scanned = 0;
  let method = "";
  let permutations: number | null = null;
  const wanted = input.primaryOnly ? Math.min(ordered.length, MAX_SCAN) : Math.min(ordered.length, limit);
  while (picked.length < limit && scanned < wanted) {
    const chunk = ordered.slice(
      scanned,
      Math.min(wanted, scanned + (input.primaryOnly ? SCAN_CHUNK : limit)),
    );
    const result = explainer.shap(chunk, (done) =>
      input.onProgress?.(0.1 + (0.7 * (scanned + done)) / Math.max(1, wanted), "explaining"),
    );
    method = result.method;
    permutations = result.permutations ?? null;
    const m = result.features.length;
    chunk.forEach((row, i) => {
      const values = result.values.subarray(i * m, (i + 1) * m);
      if (picked.length < limit && (!input.primaryOnly || actionable.has(mostNegative(values)))) {
        picked.push({ row, shap: Float64Array.from(leverColumns, (c) => values[c] as number) });
      }
    });
    scanned += chunk.length;
  }

  input.onProgress?.(0.8, "searching tipping values");
  const outcomes = searchTipping(
    explainer.table,
    picked.map(({ row, shap }) => ({ row, probability: probabilities[row] as number, shap })),
    tipping,
    explainer.score,
  );
  input.onProgress?.(1, "done");
  return {
    runId: explainer.run.id,
    list,
    threshold: tipping.threshold,
    features: tipping.levers.map((l) => l.feature),
    locked: input.config.locked ?? [],
    pairs: tipping.pairs,
    listSize: ordered.length,
    scanned,
    candidates: outcomes.map(({ row, ...outcome }, i) => ({
      rank: i + 1,
      customerId: explainer.rows.customerKeys[row] as string,
      similarity: similarity.get(row) ?? null,
      ...outcome,
    })),
    summary: summarizeTipping(outcomes),
    shap: {
      method: method || explainer.settings.method,
      permutations,
      background: { method: explainer.background.method, size: explainer.background.data.rows },
    },
  };
}

/** The rows of a list in order, with each row's similarity for the similarity list. */
async function listRows(
  ctx: AppContext,
  explainer: RunExplainer,
  list: TippingList,
  threshold: number,
  space: string,
): Promise<{ rows: number[]; similarity: Map<number, number> }> {
  const labels = explainer.rows.labels as Uint8Array;
  const probabilities = explainer.rows.probabilities as Float32Array;
  if (list === "probability")
    return { rows: probabilityList(labels, probabilities, threshold), similarity: new Map() };
  const potential = potentialList(labels, probabilities, threshold);
  if (list === "potential") return { rows: potential, similarity: new Map() };
  return nearestNonBuyers(ctx, explainer.run, labels, space, potential);
}

/**
 * The what-if curve of one customer: the model's probability as one feature takes each permitted
 * value (the observed range, at the data's resolution), the current value included.
 */
export async function whatIfCurve(
  ctx: AppContext,
  input: { runId: string; customerId: string; feature: string },
): Promise<{ value: string; probability: number }[]> {
  return withRunExplainer(ctx, input.runId, undefined, (explainer) => {
    const [lever] = resolveTipping(
      { features: [input.feature], maxSteps: 200 },
      explainer.schema,
      explainer.encoder,
      explainer.table,
    ).levers;
    const [row] = rowsOfCustomers(explainer, [input.customerId]);
    const column = explainer.table.header.indexOf(input.feature);
    const current = (explainer.table.columns[column]?.[row as number] ?? "").trim();
    const values = [current, ...trialsFor(lever as Lever, current, 200).map((t) => t.value)];
    const table = whatIfTable(
      explainer.table,
      values.map((value) => ({ row: row as number, set: [{ column, value }] })),
    );
    const probabilities = explainer.score(table);
    const chosen = lever as Lever;
    const order =
      chosen.kind === "numeric"
        ? (v: string) => Number(v)
        : chosen.kind === "ordinal"
          ? (v: string) => chosen.levels.indexOf(v)
          : (v: string) => values.indexOf(v);
    return values
      .map((value, i) => ({ value, probability: probabilities[i] as number }))
      .sort((a, b) => order(a.value) - order(b.value));
  });
}

function mostNegative(values: Float64Array): number {
  let at = 0;
  for (let i = 1; i < values.length; i++) if ((values[i] as number) < (values[at] as number)) at = i;
  return at;
}

function checkLimit(limit = DEFAULT_LIMIT): number {
  if (!Number.isInteger(limit) || limit < 1) {
    throw new KindredError("INVALID_CONFIG", `limit must be a positive integer, got ${limit}`, {
      field: "limit",
    });
  }
  return limit;
}

function checkList(list: string): TippingList {
  if (!TIPPING_LISTS.includes(list as TippingList)) {
    throw new KindredError(
      "INVALID_CONFIG",
      `list must be one of ${TIPPING_LISTS.join(", ")}, got "${list}"`,
      {
        field: "list",
      },
    );
  }
  return list as TippingList;
}

/** A tipping list as a campaign CSV: who, what to change, from what to what, and the new probability. */
export async function writeTippingCsv(path: string, reports: TippingReport[]): Promise<number> {
  return writeCsvAtomically(
    path,
    [
      "list",
      "rank",
      "customer_id",
      "probability",
      "similarity",
      "status",
      "tipping_feature",
      "original_value",
      "tipping_value",
      "change",
      "new_probability",
      "changes",
    ],
    reports.flatMap((report) =>
      report.candidates.map((c) => [
        report.list,
        c.rank,
        c.customerId,
        c.probability,
        c.similarity ?? "",
        c.status,
        c.tippingFeature ?? "",
        c.originalValue ?? "",
        c.tippingValue ?? "",
        c.change ?? "",
        c.newProbability ?? "",
        c.changes.map((ch) => `${ch.feature}: ${ch.originalValue} -> ${ch.tippingValue}`).join("; "),
      ]),
    ),
  );
}
