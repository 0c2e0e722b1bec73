import { type DatasetSchema, inferSchema, type SchemaOverrides } from "@kindred/engine/data";
import { isKindredError } from "@kindred/engine/errors";
import {
  type RunConfigInput,
  type RunProgress,
  resolveRunConfig,
  type SplitMetrics,
} from "@kindred/engine/pipeline";
import { SPLIT, type SplitName, splitNames } from "@kindred/engine/split";
import { type AppContext, ensureModelBackend } from "../context.ts";
import { removeRunArtifacts, saveRunArtifacts } from "../store/artifact-store.ts";
import { getDataset, loadTable } from "../store/dataset-store.ts";
import { completeRun, createRun, deleteRun, failRun, getRun, updateRunProgress } from "../store/run-store.ts";
import type { TrainComputation } from "./compute.ts";
import { openRunIndex } from "./run-index.ts";

export interface TrainInput {
  dataset: string;
  /** More columns to leave out of the features, on top of the dataset's own drops. */
  drop?: string[];
  config?: RunConfigInput;
  onProgress?: (progress: RunProgress) => void;
  signal?: AbortSignal;
  /** Called as soon as the run row exists (a job links itself to it). */
  onRunCreated?: (runId: string) => void;
}

export interface SplitSummary {
  n: number;
  positives: number | null;
  auc: number | null;
  ks: number | null;
  reconstructionError?: number;
}

export interface TrainSummary {
  runId: string;
  datasetId: string;
  kind: string;
  backend: string;
  rows: number;
  features: number;
  encodedColumns: number;
  epochs: number;
  bestEpoch: number;
  embeddingDim: number;
  splitOrder: string;
  /** Embeddings are in the vector index (else it is built on first lookalike). */
  indexed: boolean;
  splits: Partial<Record<SplitName, SplitSummary>>;
  timings: Record<string, number>;
}

/**
 * Trains a run on a stored dataset. The run row exists while training (so progress can be
 * watched); on success its per-customer rows and metrics commit together; on bad input the run
 * is removed again, and on any other failure it is marked failed with no per-customer rows.
 */
export async function trainDatasetRun(ctx: AppContext, input: TrainInput): Promise<TrainSummary> {
  const started = performance.now();
  const prisma = ctx.db.prisma;
  const dataset = await getDataset(prisma, input.dataset);
  const { table, customerIds } = await loadTable(prisma, dataset);
  const loadMs = performance.now() - started;

  const overrides = dataset.overrides as SchemaOverrides;
  const schema = inferSchema(table, {
    ...overrides,
    drop: [...(overrides.drop ?? []), ...(input.drop ?? [])],
  });
  const config = resolveRunConfig(input.config);
  const backend = await ensureModelBackend(ctx.env);
  const kind = schema.target ? "classifier" : "autoencoder";
  const run = await createRun(prisma, {
    datasetId: dataset.id,
    kind,
    config: { ...config, drop: input.drop ?? [], backend } as object,
  });
  input.onRunCreated?.(run.id);

  let lastStage = "";
  try {
    const output = await ctx.compute.train(table, schema, config, {
      signal: input.signal,
      onProgress: (progress) => {
        input.onProgress?.(progress);
        // One write per stage change and per epoch keeps the stored progress live but cheap.
        if (progress.stage !== lastStage || progress.epoch) {
          lastStage = progress.stage;
          void updateRunProgress(prisma, run.id, progress.progress, progress.stage).catch(() => {});
        }
      },
    });
    const saveStarted = performance.now();
    const artifactPath = await saveRunArtifacts(ctx.env.dataDir, run.id, {
      model: output.artifacts,
      encoder: output.encoder,
      schema,
    });
    await completeRun(
      prisma,
      run.id,
      {
        metrics: output.metrics,
        curves: { roc: output.roc, history: output.history },
        encoder: output.encoder,
        config: { ...config, drop: input.drop ?? [], backend, features: output.features },
        featureCount: output.features.length,
        embeddingDim: output.embeddingDim,
        artifactPath,
        timings: output.timings,
      },
      {
        customerIds,
        splits: Array.from(output.splitCodes, splitName),
        labels: output.labels,
        probabilities: output.probabilities,
        embeddings: output.embeddings,
        dim: output.embeddingDim,
      },
    );
    // Index every customer's embedding for lookalike search. The run is complete without it:
    // a missing index is rebuilt from the stored embeddings on first use.
    const indexed = await openRunIndex(ctx, await getRun(prisma, run.id)).then(
      () => true,
      () => false,
    );
    const saveMs = performance.now() - saveStarted;
    return summarize(run.id, dataset.id, backend, schema, output, indexed, {
      loadMs,
      ...output.timings,
      saveMs,
      totalMs: performance.now() - started,
    });
  } catch (error) {
    await removeRunArtifacts(ctx.env.dataDir, run.id).catch(() => {});
    if (isKindredError(error)) {
      // Bad input or configuration: leave no trace of the attempt.
      await deleteRun(prisma, run.id);
    } else {
      const aborted = (error as Error).name === "AbortError";
      await failRun(prisma, run.id, {
        code: aborted ? "CANCELLED" : "INTERNAL",
        message: (error as Error).message,
        cancelled: aborted,
      });
    }
    throw error;
  }
}

function splitName(code: number): string {
  return splitNames.find((name) => SPLIT[name] === code) ?? "unused";
}

function summarize(
  runId: string,
  datasetId: string,
  backend: string,
  schema: DatasetSchema,
  output: TrainComputation,
  indexed: boolean,
  timings: Record<string, number>,
): TrainSummary {
  const splits: TrainSummary["splits"] = {};
  for (const [name, m] of Object.entries(output.metrics) as [SplitName, SplitMetrics | undefined][]) {
    if (!m) continue;
    splits[name] = {
      n: m.n,
      positives: m.positives ?? null,
      auc: finiteOrNull(m.auc),
      ks: finiteOrNull(m.ks),
      ...(m.reconstructionError !== undefined ? { reconstructionError: m.reconstructionError } : {}),
    };
  }
  return {
    runId,
    datasetId,
    kind: output.kind,
    backend,
    rows: schema.rowCount,
    features: output.features.length,
    encodedColumns: output.inputDim,
    epochs: output.history.length,
    bestEpoch: output.bestEpoch,
    embeddingDim: output.embeddingDim,
    splitOrder: output.splitOrderedBy,
    indexed,
    splits,
    timings: Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, Math.round(v)])),
  };
}

function finiteOrNull(value: number | undefined): number | null {
  return value !== undefined && Number.isFinite(value) ? value : null;
}
