import { KindredError } from "@kindred/engine/errors";
import { type FeatureImportance, globalImportance } from "@kindred/engine/explain";
import { sampleRows } from "@kindred/engine/project";
import type { AppContext } from "../context.ts";
import { saveExplanation } from "../store/explanation-store.ts";
import {
  type ExplainSettings,
  openRunExplainer,
  type RunExplainer,
  withRunExplainer,
} from "./run-explainer.ts";

export const DEFAULT_EXPLAIN_SAMPLE = 500;

export interface ExplainInput {
  runId: string;
  /** Customers explained (a seeded uniform sample of all rows). Default 500. */
  sample?: number;
  settings?: ExplainSettings;
  onProgress?: (share: number, stage: string) => void;
}

export interface ExplainSummary {
  explanationId: string;
  runId: string;
  method: "exact" | "permutation";
  permutations: number | null;
  background: { method: string; size: number };
  rows: number;
  baseValue: number;
  importance: FeatureImportance[];
  evaluations: number;
  timings: { loadMs: number; shapMs: number; saveMs: number };
}

/**
 * SHAP values of a sample of the run's customers and the run's global importance (mean |SHAP|
 * per feature), stored as one explanation.
 */
export async function explainRun(ctx: AppContext, input: ExplainInput): Promise<ExplainSummary> {
  const sample = input.sample ?? DEFAULT_EXPLAIN_SAMPLE;
  if (!Number.isInteger(sample) || sample < 1) {
    throw new KindredError("INVALID_CONFIG", `sample must be a positive integer, got ${sample}`, {
      field: "sample",
    });
  }
  let t = performance.now();
  input.onProgress?.(0, "loading");
  const explainer = await openRunExplainer(ctx, input.runId, input.settings);
  try {
    const loadMs = performance.now() - t;
    const rows = Int32Array.from(sampleRows(explainer.table.rowCount, sample, explainer.settings.seed));
    t = performance.now();
    const result = explainer.shap(rows, (done, total) => input.onProgress?.(done / total, "explaining"));
    const shapMs = performance.now() - t;
    t = performance.now();
    const importance = globalImportance(result);
    const saved = await saveExplanation(ctx.db.prisma, {
      runId: explainer.run.id,
      config: { ...explainer.settings, sample, background: describeBackground(explainer) },
      features: result.features,
      baseValue: result.baseValue,
      importance,
      rowIndices: rows,
      values: result.values,
      evaluations: result.evaluations,
      timings: { loadMs, shapMs },
    });
    input.onProgress?.(1, "done");
    return {
      explanationId: saved.id,
      runId: explainer.run.id,
      method: result.method,
      permutations: result.permutations ?? null,
      background: describeBackground(explainer),
      rows: rows.length,
      baseValue: result.baseValue,
      importance,
      evaluations: result.evaluations,
      timings: { loadMs, shapMs, saveMs: performance.now() - t },
    };
  } finally {
    explainer.dispose();
  }
}

export interface CustomerExplanation {
  customerId: string;
  probability: number;
  baseValue: number;
  method: "exact" | "permutation";
  /** Every feature's raw value and SHAP value, largest |SHAP| first. */
  contributions: { feature: string; value: string; shap: number }[];
}

/** SHAP values of the given customers (by customer id), computed now. Unknown ids are an error. */
export async function explainCustomers(
  ctx: AppContext,
  input: { runId: string; customerIds: string[]; settings?: ExplainSettings },
): Promise<CustomerExplanation[]> {
  if (input.customerIds.length === 0) {
    throw new KindredError("INVALID_CONFIG", "name at least one customer", { field: "customers" });
  }
  return withRunExplainer(ctx, input.runId, input.settings, (explainer) => {
    const rows = rowsOfCustomers(explainer, input.customerIds);
    const result = explainer.shap(rows);
    const m = result.features.length;
    return rows.map((row, i) => ({
      customerId: explainer.rows.customerKeys[row] as string,
      probability: result.predictions[i] as number,
      baseValue: result.baseValue,
      method: result.method,
      contributions: result.features
        .map((feature, f) => ({
          feature,
          value: explainer.table.columns[explainer.table.header.indexOf(feature)]?.[row] ?? "",
          shap: result.values[i * m + f] as number,
        }))
        .sort((a, b) => Math.abs(b.shap) - Math.abs(a.shap)),
    }));
  });
}

/** Dataset rows of customer ids; NOT_FOUND naming the first unknown id. */
export function rowsOfCustomers(explainer: RunExplainer, customerIds: string[]): number[] {
  const rowOf = new Map(explainer.rows.customerKeys.map((key, r) => [key, r]));
  return customerIds.map((id) => {
    const row = rowOf.get(id.trim());
    if (row === undefined) {
      throw new KindredError("NOT_FOUND", `customer "${id}" is not in run ${explainer.run.id}'s dataset`, {
        field: "customers",
      });
    }
    return row;
  });
}

function describeBackground(explainer: RunExplainer): { method: string; size: number } {
  return { method: explainer.background.method, size: explainer.background.data.rows };
}
