import type { DatasetSchema, RawTable } from "@kindred/engine/data";
import { KindredError } from "@kindred/engine/errors";
import { type EncoderSpec, transform } from "@kindred/engine/features";
import { loadModel, type ModelArtifacts, type TrainedModel } from "@kindred/engine/model";
import { type AppContext, ensureModelBackend } from "../context.ts";
import { loadRunArtifact } from "../store/artifact-store.ts";
import { getRun, type Run } from "../store/run-store.ts";

export interface RunModel {
  run: Run;
  model: TrainedModel;
  encoder: EncoderSpec;
  schema: DatasetSchema;
}

/** A succeeded run's saved network, encoder and schema, ready to score new rows. */
export async function loadRunModel(ctx: AppContext, runId: string): Promise<RunModel> {
  const run = await getRun(ctx.db.prisma, runId);
  if (run.status !== "succeeded" || !run.artifactPath) {
    throw new KindredError("CONFLICT", `run ${run.id} is ${run.status}: it has no saved model`, {
      field: "run",
    });
  }
  await ensureModelBackend(ctx.env);
  const [artifacts, encoder, schema] = await Promise.all([
    loadRunArtifact<ModelArtifacts>(ctx.env.dataDir, run.artifactPath, "model"),
    loadRunArtifact<EncoderSpec>(ctx.env.dataDir, run.artifactPath, "encoder"),
    loadRunArtifact<DatasetSchema>(ctx.env.dataDir, run.artifactPath, "schema"),
  ]);
  return { run, model: await loadModel(artifacts), encoder, schema };
}

/** Encodes rows exactly as at training time and returns probabilities (classifiers) and embeddings. */
export function scoreRows(
  loaded: RunModel,
  table: RawTable,
): { probabilities?: Float32Array; embeddings: Float32Array; dim: number } {
  const x = transform(loaded.encoder, table);
  return {
    probabilities: loaded.model.kind === "classifier" ? loaded.model.predict(x) : undefined,
    embeddings: loaded.model.embed(x),
    dim: loaded.model.embeddingDim,
  };
}
