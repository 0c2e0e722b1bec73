import { randomUUID } from "node:crypto";
import { copyFile, mkdir } from "node:fs/promises";
import { extname, join } from "node:path";
import type { DatasetSchema } from "@kindred/engine/data";
import { KindredError } from "@kindred/engine/errors";
import { checkBatchColumns } from "@kindred/engine/pipeline";
import { validateBusinessSegmentation } from "@kindred/engine/segment";
import type { AppContext } from "../context.ts";
import { parseRunConfig } from "../services/config-files.ts";
import { datasetSchema } from "../services/datasets.ts";
import { readCsvFile } from "../services/read-file.ts";
import { type DictionaryFile, readDictionary } from "../services/text-embeddings.ts";
import { loadRunArtifact } from "../store/artifact-store.ts";
import { getDataset } from "../store/dataset-store.ts";
import type { Job } from "../store/job-store.ts";
import { getRun, type Run } from "../store/run-store.ts";
import type {
  AnalyzeJobInput,
  ExplainJobInput,
  ScoreJobInput,
  TextJobInput,
  TrainJobInput,
} from "./handlers.ts";
import type { JobRunner } from "./job-runner.ts";

/**
 * Starting long work: everything a request can check is checked here, before a job is queued,
 * so bad input gets a typed error at once and leaves nothing behind.
 */

/** Folder of uploads kept for queued jobs (emptied at start-up: those jobs failed). */
export function jobUploadsDir(ctx: AppContext): string {
  return join(ctx.env.dataDir, "uploads", "jobs");
}

export async function startTraining(
  ctx: AppContext,
  jobs: JobRunner,
  input: { datasetId: string; config: unknown; drop: string[]; activate?: boolean },
  userId: string | null,
): Promise<Job> {
  const dataset = await getDataset(ctx.db.prisma, input.datasetId);
  const config = parseRunConfig(input.config);
  const columns = datasetSchema(dataset).columns.map((c) => c.name);
  const unknown = input.drop.find((name) => !columns.includes(name));
  if (unknown !== undefined) {
    throw new KindredError("UNKNOWN_COLUMN", `drop: the dataset has no column "${unknown}"`, {
      field: "drop",
      column: unknown,
    });
  }
  const job: TrainJobInput = { datasetId: dataset.id, config, drop: input.drop, activate: input.activate };
  return jobs.enqueue("train", job, { createdById: userId, datasetId: dataset.id });
}

export async function startAnalysis(
  ctx: AppContext,
  jobs: JobRunner,
  input: AnalyzeJobInput,
  userId: string | null,
): Promise<Job> {
  const run = await succeededRun(ctx, input.runId);
  const { kMin = 2, kMax = 14, sampleSize, perplexity, against, minClusterSize } = input;
  checkInteger(kMin, "kMin", 2, 100);
  checkInteger(kMax, "kMax", 2, 100);
  if (kMin > kMax) {
    throw new KindredError("INVALID_CONFIG", `kMin ${kMin} is above kMax ${kMax}: the K range is reversed`, {
      field: "kMin",
    });
  }
  if (sampleSize !== undefined) checkInteger(sampleSize, "sampleSize", 30, 1_000_000);
  if (minClusterSize !== undefined) checkInteger(minClusterSize, "minClusterSize", 2, 1_000_000);
  if (perplexity !== undefined && !(perplexity > 0 && perplexity < 1000)) {
    throw new KindredError("INVALID_CONFIG", `perplexity must be between 0 and 1000, got ${perplexity}`, {
      field: "perplexity",
    });
  }
  if (against !== undefined && !["oot1", "oot2", "test"].includes(against)) {
    throw new KindredError("INVALID_CONFIG", `against must be oot1, oot2 or test, got "${against}"`, {
      field: "against",
    });
  }
  if (input.segments !== undefined) {
    const schema = await loadRunArtifact<DatasetSchema>(
      ctx.env.dataDir,
      run.artifactPath as string,
      "schema",
    );
    validateBusinessSegmentation(schema, input.segments);
  }
  return jobs.enqueue("analyze", input, { createdById: userId, runId: run.id, datasetId: run.datasetId });
}

