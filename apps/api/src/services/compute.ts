import type { DatasetSchema, RawTable } from "@kindred/engine/data";
import type { ModelArtifacts } from "@kindred/engine/model";
import {
  type AnalyzeConfig,
  type AnalyzeInput,
  type AnalyzeOutput,
  type AnalyzeStage,
  analyzeRun,
  type RunConfig,
  type RunOutput,
  type RunProgress,
  trainRun,
} from "@kindred/engine/pipeline";
import {
  type RfmOptions,
  type RfmResult,
  rfm,
  type SegmentHistory,
  segmentHistory,
} from "@kindred/engine/rfm";
import { readCsvFile } from "./read-file.ts";

/**
 * A training run's results as plain data: the network is saved (`artifacts`) instead of being a
 * live tfjs model, so it can cross a thread boundary and nothing is left to dispose.
 */
export interface TrainComputation extends Omit<RunOutput, "model"> {
  artifacts: ModelArtifacts;
}

export interface TrainComputeHooks {
  onProgress?: (progress: RunProgress) => void;
  signal?: AbortSignal;
}

/** A transactions file to turn into customers: read, cleaned and summarised off the caller's thread. */
export interface TransactionsTask {
  path: string;
  maxBytes: number;
  options: RfmOptions;
  /** Snapshot dates (ms) for segments over time. */
  snapshots?: number[];
  alertThreshold?: number;
}

/** The RFM result without the cleaned lines (large, and only needed for the snapshots). */
export interface TransactionsComputation {
  sha256: string;
  result: Omit<RfmResult, "transactions"> & { inputRows: number };
  history: SegmentHistory | null;
  readMs: number;
  rfmMs: number;
}

export interface AnalyzeComputeHooks {
  onProgress?: (stage: AnalyzeStage, share: number) => void;
  signal?: AbortSignal;
}

/**
 * The pure engine work of a use case (no database): services load their inputs, hand them to a
 * Compute, then persist what it returns. In process for the CLI, in worker threads for the API.
 */
export interface Compute {
  train(
    table: RawTable,
    schema: DatasetSchema,
    config: RunConfig,
    hooks: TrainComputeHooks,
  ): Promise<TrainComputation>;
  analyze(input: AnalyzeInput, config: AnalyzeConfig, hooks: AnalyzeComputeHooks): Promise<AnalyzeOutput>;
  transactions(
    task: TransactionsTask,
    hooks: { onProgress?: (share: number) => void },
  ): Promise<TransactionsComputation>;
}

/** The error a cancelled computation rejects with; callers recognise it by its name, as the engine's. */
export function abortError(what: string, signal?: AbortSignal): Error {
  const error = new Error(`${what} was aborted`, { cause: signal?.reason });
  error.name = "AbortError";
  return error;
}

/** Runs the engine in the calling thread. */
export const inProcessCompute: Compute = {
  async train(table, schema, config, hooks) {
    const { model, ...output } = await trainRun(table, schema, config, {
      onProgress: hooks.onProgress,
      signal: hooks.signal,
    });
    try {
      return { ...output, artifacts: await model.toArtifacts() };
    } finally {
      model.dispose();
    }
  },

  async analyze(input, config, hooks) {
    // analyzeRun cannot stop part-way; a cancelled signal still keeps it from starting, and keeps
    // a result that finished after the cancellation from being persisted.
    if (hooks.signal?.aborted) throw abortError("Analysis", hooks.signal);
    const output = await analyzeRun(input, config, hooks.onProgress);
    if (hooks.signal?.aborted) throw abortError("Analysis", hooks.signal);
    return output;
  },

  async transactions(task, hooks) {
    const started = performance.now();
    const { table, sha256 } = await readCsvFile(task.path, {
      maxBytes: task.maxBytes,
      onProgress: hooks.onProgress,
    });
    const read = performance.now();
    const { transactions, ...result } = rfm(table, task.options);
    const history = task.snapshots
      ? segmentHistory(transactions, task.snapshots, { alertThreshold: task.alertThreshold })
      : null;
    return {
      sha256,
      result: { ...result, inputRows: transactions.inputRows },
      history,
      readMs: Math.round(read - started),
      rfmMs: Math.round(performance.now() - read),
    };
  },
};
