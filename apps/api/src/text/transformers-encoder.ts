import { existsSync, statSync } from "node:fs";
import { basename, dirname, isAbsolute, join, resolve } from "node:path";
import { env, type FeatureExtractionPipeline, pipeline } from "@huggingface/transformers";
import { KindredError } from "@kindred/engine/errors";
import type { TextEncoder } from "@kindred/engine/text";

/**
 * The text-encoder port on @huggingface/transformers: a sentence-transformer folder (config.json,
 * tokenizer files, onnx/model.onnx) run by onnxruntime in this process, token embeddings
 * mean-pooled over the attention mask and L2-normalized. Never downloads: a model is a folder
 * given by path, or a name under `modelsDir` (e.g. Xenova/paraphrase-MiniLM-L6-v2).
 */
export async function openTransformersEncoder(options: {
  model: string;
  modelsDir: string;
}): Promise<TextEncoder> {
  const folder = modelFolder(options.model, options.modelsDir);
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = `${dirname(folder)}/`;
  const hasFull = existsSync(join(folder, "onnx", "model.onnx"));
  const hasQuantized = existsSync(join(folder, "onnx", "model_quantized.onnx"));
  if (!hasFull && !hasQuantized) {
    throw new KindredError(
      "NOT_FOUND",
      `the text model folder ${folder} has no onnx/model.onnx (or onnx/model_quantized.onnx)`,
      { field: "KINDRED_TEXT_MODEL" },
    );
  }
  let extractor: FeatureExtractionPipeline;
  try {
    extractor = (await pipeline("feature-extraction", basename(folder), {
      dtype: hasFull ? "fp32" : "q8",
      local_files_only: true,
    })) as FeatureExtractionPipeline;
  } catch (error) {
    throw new KindredError(
      "ARTIFACT_MISMATCH",
      `the text model in ${folder} cannot be loaded: ${(error as Error).message}`,
      {
        field: "KINDRED_TEXT_MODEL",
      },
    );
  }
  const embed = async (texts: string[]): Promise<{ data: Float32Array; dim: number }> => {
    let output: { dims: number[]; data: unknown };
    try {
      output = (await extractor(texts, { pooling: "mean", normalize: true })) as unknown as {
        dims: number[];
        data: unknown;
      };
    } catch (error) {
      throw new KindredError(
        "ARTIFACT_MISMATCH",
        `the text model in ${folder} does not give token embeddings (a last_hidden_state output of [batch, tokens, dim]): ${(error as Error).message}`,
        { field: "KINDRED_TEXT_MODEL" },
      );
    }
    const dim = output.dims[1] ?? 0;
    if (
      output.dims.length !== 2 ||
      output.dims[0] !== texts.length ||
      !(dim > 0) ||
      !(output.data instanceof Float32Array)
    ) {
      throw new KindredError(
        "ARTIFACT_MISMATCH",
        `the text model in ${folder} returned ${JSON.stringify(output.dims)} for ${texts.length} texts, not [texts, dim] float embeddings`,
        { field: "KINDRED_TEXT_MODEL" },
      );
    }
    return { data: Float32Array.from(output.data), dim };
  };
  // One probe sentence tells the width and proves the outputs are what a sentence encoder gives.
  const { dim } = await embed(["probe"]).catch(async (error: unknown) => {
    await extractor.dispose();
    throw error;
  });
  return {
    model: options.model,
    dim,
    encode: async (texts) => (texts.length === 0 ? new Float32Array(0) : (await embed(texts)).data),
    dispose: () => extractor.dispose(),
  };
}

/** The model's folder: a path that exists, else a name under the models folder; NOT_FOUND naming both. */
function modelFolder(model: string, modelsDir: string): string {
  const candidates = isAbsolute(model) ? [model] : [resolve(model), join(modelsDir, model)];
  const found = candidates.find(
    (path) => existsSync(join(path, "config.json")) && statSync(path).isDirectory(),
  );
  if (!found) {
    throw new KindredError(
      "NOT_FOUND",
      `no text model "${model}": looked for a folder with config.json at ${candidates.join(" and ")} (set KINDRED_TEXT_MODEL to a sentence-transformer folder; models are never downloaded)`,
      { field: "KINDRED_TEXT_MODEL" },
    );
  }
  return found;
}
