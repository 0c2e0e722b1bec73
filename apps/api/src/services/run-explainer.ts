import type { DatasetSchema, RawTable } from "@kindred/engine/data";
import { KindredError } from "@kindred/engine/errors";
import {
  type Background,
  DEFAULT_BACKGROUND_OPTIONS,
  DEFAULT_SHAP_OPTIONS,
  type Predictor,
  type ShapMethod,
  type ShapResult,
  shapValues,
  summarizeBackground,
} from "@kindred/engine/explain";
import { type EncoderSpec, type FeatureMatrix, featureGroups, transform } from "@kindred/engine/features";
import { gatherRows } from "@kindred/engine/project";
import type { RawScorer } from "@kindred/engine/tipping";
import type { AppContext } from "../context.ts";
import { getDataset, loadTable } from "../store/dataset-store.ts";
import { loadRunRows, type Run, type RunRowsLoaded } from "../store/run-store.ts";
import { loadRunModel } from "./run-model.ts";

/** How SHAP values are computed; every field has a default. */
export interface ExplainSettings {
  method?: ShapMethod;
  permutations?: number;
  seed?: number;
  background?: { size?: number; method?: "kmeans" | "sample" };
}

export type ResolvedExplainSettings = Required<Omit<ExplainSettings, "background">> & {
  background: { size: number; method: "kmeans" | "sample" };
};

/** A classifier run ready to be explained and asked what-if questions. */
export interface RunExplainer {
  run: Run;
  schema: DatasetSchema;
  encoder: EncoderSpec;
  /** The dataset's rows as imported (raw cells), in row order. */
  table: RawTable;
  rows: RunRowsLoaded;
  /** Every row encoded as at training time. */
  x: FeatureMatrix;
  background: Background;
  settings: ResolvedExplainSettings;
  /** The model on encoded rows: a probability per row. */
  predictor: Predictor;
  /** SHAP values of the given dataset rows (seeded per row: the same alone or in a batch). */
  shap(rows: ArrayLike<number>, onProgress?: (done: number, total: number) => void): ShapResult;
  /** The model on raw rows: encoded like imported rows, then scored. */
  score: RawScorer;
  dispose(): void;
}

export function resolveExplainSettings(settings: ExplainSettings = {}): ResolvedExplainSettings {
  return {
    method: settings.method ?? DEFAULT_SHAP_OPTIONS.method,
    permutations: settings.permutations ?? DEFAULT_SHAP_OPTIONS.permutations,
    seed: settings.seed ?? DEFAULT_SHAP_OPTIONS.seed,
    background: {
      size: settings.background?.size ?? DEFAULT_BACKGROUND_OPTIONS.size,
      method: settings.background?.method ?? DEFAULT_BACKGROUND_OPTIONS.method,
    },
  };
}

/**
 * Loads a succeeded classifier run's model, encoder and rows, encodes every customer and draws
 * the SHAP background from the training rows. Autoencoder runs have no probability to explain.
 */
export async function openRunExplainer(
  ctx: AppContext,
  runId: string,
  settings: ExplainSettings = {},
): Promise<RunExplainer> {
  const resolved = resolveExplainSettings(settings);
  const loaded = await loadRunModel(ctx, runId);
  try {
    if (loaded.model.kind !== "classifier") {
      throw new KindredError(
        "CONFLICT",
        `run ${runId} is an autoencoder (trained without a target): there is no probability to explain or tip`,
        { field: "run" },
      );
    }
    const prisma = ctx.db.prisma;
    const rows = await loadRunRows(prisma, loaded.run);
    const { table } = await loadTable(prisma, await getDataset(prisma, loaded.run.datasetId));
    const x = transform(loaded.encoder, table);
    const trainRows = rows.splits.flatMap((split, r) => (split === "train" ? [r] : []));
    const background = summarizeBackground(x, trainRows, { ...resolved.background, seed: resolved.seed });
    const predictor: Predictor = (m) => loaded.model.predict(m);
    const groups = featureGroups(loaded.encoder);
    return {
      run: loaded.run,
      schema: loaded.schema,
      encoder: loaded.encoder,
      table,
      rows,
      x,
      background,
      settings: resolved,
      predictor,
      shap(picked, onProgress) {
        return shapValues(
          { predictor, x: gatherRows(x, picked), groups, background, rowKeys: picked },
          { method: resolved.method, permutations: resolved.permutations, seed: resolved.seed, onProgress },
        );
      },
      score: (raw) => loaded.model.predict(transform(loaded.encoder, raw)),
      dispose: () => loaded.model.dispose(),
    };
  } catch (error) {
    loaded.model.dispose();
    throw error;
  }
}

/**
 * Runs `work` with the run's explainer: the process's cached one when the context keeps caches
 * (the API), else one opened for this call and disposed after (the CLI).
 */
export async function withRunExplainer<T>(
  ctx: AppContext,
  runId: string,
  settings: ExplainSettings | undefined,
  work: (explainer: RunExplainer) => Promise<T> | T,
): Promise<T> {
  const key = `${runId}|${JSON.stringify(resolveExplainSettings(settings))}`;
  return ctx.caches.withExplainer(
    key,
    () => openRunExplainer(ctx, runId, settings),
    async (e) => work(e),
  );
}
