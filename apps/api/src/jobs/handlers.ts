import { rm } from "node:fs/promises";
import type { RunConfigInput } from "@kindred/engine/pipeline";
import type { BusinessSegmentation } from "@kindred/engine/segment";
import { analyzeStoredRun } from "../services/analyze-run.ts";
import { explainRun } from "../services/explain-run.ts";
import { activateRun } from "../services/runs.ts";
import { scoreBatch } from "../services/score-batch.ts";
import { type DictionaryFile, embedRunText } from "../services/text-embeddings.ts";
import { trainDatasetRun } from "../services/train-run.ts";
import { getDataset } from "../store/dataset-store.ts";
import type { JobKind } from "../store/job-store.ts";
import type { JobHandler } from "./job-runner.ts";

export interface TrainJobInput {
  datasetId: string;
  config: RunConfigInput;
  drop: string[];
  /** Activate the run when it succeeds; default: only when the dataset has no active run. */
  activate?: boolean;
}

export interface AnalyzeJobInput {
  runId: string;
  kMin?: number;
  kMax?: number;
  seed?: number;
  sampleSize?: number;
  perplexity?: number;
  tsne?: boolean;
  umap?: boolean;
  density?: boolean;
  minClusterSize?: number;
  against?: string;
  segments?: unknown;
}

export interface ScoreJobInput {
  runId: string;
  /** The uploaded batch, kept for the job and removed when it ends. */
  path: string;
  filename: string;
}

export interface TextJobInput {
  runId: string;
  /** The uploaded dictionary, kept for the job and removed when it ends. */
  dictionary?: DictionaryFile;
  model?: string;
}

export interface ExplainJobInput {
  runId: string;
  sample?: number;
}

const ANALYZE_STAGES = ["sweep", "pca", "tsne", "umap", "density", "personas", "drift", "business"];

/** The work behind each kind of job: the same services as the CLI, with progress and cancel. */
export const JOB_HANDLERS: Record<JobKind, JobHandler> = {
  train: async (ctx, raw, hooks) => {
    const input = raw as TrainJobInput;
    const summary = await trainDatasetRun(ctx, {
      dataset: input.datasetId,
      config: input.config,
      drop: input.drop,
      signal: hooks.signal,
      onRunCreated: hooks.linkRun,
      onProgress: (p) =>
        hooks.progress(p.progress * 0.97, p.epoch ? `train epoch ${p.epoch.epoch}` : p.stage),
    });
    hooks.progress(0.98, "activating");
    const dataset = await getDataset(ctx.db.prisma, input.datasetId);
    const activate = input.activate ?? dataset.activeRunId === null;
    if (activate) await activateRun(ctx, summary.runId);
    return { runId: summary.runId, activated: activate, splits: summary.splits, epochs: summary.epochs };
  },
  analyze: async (ctx, raw, hooks) => {
    const { segments, against, ...input } = raw as AnalyzeJobInput;
    const summary = await analyzeStoredRun(ctx, {
      ...input,
      // The API's `against` is the analysis's drift split (the CLI passes it the same way).
      ...(against !== undefined ? { driftAgainst: against } : {}),
      ...(segments !== undefined ? { business: segments as BusinessSegmentation } : {}),
      signal: hooks.signal,
      onProgress: (stage, share) => {
        const index = Math.max(0, ANALYZE_STAGES.indexOf(stage));
        hooks.progress((index + share) / ANALYZE_STAGES.length, stage);
      },
    });
    return {
      analysisId: summary.analysisId,
      recommendedK: summary.recommendedK,
      driftReportId: summary.psi?.reportId ?? null,
    };
  },
  score: async (ctx, raw, hooks) => {
    const input = raw as ScoreJobInput;
    try {
      const result = await scoreBatch(ctx, {
        runId: input.runId,
        path: input.path,
        sourceName: input.filename,
        onProgress: (share, stage) => hooks.progress(share, stage),
      });
      return {
        driftReportId: result.drift.reportId,
        rows: result.rows,
        maxPsi: result.drift.maxPsi,
        status: result.drift.status,
      };
    } finally {
      await rm(input.path, { force: true });
    }
  },
  text: async (ctx, raw, hooks) => {
    const input = raw as TextJobInput;
    try {
      const summary = await embedRunText(ctx, {
        runId: input.runId,
        ...(input.dictionary ? { dictionary: input.dictionary } : {}),
        ...(input.model ? { model: input.model } : {}),
        signal: hooks.signal,
        onProgress: (share, stage) => hooks.progress(share, stage),
      });
      return { model: summary.model, dim: summary.dim, rows: summary.rows, comparison: summary.comparison };
    } finally {
      if (input.dictionary) await rm(input.dictionary.path, { force: true });
    }
  },
  explain: async (ctx, raw, hooks) => {
    const input = raw as ExplainJobInput;
    const summary = await explainRun(ctx, {
      runId: input.runId,
      ...(input.sample !== undefined ? { sample: input.sample } : {}),
      onProgress: (share, stage) => hooks.progress(share, stage),
    });
    return { explanationId: summary.explanationId, rows: summary.rows, method: summary.method };
  },
};