/**
 * Scoring a batch: the file is read and its columns checked now (a malformed CSV or a missing
 * feature column is refused at once), then kept for the job.
 */
export async function startScoring(
  ctx: AppContext,
  jobs: JobRunner,
  input: { runId: string; path: string; filename: string },
  userId: string | null,
): Promise<Job> {
  const run = await succeededRun(ctx, input.runId);
  const { table } = await readCsvFile(input.path, { maxBytes: ctx.env.maxFileBytes });
  const schema = await loadRunArtifact<DatasetSchema>(ctx.env.dataDir, run.artifactPath as string, "schema");
  checkBatchColumns(table, schema);
  await mkdir(jobUploadsDir(ctx), { recursive: true });
  const kept = join(jobUploadsDir(ctx), `${randomUUID()}.csv`);
  await copyFile(input.path, kept);
  const job: ScoreJobInput = { runId: run.id, path: kept, filename: input.filename };
  return jobs.enqueue("score", job, { createdById: userId, runId: run.id, datasetId: run.datasetId });
}

export async function startExplanation(
  ctx: AppContext,
  jobs: JobRunner,
  input: ExplainJobInput,
  userId: string | null,
): Promise<Job> {
  const run = await succeededRun(ctx, input.runId);
  if (run.kind !== "classifier") {
    throw new KindredError(
      "CONFLICT",
      `run ${run.id} is an autoencoder: there is no probability to explain`,
      {
        field: "runId",
      },
    );
  }
  if (input.sample !== undefined) checkInteger(input.sample, "sample", 1, 100_000);
  return jobs.enqueue("explain", input, { createdById: userId, runId: run.id, datasetId: run.datasetId });
}

/**
 * Embedding a run's customers as text: a model must be configured and any dictionary must read
 * and name only the dataset's columns, both checked now; the dictionary is kept for the job.
 */
export async function startTextEmbedding(
  ctx: AppContext,
  jobs: JobRunner,
  input: { runId: string; dictionary?: DictionaryFile; model?: string },
  userId: string | null,
): Promise<Job> {
  const run = await succeededRun(ctx, input.runId);
  if (!input.model && !ctx.env.textModel) {
    throw new KindredError(
      "INVALID_CONFIG",
      "no text model: set KINDRED_TEXT_MODEL on the server or name a model",
      { field: "model" },
    );
  }
  let dictionary: DictionaryFile | undefined;
  if (input.dictionary) {
    const schema = await loadRunArtifact<DatasetSchema>(
      ctx.env.dataDir,
      run.artifactPath as string,
      "schema",
    );
    await readDictionary(input.dictionary, ctx.env.maxFileBytes, schema);
    await mkdir(jobUploadsDir(ctx), { recursive: true });
    const kept = join(jobUploadsDir(ctx), `${randomUUID()}${extname(input.dictionary.filename)}`);
    await copyFile(input.dictionary.path, kept);
    dictionary = { ...input.dictionary, path: kept };
  }
  const job: TextJobInput = {
    runId: run.id,
    ...(dictionary ? { dictionary } : {}),
    ...(input.model ? { model: input.model } : {}),
  };
  return jobs.enqueue("text", job, { createdById: userId, runId: run.id, datasetId: run.datasetId });
}

async function succeededRun(ctx: AppContext, runId: string): Promise<Run> {
  const run = await getRun(ctx.db.prisma, runId);
  if (run.status !== "succeeded") {
    throw new KindredError("CONFLICT", `run ${run.id} is ${run.status}: it has no model yet`, {
      field: "runId",
    });
  }
  return run;
}

function checkInteger(value: number, field: string, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new KindredError(
      "INVALID_CONFIG",
      `${field} must be an integer from ${min} to ${max}, got ${value}`,
      {
        field,
      },
    );
  }
}
